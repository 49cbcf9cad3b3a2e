import type { CallDirection, EndCause } from './call-event.js';
import type { Call, CallLeg, CallOutcome } from './call.js';

export interface CallEnd {
  /** Floor for endedAt: the latest event time seen on the call, the end itself included. */
  lastSeenAt: number;
  cause?: EndCause;
  causeText?: string;
  byTimeout: boolean;
}

/**
 * The final form of a call from its last open form. endedAt is never before anything seen on the
 * call (so never before answeredAt, even with skewed clocks). Legs still open end with it.
 */
export function closeCall(open: Call, end: CallEnd): Call {
  const answered = open.answeredAt !== undefined;
  const cause = end.cause ?? (answered ? 'completed' : 'unknown');
  const endedAt = Math.max(end.lastSeenAt, open.startedAt, open.answeredAt ?? open.startedAt);
  const closed: Call = {
    ...open,
    phase: 'ended',
    legs: open.legs.map((leg) => closeLeg(leg, endedAt, cause)),
    endedAt,
    outcome: outcomeOf(open.direction, answered, cause),
    cause,
  };
  if (end.causeText !== undefined) closed.causeText = end.causeText;
  if (end.byTimeout) closed.closedByTimeout = true;
  return closed;
}

/**
 * Inbound: answered or missed; an unanswered call the source says was answered elsewhere (by a
 * phone we do not track) is not a missed call. Outbound: answered, else by cause.
 */
export function outcomeOf(direction: CallDirection, answered: boolean, cause: EndCause): CallOutcome {
  if (answered) return 'answered';
  if (direction === 'inbound') return cause === 'answered_elsewhere' ? 'answered' : 'missed';
  if (cause === 'busy') return 'busy';
  if (cause === 'failed' || cause === 'rejected') return 'failed';
  return 'notanswered';
}

/** Causes that describe a call that never connected; they make no sense for a leg that talked. */
const NOT_CONNECTED: ReadonlySet<EndCause> = new Set([
  'noanswer',
  'cancelled',
  'busy',
  'rejected',
  'voicemail',
  'answered_elsewhere',
]);

function closeLeg(leg: CallLeg, endedAt: number, callCause: EndCause): CallLeg {
  if (leg.state === 'ended') return { ...leg };
  if (leg.state === 'answered') {
    return { ...leg, state: 'ended', endedAt, cause: NOT_CONNECTED.has(callCause) ? 'completed' : callCause };
  }
  // Still ringing when a talked-through call ends: the caller went away while this leg rang.
  return { ...leg, state: 'ended', endedAt, cause: callCause === 'completed' ? 'cancelled' : callCause };
}
