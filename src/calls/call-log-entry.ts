import type { CallLogEntry } from '../store/calls.js';

/**
 * A call-log row as the viewer sees it: what they were shown about the caller when they were on
 * the call (possibly their private contact), otherwise what everyone may know. For the API and
 * the CLI alike.
 */
export function logEntry(row: CallLogEntry) {
  const mine = row.my_state !== null;
  const useMine = mine && row.my_identified_name !== null;
  return {
    id: row.id,
    source: row.source,
    direction: row.direction,
    phase: row.phase,
    outcome: row.outcome,
    cause: row.cause,
    causeText: row.cause_text,
    remoteNumber: row.remote_raw,
    remoteE164: row.remote_e164,
    remoteName: row.remote_name,
    localNumber: row.local_number,
    queue: row.queue,
    answeredBy: row.answered_by,
    answeredByUserId: row.answered_by_user_id,
    identity: useMine
      ? { name: row.my_identified_name, company: row.my_identified_company, source: row.my_identified_source, ref: row.my_identified_ref }
      : row.identified_name
        ? { name: row.identified_name, company: row.identified_company, source: row.identified_source, ref: row.identified_ref }
        : null,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    ringMs: row.ring_ms,
    talkMs: row.talk_ms,
    closedBy: row.closed_by,
    mine: mine ? { state: row.my_state, answered: row.my_answered === 1 } : null,
  };
}
