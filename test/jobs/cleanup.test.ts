import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createLogger } from '../../src/app/logger.js';
import { createSwitchboard, type Switchboard } from '../../src/app/switchboard.js';
import { loadConfig } from '../../src/config/load.js';
import type { Call } from '../../src/domain/calls/call.js';
import { runCleanup } from '../../src/jobs/cleanup.js';
import { msUntil, scheduleDaily } from '../../src/jobs/daily.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('runCleanup', () => {
  let dataDir: string;
  let sb: Switchboard;
  let userId: number;
  const now = Date.UTC(2025, 5, 15, 2, 0);

  /** Writes a call as the call service would have, last touched at `updatedAt`. */
  const store = async (callId: string, updatedAt: number, fields: Partial<Call> & { startedAt: number }) => {
    const call: Call = {
      id: `pbx:${callId}`,
      source: 'pbx',
      callId,
      direction: 'inbound',
      phase: 'ringing',
      remoteNumber: '+4722334455',
      legs: [{ extension: '201', state: fields.phase === 'answered' ? 'answered' : 'ringing', since: fields.startedAt }],
      ...fields,
    };
    await sb.repos.calls.save(call, [{ extension: '201', userId }], null, null, updatedAt);
    return call.id;
  };

  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-cleanup-'));
    // Open calls count as abandoned after an hour without news; the log keeps 30 days.
    const { config } = loadConfig({ env: { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_CALLS_MAX_CALL_SECONDS: '3600', SWITCHBOARD_CALLS_RETENTION_DAYS: '30' }, cwd: dataDir });
    sb = await createSwitchboard(config, createLogger('silent'));
    userId = (await sb.users.create({ username: 'kari', password: 'kari-password', devices: [{ extension: '201' }] })).id;
  });
  after(async () => {
    await sb.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('closes abandoned open calls, leaves fresh ones, purges past retention, drops expired sessions', async () => {
    const staleRinging = await store('stale-ringing', now - 3 * HOUR, { startedAt: now - 3 * HOUR - 5000 });
    const staleAnswered = await store('stale-answered', now - 2 * HOUR, { phase: 'answered', startedAt: now - 2 * HOUR - 9000, answeredAt: now - 2 * HOUR, answeredBy: '201' });
    const staleOutbound = await store('stale-outbound', now - 2 * HOUR, {
      direction: 'outbound',
      phase: 'dialing',
      startedAt: now - 2 * HOUR,
      legs: [{ extension: '201', state: 'dialing', since: now - 2 * HOUR }],
    });
    const fresh = await store('fresh', now - 10 * 60_000, { startedAt: now - 10 * 60_000 });
    const ended = { phase: 'ended' as const, outcome: 'answered' as const, answeredAt: 0, answeredBy: '201' };
    const old = await store('old', now - 31 * DAY, { ...ended, startedAt: now - 31 * DAY, answeredAt: now - 31 * DAY + 5000, endedAt: now - 31 * DAY + 60_000 });
    const recent = await store('recent', now - 29 * DAY, { ...ended, startedAt: now - 29 * DAY, answeredAt: now - 29 * DAY + 5000, endedAt: now - 29 * DAY + 60_000 });
    await sb.repos.calls.addNote(old, userId, 'called back');
    await sb.repos.credentials.createSession({ idHash: 'expired', userId, now: now - 2 * DAY, expiresAt: now - DAY });
    await sb.repos.credentials.createSession({ idHash: 'valid', userId, now: now - HOUR, expiresAt: now + HOUR });

    const result = await runCleanup(sb, now);
    assert.deepEqual(result, { closed: 3, purged: 1, sessions: 1 });

    const ringing = await sb.repos.calls.byId(staleRinging);
    assert.equal(ringing?.phase, 'ended');
    assert.equal(ringing?.outcome, 'missed');
    assert.equal(ringing?.closed_by, 'cleanup');
    assert.equal(ringing?.cause, 'unknown');
    assert.equal(ringing?.ended_at, now - 3 * HOUR, 'ended when it was last heard of');
    assert.equal(ringing?.state_json, null, 'no longer resumed at the next start');
    assert.deepEqual((await sb.repos.calls.parties(staleRinging)).map((p) => p.state), ['ended']);
    assert.equal(ringing?.ring_ms, 5000, 'rang from its start until it was last heard of');
    assert.equal(ringing?.talk_ms, null);
    const answered = await sb.repos.calls.byId(staleAnswered);
    assert.equal(answered?.outcome, 'answered');
    assert.equal(answered?.ring_ms, 9000);
    assert.equal(answered?.talk_ms, 0, 'talk time up to the last news of the call');
    assert.equal((await sb.repos.calls.byId(staleOutbound))?.outcome, 'notanswered');

    const untouched = await sb.repos.calls.byId(fresh);
    assert.equal(untouched?.phase, 'ringing');
    assert.equal(untouched?.closed_by, null);
    assert.equal(untouched?.outcome, null);
    assert.deepEqual((await sb.repos.calls.openCalls()).map((c) => c.id), [fresh]);

    assert.equal(await sb.repos.calls.byId(old), undefined);
    assert.deepEqual(await sb.repos.calls.parties(old), [], 'its parties went with it');
    assert.deepEqual(await sb.repos.calls.notes(old), [], 'and its notes');
    const kept = await sb.repos.calls.byId(recent);
    assert.equal(kept?.outcome, 'answered');
    assert.equal(kept?.closed_by, null);

    assert.equal(await sb.repos.credentials.sessionByHash('expired'), undefined);
    assert.ok(await sb.repos.credentials.sessionByHash('valid'));

    // A second run finds nothing more to do.
    assert.deepEqual(await runCleanup(sb, now), { closed: 0, purged: 0, sessions: 0 });
  });
});

