import type { CallDirection, CallEvent, EndCause } from './call-event.js';
import type { Call } from './call.js';

/**
 * What the tracker knows about an open call, kept as merges that do not depend on the order the
 * events arrived in: earliest/latest times, OR-ed flags, earliest-seen field values. Applying an
 * event twice changes nothing, and any arrival order of the same events yields the same facts.
 * The visible Call is derived from these (see derive-call.ts).
 */

/** A field value and the event time it was seen at. */
export interface Stamped {
  value: string;
  at: number;
}

/** One extension's part, as facts; its state is derived from which of these is latest. */
export interface LegFacts {
  extension: string;
  firstSeenAt: number;
  /** Some event said this extension placed the call (outbound leg). */
  dialed: boolean;
  /** Latest ring/dial time: a ring later than the leg's end means it rings again (queue re-ring). */
  lastRingAt?: number;
  firstAnswerAt?: number;
  lastAnswerAt?: number;
  /** Latest leg-only end and its cause. */
  endAt?: number;
  endCause?: EndCause;
}

export interface CallFacts {
  id: string;
  source: string;
  callId: string;
  direction: CallDirection;
  /** Earliest event time seen for the call. */
  startedAt: number;
  /** Latest event time seen: the last sign of life, used by the sweep and as the floor of endedAt. */
  lastSeenAt: number;
  remoteNumber?: Stamped;
  remoteName?: Stamped;
  localNumber?: Stamped;
  queue?: Stamped;
  /** Answers reported without an extension (far end picked up, or "somebody" answered). */
  firstAnonymousAnswerAt?: number;
  lastAnonymousAnswerAt?: number;
  legs: Map<string, LegFacts>;
}

export function newCallFacts(id: string, event: CallEvent): CallFacts {
  return {
    id,
    source: event.source,
    callId: event.callId,
    direction: event.direction,
    startedAt: event.at,
    lastSeenAt: event.at,
    legs: new Map(),
  };
}

/** True when the event ends the whole call rather than one extension's leg. */
export const endsCall = (event: CallEvent): boolean => event.kind === 'ended' && event.legOnly !== true;

/** Merges one event into the facts. Ending the call itself is the tracker's business, not this. */
export function recordEvent(facts: CallFacts, event: CallEvent): void {
  const { at } = event;
  facts.startedAt = Math.min(facts.startedAt, at);
  facts.lastSeenAt = Math.max(facts.lastSeenAt, at);
  facts.remoteNumber = earliest(facts.remoteNumber, event.remoteNumber, at);
  facts.remoteName = earliest(facts.remoteName, event.remoteName, at);
  facts.localNumber = earliest(facts.localNumber, event.localNumber, at);
  facts.queue = earliest(facts.queue, event.queue, at);

  switch (event.kind) {
    case 'ringing':
    case 'dialing':
      for (const extension of extensionsOf(event)) {
        const leg = touchLeg(facts, extension, at);
        leg.lastRingAt = max(leg.lastRingAt, at);
        if (event.kind === 'dialing') leg.dialed = true;
      }
      return;
    case 'answered':
      if (event.extension) {
        const leg = touchLeg(facts, event.extension, at);
        leg.firstAnswerAt = min(leg.firstAnswerAt, at);
        leg.lastAnswerAt = max(leg.lastAnswerAt, at);
      } else {
        facts.firstAnonymousAnswerAt = min(facts.firstAnonymousAnswerAt, at);
        facts.lastAnonymousAnswerAt = max(facts.lastAnonymousAnswerAt, at);
      }
      return;
    case 'ended':
      for (const extension of extensionsOf(event)) {
        const leg = touchLeg(facts, extension, at);
        if (event.legOnly === true) endLeg(leg, at, event.cause ?? 'unknown');
      }
      return;
  }
}

/** Rebuilds facts from a stored open call (after a restart) so that deriving gives it back. */
export function factsFromCall(call: Call): CallFacts {
  const facts: CallFacts = {
    id: call.id,
    source: call.source,
    callId: call.callId,
    direction: call.direction,
    startedAt: call.startedAt,
    lastSeenAt: call.startedAt,
    legs: new Map(),
  };
  const seen = (at: number | undefined): void => {
    if (at !== undefined) facts.lastSeenAt = Math.max(facts.lastSeenAt, at);
  };
  seen(call.answeredAt);
  facts.remoteNumber = earliest(undefined, call.remoteNumber, call.startedAt);
  facts.remoteName = earliest(undefined, call.remoteName, call.startedAt);
  facts.localNumber = earliest(undefined, call.localNumber, call.startedAt);
  facts.queue = earliest(undefined, call.queue, call.startedAt);

  for (const stored of call.legs) {
    const leg: LegFacts = {
      extension: stored.extension,
      firstSeenAt: stored.since,
      dialed: stored.state === 'dialing' || call.direction === 'outbound',
      lastRingAt: stored.since,
    };
    if (stored.answeredAt !== undefined) {
      leg.firstAnswerAt = stored.answeredAt;
      leg.lastAnswerAt = stored.answeredAt;
    }
    if (stored.state === 'ended' && stored.endedAt !== undefined) {
      endLeg(leg, stored.endedAt, stored.cause ?? 'unknown');
    }
    seen(stored.since);
    seen(stored.answeredAt);
    seen(stored.endedAt);
    facts.legs.set(leg.extension, leg);
  }
  if (call.answeredAt !== undefined && !call.legs.some((leg) => leg.answeredAt !== undefined)) {
    facts.firstAnonymousAnswerAt = call.answeredAt;
    facts.lastAnonymousAnswerAt = call.answeredAt;
  }
  return facts;
}

function extensionsOf(event: CallEvent): string[] {
  const all = event.extension ? [event.extension] : [];
  for (const extension of event.extensions ?? []) {
    if (extension && !all.includes(extension)) all.push(extension);
  }
  return all;
}

function touchLeg(facts: CallFacts, extension: string, at: number): LegFacts {
  let leg = facts.legs.get(extension);
  if (leg === undefined) {
    leg = { extension, firstSeenAt: at, dialed: false };
    facts.legs.set(extension, leg);
  } else {
    leg.firstSeenAt = Math.min(leg.firstSeenAt, at);
  }
  return leg;
}

/** Two different causes at the same instant: pick one by a fixed rank so replay order never matters. */
const CAUSE_RANK: readonly EndCause[] = [
  'answered_elsewhere',
  'completed',
  'busy',
  'rejected',
  'failed',
  'voicemail',
  'noanswer',
  'cancelled',
  'unknown',
];

function endLeg(leg: LegFacts, at: number, cause: EndCause): void {
  const later = leg.endAt === undefined || at > leg.endAt;
  const tieWinner =
    at === leg.endAt && leg.endCause !== undefined && CAUSE_RANK.indexOf(cause) < CAUSE_RANK.indexOf(leg.endCause);
  if (later || tieWinner) {
    leg.endAt = at;
    leg.endCause = cause;
  }
}

/** Earliest sighting wins (ties: the smaller string) so that order cannot decide; empty never blanks. */
function earliest(current: Stamped | undefined, value: string | undefined, at: number): Stamped | undefined {
  if (value === undefined || value === '') return current;
  if (current === undefined || at < current.at || (at === current.at && value < current.value)) {
    return { value, at };
  }
  return current;
}

const min = (a: number | undefined, b: number): number => (a === undefined ? b : Math.min(a, b));
const max = (a: number | undefined, b: number): number => (a === undefined ? b : Math.max(a, b));
