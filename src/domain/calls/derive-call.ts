import type { CallDirection } from './call-event.js';
import type { Call, CallLeg, CallPhase, LegState } from './call.js';
import type { CallFacts, LegFacts, Stamped } from './call-facts.js';

/**
 * Turns the facts of an open call into the Call everybody sees. Rules, all decided by event time
 * (never by arrival order):
 * - An answered leg never rings again; it ends when the source ends it (leg-only end later than its
 *   answer) or when another extension answers after it (transfer, pickup): cause `completed`.
 *   So at most one leg is `answered` at a time, and it is `answeredBy`.
 * - A ringing leg ends with the source's cause when a leg-only end is at least as late as its
 *   last ring, else with `answered_elsewhere` once some other answer comes at or after that ring.
 *   A ring later than the leg's end (queue re-ring) makes it ring again.
 * - An answer without extension belongs to the only leg (outbound: the only dialing leg); with
 *   several candidates it answers the call as a whole, which stops every leg ringing before it.
 * - answeredAt is the earliest answer; answeredBy the extension that answered last (who holds it).
 */
export function deriveOpenCall(facts: CallFacts): Call {
  const anonymousOwner = ownerOfAnonymousAnswer(facts);
  const answers = answerPoints(facts, anonymousOwner);

  const legs: CallLeg[] = [];
  for (const leg of facts.legs.values()) {
    legs.push(deriveLeg(leg, effectiveAnswers(facts, leg, anonymousOwner), answers, facts.direction));
  }
  legs.sort((a, b) => a.since - b.since || compareText(a.extension, b.extension));

  const first = answers[0];
  const holder = lastKnownAnswerer(answers);
  const call: Call = {
    id: facts.id,
    source: facts.source,
    callId: facts.callId,
    direction: facts.direction,
    phase: openPhase(facts.direction, first !== undefined),
    legs,
    startedAt: facts.startedAt,
  };
  setField(call, 'remoteNumber', facts.remoteNumber);
  setField(call, 'remoteName', facts.remoteName);
  setField(call, 'localNumber', facts.localNumber);
  setField(call, 'queue', facts.queue);
  if (holder !== undefined) call.answeredBy = holder;
  if (first !== undefined) call.answeredAt = first.at;
  return call;
}

/** One moment some extension (or, when undefined, somebody) answered. */
interface AnswerPoint {
  at: number;
  extension: string | undefined;
}

interface LegAnswers {
  first?: number;
  last?: number;
}

function ownerOfAnonymousAnswer(facts: CallFacts): LegFacts | undefined {
  if (facts.firstAnonymousAnswerAt === undefined) return undefined;
  if (facts.direction === 'outbound') {
    let dialer: LegFacts | undefined;
    let dialers = 0;
    for (const leg of facts.legs.values()) {
      if (leg.dialed) {
        dialer = leg;
        dialers += 1;
      }
    }
    if (dialers === 1) return dialer;
  }
  if (facts.legs.size === 1) return facts.legs.values().next().value;
  return undefined;
}

function effectiveAnswers(facts: CallFacts, leg: LegFacts, anonymousOwner: LegFacts | undefined): LegAnswers {
  if (leg !== anonymousOwner) return { first: leg.firstAnswerAt, last: leg.lastAnswerAt };
  return {
    first: minDefined(leg.firstAnswerAt, facts.firstAnonymousAnswerAt),
    last: maxDefined(leg.lastAnswerAt, facts.lastAnonymousAnswerAt),
  };
}

/** Sorted by time, then extension (anonymous first): a total order, so ties are decided the same way every replay. */
function answerPoints(facts: CallFacts, anonymousOwner: LegFacts | undefined): AnswerPoint[] {
  const points: AnswerPoint[] = [];
  const add = (first: number | undefined, last: number | undefined, extension: string | undefined): void => {
    if (first !== undefined) points.push({ at: first, extension });
    if (last !== undefined && last !== first) points.push({ at: last, extension });
  };
  for (const leg of facts.legs.values()) {
    const own = effectiveAnswers(facts, leg, anonymousOwner);
    add(own.first, own.last, leg.extension);
  }
  if (anonymousOwner === undefined) add(facts.firstAnonymousAnswerAt, facts.lastAnonymousAnswerAt, undefined);
  return points.sort(comparePoints);
}

function comparePoints(a: AnswerPoint, b: AnswerPoint): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.extension === b.extension) return 0;
  if (a.extension === undefined) return -1;
  if (b.extension === undefined) return 1;
  return compareText(a.extension, b.extension);
}

function lastKnownAnswerer(points: AnswerPoint[]): string | undefined {
  for (let i = points.length - 1; i >= 0; i -= 1) {
    const extension = points[i]?.extension;
    if (extension !== undefined) return extension;
  }
  return undefined;
}

// Legs are built as literals with their keys always in the same order (extension, since,
// answeredAt, state, endedAt, cause): one object layout for V8 however a leg ended, which keeps
// deriving a call (done on every event) cheap.
function deriveLeg(leg: LegFacts, answered: LegAnswers, points: AnswerPoint[], direction: CallDirection): CallLeg {
  const { extension, endAt, endCause } = leg;

  if (answered.last !== undefined && answered.first !== undefined) {
    // An anonymous answer given to this leg may predate the leg's own events.
    const since = Math.min(leg.firstSeenAt, answered.first);
    const answeredAt = answered.first;
    if (endAt !== undefined && endCause !== undefined && endAt >= answered.last) {
      return { extension, since, answeredAt, state: 'ended', endedAt: endAt, cause: endCause };
    }
    const self: AnswerPoint = { at: answered.last, extension };
    for (const p of points) {
      if (p.extension !== undefined && p.extension !== extension && comparePoints(p, self) > 0) {
        return { extension, since, answeredAt, state: 'ended', endedAt: p.at, cause: 'completed' };
      }
    }
    return { extension, since, answeredAt, state: 'answered' };
  }

  const since = leg.firstSeenAt;
  const ringAt = leg.lastRingAt ?? since;
  if (endAt !== undefined && endCause !== undefined && endAt >= ringAt) {
    return { extension, since, state: 'ended', endedAt: endAt, cause: endCause };
  }
  for (const p of points) {
    if (p.extension !== extension && p.at >= ringAt) return { extension, since, state: 'ended', endedAt: p.at, cause: 'answered_elsewhere' };
  }
  return { extension, since, state: waitingState(leg, direction) };
}

function waitingState(leg: LegFacts, direction: CallDirection): LegState {
  if (leg.dialed) return 'dialing';
  return direction === 'outbound' && leg.lastRingAt === undefined ? 'dialing' : 'ringing';
}

function openPhase(direction: CallDirection, answered: boolean): CallPhase {
  if (answered) return 'answered';
  return direction === 'outbound' ? 'dialing' : 'ringing';
}

function setField(call: Call, key: 'remoteNumber' | 'remoteName' | 'localNumber' | 'queue', stamped: Stamped | undefined): void {
  if (stamped !== undefined) call[key] = stamped.value;
}

/** Plain code-unit order: locale-independent, so every node sorts alike. */
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const minDefined = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);
const maxDefined = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.max(a, b);