describe('msUntil', () => {
  // Local times, away from daylight-saving changes in either hemisphere.
  const at = (month: number, day: number, h: number, m: number, s = 0) => new Date(2025, month, day, h, m, s);

  test('later today', () => {
    assert.equal(msUntil('02:00', at(0, 15, 1, 0)), HOUR);
    assert.equal(msUntil('02:00', at(0, 15, 1, 59, 30)), 30_000);
    assert.equal(msUntil('23:59', at(6, 15, 0, 0)), 23 * HOUR + 59 * 60_000);
  });

  test('tomorrow once the time has come or passed', () => {
    assert.equal(msUntil('02:00', at(0, 15, 2, 0)), DAY, 'exactly now runs tomorrow, not twice');
    assert.equal(msUntil('02:00', at(0, 15, 3, 0)), 23 * HOUR);
    assert.equal(msUntil('00:00', at(6, 15, 12, 0)), 12 * HOUR);
  });

  test('across the end of a month and a year', () => {
    assert.equal(msUntil('02:00', at(0, 31, 23, 0)), 3 * HOUR);
    const target = new Date(at(11, 31, 23, 30).getTime() + msUntil('01:15', at(11, 31, 23, 30)));
    assert.deepEqual([target.getFullYear(), target.getMonth(), target.getDate(), target.getHours(), target.getMinutes()], [2026, 0, 1, 1, 15]);
  });
});

describe('scheduleDaily', () => {
  test('runs the job at the time, again the next day, even after a failure; stops when told', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const runs: number[] = [];
    const errors: unknown[] = [];
    const stop = scheduleDaily(
      '02:00',
      async () => {
        runs.push(runs.length);
        if (runs.length === 1) throw new Error('first run fails');
      },
      (error) => errors.push(error),
    );
    // The real clock moves a few ms between arming and these reads: keep a second of margin.
    t.mock.timers.tick(msUntil('02:00', new Date()) - 1000);
    await flush();
    assert.equal(runs.length, 0, 'not before the time');
    t.mock.timers.tick(2000);
    await flush();
    assert.equal(runs.length, 1);
    assert.equal(errors.length, 1);
    t.mock.timers.tick(msUntil('02:00', new Date()) + 1000);
    await flush();
    assert.equal(runs.length, 2, 'the failure did not stop the next run');
    stop();
    t.mock.timers.tick(2 * DAY);
    await flush();
    assert.equal(runs.length, 2);
  });
});

/** Lets the job's promise chain settle (the timers are fake, microtasks are not). */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
