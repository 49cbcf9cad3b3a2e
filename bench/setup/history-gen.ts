import type SQLite from 'better-sqlite3';
import { e164Of, nsnAt, PLANS } from './numbers-gen.js';
import { Random } from './random.js';

/** The source name of the seeded call log; bench runs use their own and delete only those. */
export const HISTORY_SOURCE = 'history';

const DAY_MS = 86_400_000;

/**
 * A call log as an installation has it after a few months: `perUser` earlier calls for each
 * user, spread over the last `days` days, mostly answered, some missed, most with a caller the
 * directory named. It makes the call tables as deep as in real use, so that per-event writes
 * and lookups that walk a user's history instead of one call show up in the figures.
 */
export function seedCallHistory(
  sqlite: SQLite.Database,
  users: readonly { id: number; extension: string }[],
  options: { perUser: number; days: number; seed: number; now?: number },
): number {
  const random = new Random(options.seed);
  const now = options.now ?? Date.now();
  const insertCall = sqlite.prepare(
    `INSERT INTO calls (id, source, call_id, direction, phase, outcome, cause, remote_raw, remote_e164, remote_digits,
       answered_by, answered_by_user_id, identified_name, identified_source, started_at, answered_at, ended_at, ring_ms, talk_ms, updated_at)
     VALUES (@id, @source, @call_id, 'inbound', 'ended', @outcome, @cause, @remote, @remote, @digits,
       @answered_by, @answered_by_user_id, @name, @identified_source, @started_at, @answered_at, @ended_at, @ring_ms, @talk_ms, @ended_at)`,
  );
  const insertParty = sqlite.prepare(
    `INSERT INTO call_parties (call_id, extension, user_id, state, cause, answered, identified_name, identified_source, started_at)
     VALUES (@id, @extension, @user_id, 'ended', @cause, @answered, @name, @identified_source, @started_at)`,
  );
  let count = 0;
  const batch = sqlite.transaction((rows: Record<string, string | number | null>[]) => {
    for (const row of rows) {
      insertCall.run(row);
      insertParty.run(row);
    }
  });
  let rows: Record<string, string | number | null>[] = [];
  for (let n = 0; n < users.length * options.perUser; n++) {
    const user = users[n % users.length]!;
    const plan = random.pick(PLANS);
    const remote = e164Of(plan, nsnAt(plan, random.int(0, 10 ** plan.free / 2 - 1)));
    const startedAt = now - random.int(DAY_MS, options.days * DAY_MS);
    const answered = random.chance(0.8);
    const ringMs = random.int(2_000, 25_000);
    const talkMs = answered ? random.int(10_000, 600_000) : 0;
    const named = random.chance(0.7);
    const callId = `h${n}`;
    rows.push({
      id: `${HISTORY_SOURCE}:${callId}`,
      call_id: callId,
      source: HISTORY_SOURCE,
      outcome: answered ? 'answered' : 'missed',
      cause: answered ? 'completed' : 'noanswer',
      remote,
      digits: remote.slice(1),
      answered_by: answered ? user.extension : null,
      answered_by_user_id: answered ? user.id : null,
      name: named ? `Caller ${n}` : null,
      identified_source: named ? 'central' : null,
      started_at: startedAt,
      answered_at: answered ? startedAt + ringMs : null,
      ended_at: startedAt + ringMs + talkMs,
      ring_ms: ringMs,
      talk_ms: answered ? talkMs : null,
      extension: user.extension,
      user_id: user.id,
      answered: answered ? 1 : 0,
    });
    if (rows.length === 10_000) {
      batch(rows);
      count += rows.length;
      rows = [];
    }
  }
  batch(rows);
  return count + rows.length;
}
