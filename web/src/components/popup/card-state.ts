import type { CallView } from '../../api/types';

/**
 * What a popup card shows, decided from the call alone. Pure, so the rules are in one place:
 * which calls get a card, what each turns into, and when it goes away by itself.
 */
export type CardKind = 'ringing' | 'inCall' | 'answeredElsewhere' | 'ended' | 'missed';

export interface PopupCard {
  call: CallView;
  /** Local clock when the card appeared: newest first. */
  shownAt: number;
  /** Dismissed cards stay (hidden) until the call ends, so the next update does not bring them back. */
  dismissed: boolean;
  muted: boolean;
  /** Whether this tab does the once-per-call things (null until the tabs have decided). */
  leader: boolean | null;
  /** Local clock when the card closes by itself; null while it stays. */
  closeAt: number | null;
}

export const MAX_CARDS = 4;
/** A colleague took the call: long enough to read who. */
export const ANSWERED_ELSEWHERE_MS = 6000;
/** The user's own call ended: a moment to see the duration. */
export const ENDED_MS = 4000;

/** The call's leg for this user rings (or, without a leg of theirs, a queue call they watch). */
export function ringsForMe(call: CallView): boolean {
  if (call.direction !== 'inbound' || call.phase !== 'ringing') return false;
  return call.mine ? call.mine.state === 'ringing' : call.queue !== null;
}

export function answeredByMe(call: CallView, userId: number): boolean {
  if (call.mine?.state === 'answered') return true;
  const by = call.answeredBy;
  if (!by) return false;
  return (by.userId !== null && by.userId === userId) || (call.mine !== null && by.extension === call.mine.extension);
}

export function cardKind(call: CallView, userId: number): CardKind {
  if (call.phase === 'ringing' || call.phase === 'dialing') return 'ringing';
  const mine = answeredByMe(call, userId);
  if (call.phase === 'answered') return mine ? 'inCall' : 'answeredElsewhere';
  if (mine) return 'ended';
  if (call.outcome === 'answered' || call.answeredBy) return 'answeredElsewhere';
  return 'missed';
}

/** A call that gets a card when first seen: it rings for the user, or they are talking (page opened mid-call). */
export function opensCard(call: CallView, userId: number): boolean {
  if (call.direction !== 'inbound') return false;
  return ringsForMe(call) || (call.phase === 'answered' && answeredByMe(call, userId));
}

/** An update may come without the identity a previous one had (e.g. the final frame): keep what was known. */
function merge(previous: CallView, next: CallView): CallView {
  if (next.identity || !previous.identity) return next;
  return { ...next, identity: previous.identity, identifying: false, lookupFailures: next.lookupFailures.length ? next.lookupFailures : previous.lookupFailures };
}

/** Closing times run from when the card became what it is; a repeated update does not restart them. */
function closeAtFor(kind: CardKind, previous: { kind: CardKind; closeAt: number | null } | null, now: number): number | null {
  if (kind !== 'answeredElsewhere' && kind !== 'ended') return null;
  if (previous && previous.kind === kind && previous.closeAt !== null) return previous.closeAt;
  return now + (kind === 'ended' ? ENDED_MS : ANSWERED_ELSEWHERE_MS);
}

/** The cards after one update of a call. */
export function applyCall(cards: PopupCard[], call: CallView, userId: number, now: number): PopupCard[] {
  const index = cards.findIndex((card) => card.call.id === call.id);
  const previous = index >= 0 ? cards[index] : undefined;
  if (!previous) {
    if (!opensCard(call, userId)) return cards;
    const card: PopupCard = { call, shownAt: now, dismissed: false, muted: false, leader: null, closeAt: null };
    card.closeAt = closeAtFor(cardKind(call, userId), null, now);
    return trim([card, ...cards], userId);
  }
  if (previous.dismissed && call.phase === 'ended') return cards.filter((card) => card !== previous);
  const merged = merge(previous.call, call);
  const kind = cardKind(merged, userId);
  const closeAt = closeAtFor(kind, { kind: cardKind(previous.call, userId), closeAt: previous.closeAt }, now);
  const next: PopupCard = { ...previous, call: merged, closeAt };
  return trim(
    cards.map((card) => (card === previous ? next : card)),
    userId,
  );
}

/** Keeps at most MAX_CARDS: the oldest finished cards go first; ringing and current calls always stay. */
function trim(cards: PopupCard[], userId: number): PopupCard[] {
  const shown = cards.filter((card) => !card.dismissed);
  let excess = shown.length - MAX_CARDS;
  if (excess <= 0) return cards;
  const drop = new Set<PopupCard>();
  const finished = shown
    .filter((card) => {
      const kind = cardKind(card.call, userId);
      return kind !== 'ringing' && kind !== 'inCall';
    })
    .sort((a, b) => a.shownAt - b.shownAt);
  for (const card of finished) {
    if (excess-- <= 0) break;
    drop.add(card);
  }
  return cards.filter((card) => !drop.has(card));
}

/** The cards to show, newest first. */
export function visibleCards(cards: PopupCard[]): PopupCard[] {
  return cards
    .filter((card) => !card.dismissed)
    .sort((a, b) => b.shownAt - a.shownAt)
    .slice(0, MAX_CARDS);
}

/** Cards whose time is up, and dismissed cards of calls that are over. */
export function expire(cards: PopupCard[], now: number): PopupCard[] {
  const kept = cards.filter((card) => (card.closeAt === null || card.closeAt > now) && !(card.dismissed && card.call.phase === 'ended'));
  return kept.length === cards.length ? cards : kept;
}

export function nextExpiry(cards: PopupCard[]): number | null {
  let next: number | null = null;
  for (const card of cards) if (card.closeAt !== null && (next === null || card.closeAt < next)) next = card.closeAt;
  return next;
}

/** The user's view of a call the live connection lost track of, rebuilt from its call-log entry. */
export function endedFromLog(
  call: CallView,
  entry: { outcome: string | null; cause: string | null; endedAt: number | null; answeredAt: number | null; answeredBy: string | null; answeredByUserId: number | null; talkMs: number | null },
): CallView {
  return {
    ...call,
    phase: 'ended',
    outcome: (entry.outcome as CallView['outcome']) ?? 'missed',
    cause: entry.cause as CallView['cause'],
    endedAt: entry.endedAt ?? Date.now(),
    answeredAt: entry.answeredAt,
    talkMs: entry.talkMs,
    answeredBy: entry.answeredBy ? { extension: entry.answeredBy, userId: entry.answeredByUserId, userName: call.answeredBy?.userName ?? null } : null,
    mine: call.mine ? { ...call.mine, state: 'ended' } : null,
  };
}
