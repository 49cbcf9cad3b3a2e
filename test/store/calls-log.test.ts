import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Call } from '../../src/domain/calls/call.js';
import { CallsRepo } from '../../src/store/calls.js';
import { openStore, type Store } from '../../src/store/database.js';

let dir: string;
let store: Store;
let calls: CallsRepo;
const T0 = Date.UTC(2026, 10, 1);

function call(n: number, extensions: string[], outcome: 'answered' | 'missed'): Call {
  const startedAt = T0 + Math.floor(n / 2) * 60_000; // pairs of calls share a start time
  return {
    id: `src:${String(n).padStart(3, '0')}`,
    source: 'src',
    callId: String(n),
    direction: 'inbound',
    phase: 'ended',
    remoteNumber: `+47223344${String(n % 100).padStart(2, '0')}`,
    legs: extensions.map((extension) => ({ extension, state: 'ended', since: startedAt + 500 })),
    startedAt,
    endedAt: startedAt + 30_000,
    outcome,
  };
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'switchboard-log-'));
  store = await openStore(dir);
  calls = new CallsRepo(store.db, store.sqlite);
  const insertUser = store.sqlite.prepare(`INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, 'user', 'x', 0)`);
  insertUser.run('kari', 'Kari');
  insertUser.run('ola', 'Ola');
  for (let n = 0; n < 120; n++) {
    // Kari has two devices (201, 901); every third call rings both. Ola (202) is on the even calls.
    const extensions = n % 3 === 0 ? ['201', '901'] : ['201'];
    if (n % 2 === 0) extensions.push('202');
    const parties = extensions.map((extension) => ({ extension, userId: extension === '202' ? 2 : 1 }));
    const c = call(n, extensions, n % 5 === 0 ? 'missed' : 'answered');
    await calls.save(c, parties, null, { e164: c.remoteNumber!, digits: c.remoteNumber!.slice(1) });
  }
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Follows `before` cursors the way the API's `next` does, collecting every page. */
async function allPages(filter: Parameters<CallsRepo['list']>[0], viewer: number) {
  const seen: string[] = [];
  let before: { startedAt: number; id: string } | undefined;
  for (let page = 0; page < 100; page++) {
    const rows = await calls.list({ ...filter, before, limit: 7 }, viewer);
    seen.push(...rows.map((r) => r.id));
    if (rows.length < 7) return seen;
    const last = rows[rows.length - 1]!;
    before = { startedAt: last.started_at, id: last.id };
  }
  throw new Error('paging did not end');
}

const expected = (keep: (n: number) => boolean) =>
  Array.from({ length: 120 }, (_, n) => n)
    .filter(keep)
    .map((n) => ({ id: `src:${String(n).padStart(3, '0')}`, startedAt: T0 + Math.floor(n / 2) * 60_000 }))
    .sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1))
    .map((c) => c.id);

test('a user\'s log lists each of their calls once, newest first, across pages, even with two devices on a call', async () => {
  assert.deepEqual(await allPages({ userId: 1 }, 1), expected(() => true));
  assert.deepEqual(await allPages({ userId: 2 }, 2), expected((n) => n % 2 === 0));
});

test('filters and time ranges apply to a user\'s log as to everyone\'s', async () => {
  assert.deepEqual(await allPages({ userId: 2, outcome: ['missed'] }, 2), expected((n) => n % 2 === 0 && n % 5 === 0));
  const from = T0 + 10 * 60_000;
  const to = T0 + 20 * 60_000;
  assert.deepEqual(await allPages({ userId: 1, from, to }, 1), expected((n) => Math.floor(n / 2) >= 10 && Math.floor(n / 2) < 20));
  assert.deepEqual(await allPages({ outcome: ['missed'], from, to }, 1), expected((n) => n % 5 === 0 && Math.floor(n / 2) >= 10 && Math.floor(n / 2) < 20));
  assert.deepEqual(await allPages({ userId: 1, number: '22334407' }, 1), expected((n) => n % 100 === 7));
});

test('each entry carries the viewer\'s own part in the call', async () => {
  const [newest] = await calls.list({ userId: 2, limit: 1 }, 2);
  assert.equal(newest?.id, 'src:118');
  assert.equal(newest?.my_state, 'ended');
  const [notMine] = await calls.list({ id: 'src:119', limit: 1 }, 2);
  assert.equal(notMine?.my_state, null);
});
