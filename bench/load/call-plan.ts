import type { BenchUser } from '../setup/fixture.js';
import { Random } from '../setup/random.js';
import type { CallerSamples, KnownCaller } from '../setup/samples.js';

export type CallerKind = 'e164' | 'private' | 'suffix' | 'unknown';

/** One inbound call: who rings, who calls, and how it goes. */
export interface PlannedCall {
  callId: string;
  /** Ms after the start of the run at which the ringing event is sent. */
  at: number;
  user: BenchUser;
  number: string;
  kind: CallerKind;
  /** The name the popup must show; null for an unknown caller. */
  expected: string | null;
  ringMs: number;
  answered: boolean;
  talkMs: number;
  /** False during the warm-up. */
  measured: boolean;
}

/** Most callers are in the central phonebook; some only in the called user's own contacts. */
const MIX: readonly (readonly [CallerKind, number])[] = [['e164', 70], ['private', 10], ['suffix', 5], ['unknown', 15]];

/** Cycles through a list so a long run reuses samples rather than failing. */
class Cycle<T> {
  private at = 0;
  constructor(readonly items: readonly T[]) {}
  get empty(): boolean {
    return this.items.length === 0;
  }
  next(): T {
    return this.items[this.at++ % this.items.length]!;
  }
}

/**
 * Poisson arrivals at `rate` calls/s. Each call rings one user's extension for 0.3–1.5 s; four in
 * five are answered and last 0.5–2.5 s, the rest are missed. With 1,000 extensions at 200 calls/s
 * every phone rings about every 5 s, so calls are kept short enough not to pile up on one desk.
 */
export function planCalls(options: {
  samples: CallerSamples;
  users: readonly BenchUser[];
  rate: number;
  warmupSeconds: number;
  seconds: number;
  seed: number;
  runId: string;
}): PlannedCall[] {
  const random = new Random(options.seed);
  const connected = new Map(options.users.map((u) => [u.id, u]));
  const shared = new Cycle(options.samples.shared);
  const privateCallers = new Cycle(options.samples.private.filter((c) => c.ownerId !== null && connected.has(c.ownerId)));
  const suffix = new Cycle(options.samples.suffix);
  const unknown = new Cycle(options.samples.unknown);
  if (shared.empty || unknown.empty) throw new Error('no callers to plan calls with: the data set has no usable numbers');

  const calls: PlannedCall[] = [];
  const end = (options.warmupSeconds + options.seconds) * 1000;
  let at = 0;
  for (let n = 0; ; n++) {
    at += random.exponential(1000 / options.rate);
    if (at >= end) break;
    let kind = random.weighted(MIX);
    if ((kind === 'private' && privateCallers.empty) || (kind === 'suffix' && suffix.empty)) kind = 'e164';
    let user = random.pick(options.users);
    let caller: KnownCaller | undefined;
    let number: string;
    if (kind === 'unknown') number = unknown.next();
    else {
      caller = kind === 'private' ? privateCallers.next() : kind === 'suffix' ? suffix.next() : shared.next();
      if (kind === 'private') user = connected.get(caller.ownerId!)!;
      number = caller.number;
    }
    const answered = random.chance(0.8);
    calls.push({
      callId: `${options.runId}-${n}`,
      at,
      user,
      number,
      kind,
      expected: caller?.name ?? null,
      ringMs: random.int(300, 1500),
      answered,
      talkMs: answered ? random.int(500, 2500) : 0,
      measured: at >= options.warmupSeconds * 1000,
    });
  }
  return calls;
}
