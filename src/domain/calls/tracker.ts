import type { CallEvent } from './call-event.js';
import { callKey, type Call, type CallUpdate } from './call.js';
import { endsCall, factsFromCall, newCallFacts, recordEvent, type CallFacts } from './call-facts.js';
import { copyCall, sameCall } from './call-snapshot.js';
import { closeCall } from './close-call.js';
import { deriveOpenCall } from './derive-call.js';

/**
 * The call state machine: CallEvents in, CallUpdates out. Pure and deterministic: no clock, no
 * I/O; time comes from event times and from the `now` given to sweep(). Replaying the same events
 * gives the same calls.
 *
 * Order and duplicates: while a call is open its state is a merge of the events seen that does not
 * depend on their order (see call-facts.ts and derive-call.ts), and an event that changes nothing
 * visible emits nothing. The call-level end is the one order-sensitive step: it closes the call,
 * and anything arriving after it for the same call is ignored while its tombstone lasts.
 *
 * Leg-only ends never end the call, even when every leg is over and whatever their cause: the
 * caller may still be queued, be on the way to voicemail or to another extension, and a later ring
 * can arrive out of order. Only a call-level end, or the sweep, ends a call.
 */

export interface TrackerOptions {
  /** An unanswered call with no event for this long is presumed gone: the sweep closes it as missed / not answered. */
  maxRingMs: number;
  /** Any call open for this long since it started is closed by the sweep. */
  maxCallMs: number;
  /**
   * How long (event time, from endedAt) an ended call's id keeps absorbing late events. A call the
   * sweep closed keeps it for maxCallMs from the sweep (if longer), as its real end may still come.
   */
  tombstoneMs: number;
}

export const DEFAULT_TRACKER_OPTIONS: Readonly<TrackerOptions> = {
  maxRingMs: 10 * 60_000,
  maxCallMs: 8 * 3_600_000,
  tombstoneMs: 10 * 60_000,
};

interface OpenCall {
  facts: CallFacts;
  /** Last derived form; kept private (callers only ever get copies). */
  current: Call;
}

export class CallTracker {
  readonly #options: TrackerOptions;
  readonly #open = new Map<string, OpenCall>();
  /** Ended call id → event time until which its late events are ignored. */
  readonly #tombstones = new Map<string, number>();

  constructor(options: Partial<TrackerOptions> = {}) {
    this.#options = { ...DEFAULT_TRACKER_OPTIONS, ...options };
    for (const [name, value] of Object.entries(this.#options)) {
      if (!Number.isFinite(value) || value <= 0) throw new RangeError(`CallTracker: ${name} must be a positive number of ms`);
    }
  }

  /** Applies one event; returns no update when it changes nothing (duplicate, stale, late after the end). */
  apply(event: CallEvent): CallUpdate[] {
    if (!Number.isFinite(event.at)) return [];
    const id = callKey(event.source, event.callId);

    const tombstone = this.#tombstones.get(id);
    if (tombstone !== undefined) {
      if (event.at < tombstone) return [];
      // Long after the end: the source reused the id for a new call.
      this.#tombstones.delete(id);
    }

    const known = this.#open.get(id);
    const facts = known?.facts ?? newCallFacts(id, event);
    recordEvent(facts, event);

    if (endsCall(event)) {
      this.#open.delete(id);
      const closed = closeCall(deriveOpenCall(facts), {
        lastSeenAt: facts.lastSeenAt,
        cause: event.cause,
        causeText: event.causeText,
        byTimeout: false,
      });
      this.#bury(id, closed.endedAt ?? event.at, this.#options.tombstoneMs);
      return [{ call: closed, change: 'ended' }];
    }

    const next = deriveOpenCall(facts);
    if (known === undefined) {
      this.#open.set(id, { facts, current: next });
      return [{ call: copyCall(next), change: 'created' }];
    }
    if (sameCall(known.current, next)) return [];
    known.current = next;
    return [{ call: copyCall(next), change: 'updated' }];
  }

  /**
   * Closes calls whose end never came (closedByTimeout, cause `unknown`, endedAt = last event time)
   * and forgets expired tombstones. Meant to run every few seconds; scans open calls, not events.
   */
  sweep(now: number): CallUpdate[] {
    for (const [id, until] of this.#tombstones) {
      if (until <= now) this.#tombstones.delete(id);
    }
    const { maxRingMs, maxCallMs } = this.#options;
    const updates: CallUpdate[] = [];
    for (const [id, open] of this.#open) {
      const { facts, current } = open;
      const stale = current.answeredAt === undefined && now - facts.lastSeenAt > maxRingMs;
      if (!stale && now - facts.startedAt <= maxCallMs) continue;
      this.#open.delete(id);
      const closed = closeCall(current, { lastSeenAt: facts.lastSeenAt, cause: 'unknown', byTimeout: true });
      // Its real end may still come, long after: keep absorbing it rather than showing a phantom call.
      this.#bury(id, Math.max(now, closed.endedAt ?? now), Math.max(maxCallMs, this.#options.tombstoneMs));
      updates.push({ call: closed, change: 'ended' });
    }
    return updates;
  }

  /** Calls not yet ended, as copies. */
  active(): Call[] {
    return [...this.#open.values()].map((open) => copyCall(open.current));
  }

  /** An open call by id (`${source}:${callId}`); ended calls are not kept. */
  get(id: string): Call | undefined {
    const open = this.#open.get(id);
    return open === undefined ? undefined : copyCall(open.current);
  }

  /**
   * Re-seeds calls after a restart, e.g. from the store's open calls. Emits nothing. Ended calls
   * only leave a tombstone. A restored call derives back to itself, except that per-leg history
   * the Call does not record (repeated rings or answers) is lost.
   */
  restore(calls: Call[]): void {
    for (const call of calls) {
      this.#open.delete(call.id);
      this.#tombstones.delete(call.id);
      if (call.phase === 'ended') {
        this.#bury(call.id, call.endedAt ?? call.startedAt, this.#options.tombstoneMs);
        continue;
      }
      const facts = factsFromCall(call);
      this.#open.set(call.id, { facts, current: deriveOpenCall(facts) });
    }
  }

  #bury(id: string, from: number, forMs: number): void {
    this.#tombstones.set(id, from + forMs);
  }
}
