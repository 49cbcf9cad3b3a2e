import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { Call, CallUpdate } from '../domain/calls/call.js';
import type { CallEvent } from '../domain/calls/call-event.js';
import type { CallTracker } from '../domain/calls/tracker.js';
import type { NormalizedNumber, NumberNormalizer } from '../domain/phone/normalize.js';
import type { DirectoryChain, IdentifyResult } from '../directory/chain.js';
import type { CallsRepo, PartyInfo } from '../store/calls.js';
import type { ExtensionRegistry } from './extension-registry.js';

export class UnknownExtensionError extends Error {
  constructor(readonly extensions: string[]) {
    super(
      `unknown extension${extensions.length > 1 ? 's' : ''} ${extensions.join(', ')}: no user has ${extensions.length > 1 ? 'these' : 'this'} extension (add it with "switchboard user add NAME --extension EXT")`,
    );
  }
}

/** The identities slot for the company-wide lookup (no user's private contacts). */
const COMPANY = -1;

interface LiveCall {
  parties: Map<string, PartyInfo>;
  /** Per user: what the directory said, or the pending lookup. */
  identities: Map<number, IdentifyResult | Promise<IdentifyResult>>;
  remoteKey?: string;
}

export interface CallServiceDeps {
  tracker: CallTracker;
  calls: CallsRepo;
  registry: ExtensionRegistry;
  directory: DirectoryChain;
  bus: Bus;
  normalizer: () => NumberNormalizer;
  log: Logger;
}

/**
 * The path of every call event: tracker → call log → bus → identification. Events are applied in
 * the order they arrive and written before the caller is told they were accepted, so an
 * acknowledged event is never lost, even when the process stops right after.
 */
export class CallService {
  private readonly live = new Map<string, LiveCall>();
  private writes: Promise<void> = Promise.resolve();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: CallServiceDeps) {}

  /** Resumes the calls that were open when the process stopped. */
  async restore(): Promise<number> {
    const open = await this.deps.calls.openCalls();
    this.deps.tracker.restore(open);
    for (const call of open) this.live.set(call.id, { parties: this.partiesOf(call), identities: new Map() });
    return open.length;
  }

  /**
   * Checks that the events name extensions we know (an event about nobody we know is refused:
   * a webhook sender must hear of its mistake), then applies them. A PBX connection sees every
   * phone, users or not, and keeps them (`unknownExtensions: 'keep'`): such calls are logged for
   * the reports and pop up for nobody. Resolves once every resulting update is in the call log.
   */
  async ingest(events: CallEvent[], options: { unknownExtensions?: 'refuse' | 'keep' } = {}): Promise<CallUpdate[]> {
    if (options.unknownExtensions !== 'keep') {
      const unknown = new Set<string>();
      for (const event of events) {
        const named = [...(event.extension ? [event.extension] : []), ...(event.extensions ?? [])];
        if (named.length > 0 && !named.some((ext) => this.owner(ext))) named.forEach((ext) => unknown.add(ext));
      }
      if (unknown.size > 0) throw new UnknownExtensionError([...unknown]);
    }

    const updates: CallUpdate[] = [];
    for (const event of events) updates.push(...this.deps.tracker.apply(event));
    await this.record(updates);
    return updates;
  }

  /** Closes calls whose end never came (runs every few seconds). */
  async sweep(now = Date.now()): Promise<number> {
    const updates = this.deps.tracker.sweep(now);
    await this.record(updates);
    return updates.length;
  }

  /** A call in progress, by id. */
  current(callId: string): Call | undefined {
    return this.deps.tracker.get(callId);
  }

  /** Calls in progress from one source (a PBX connection reconciles these with what the PBX has). */
  openCalls(source: string): Call[] {
    return this.deps.tracker.active().filter((call) => call.source === source);
  }

  /** Calls in progress that this user takes part in (all of them for `all`). */
  activeFor(userId: number, all = false): Call[] {
    return this.deps.tracker.active().filter((call) => all || this.userIds(call).includes(userId));
  }

  /**
   * What the directory answered for this user on this call, once it has answered. Someone who is
   * not on the call (an admin watching everything) gets the first answer that is not private.
   */
  identityFor(callId: string, userId: number): IdentifyResult | undefined {
    const identities = this.live.get(callId)?.identities;
    if (!identities) return undefined;
    const own = identities.get(userId) ?? identities.get(COMPANY);
    return own instanceof Promise ? undefined : own;
  }

  userIds(call: Call): number[] {
    const live = this.live.get(call.id);
    const parties = live ? [...live.parties.values()] : this.partiesOf(call).values();
    return [...new Set([...parties].map((p) => p.userId))];
  }

  /** Waits for accepted events to be written and started lookups to finish (shutdown). */
  async drain(): Promise<void> {
    await this.writes;
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    await this.writes;
  }

  /**
   * The user an extension belongs to: by its exact name, else by the E.164 form of a number a
   * device carries (a DID or a mobile), reading bare international digits ("4921155500199", as
   * cloud PBXs send them) both ways.
   */
  private owner(extension: string) {
    const registry = this.deps.registry;
    const direct = registry.resolve(extension);
    if (direct) return direct;
    const normalize = this.deps.normalizer().normalize;
    const n = normalize(extension, 'pbx');
    const byNumber = n.e164 ? registry.resolve(extension, n.e164) : undefined;
    if (byNumber || !/^[1-9]\d{7,14}$/.test(extension)) return byNumber;
    const plus = normalize(`+${extension}`, 'pbx');
    return plus.e164 ? registry.resolve(extension, plus.e164) : undefined;
  }

  private partiesOf(call: Call): Map<string, PartyInfo> {
    const parties = new Map<string, PartyInfo>();
    for (const leg of call.legs) {
      const owner = this.owner(leg.extension);
      if (owner) parties.set(leg.extension, { extension: leg.extension, userId: owner.userId });
    }
    return parties;
  }

  private record(updates: CallUpdate[]): Promise<void> {
    if (updates.length === 0) return this.writes;
    const run = this.writes.then(async () => {
      for (const update of updates) await this.persistAndPublish(update);
    });
    // One failed write must not block every later one; the failure still reaches the caller.
    this.writes = run.catch((error: unknown) => this.deps.log.error({ err: error }, 'writing a call update failed'));
    return run;
  }

  private async persistAndPublish({ call, change }: CallUpdate): Promise<void> {
    let live = this.live.get(call.id);
    if (!live) this.live.set(call.id, (live = { parties: new Map(), identities: new Map() }));
    for (const [extension, party] of this.partiesOf(call)) live.parties.set(extension, party);
    const parties = [...live.parties.values()];
    const answeredBy = call.answeredBy ? this.owner(call.answeredBy)?.userId ?? null : null;
    const remote = call.remoteNumber ? this.deps.normalizer().normalize(call.remoteNumber, 'pbx') : null;
    await this.deps.calls.save(call, parties, answeredBy, remote);

    const userIds = [...new Set(parties.map((p) => p.userId))];
    this.deps.bus.publish('call.updated', { call, change, userIds });
    if (remote) this.identify(call.id, remote, live, userIds);
    if (change === 'ended') {
      const settled = [...live.identities.values()].filter((r) => r instanceof Promise);
      if (settled.length === 0) this.live.delete(call.id);
      else void Promise.allSettled(settled).then(() => this.live.delete(call.id));
    }
  }

  /** Starts a lookup for every user on the call who has none yet; answers arrive on the bus. */
  private identify(callId: string, number: NormalizedNumber, live: LiveCall, userIds: number[]): void {
    const key = number.e164 ?? number.digits;
    if (live.remoteKey !== key) {
      // First sight of the number (or the PBX corrected it): look everyone up again.
      live.remoteKey = key;
      live.identities.clear();
    }
    for (const userId of userIds) {
      if (live.identities.has(userId)) continue;
      this.lookUp(callId, live, key, number, userId, async (result) => {
        if (result.identity) await this.deps.calls.setPartyIdentity(callId, userId, result.identity);
        this.deps.bus.publish('call.identified', { callId, userId, identity: result.identity, failures: result.failures });
      });
    }
    if (!live.identities.has(COMPANY)) {
      // What everyone may know about the caller (never a private contact): for the call log,
      // admins' reports and users who watch the call without being on it.
      this.lookUp(callId, live, key, number, null, async (result) => {
        if (result.identity) await this.deps.calls.setIdentity(callId, result.identity);
        if (result.identity) this.deps.bus.publish('call.identified', { callId, userId: null, identity: result.identity, failures: result.failures });
      });
    }
  }

  private lookUp(
    callId: string,
    live: LiveCall,
    key: string,
    number: NormalizedNumber,
    userId: number | null,
    use: (result: IdentifyResult) => Promise<void>,
  ): void {
    const slot = userId ?? COMPANY;
    const lookup = this.deps.directory.identify(number, userId).then(
      async (result) => {
        if (live.remoteKey !== key) return result;
        live.identities.set(slot, result);
        await use(result);
        return result;
      },
      (error: unknown) => {
        this.deps.log.warn({ err: error, callId }, 'caller identification failed');
        const failed: IdentifyResult = { identity: null, failures: [{ source: 'directory', error: String(error) }], cached: false };
        live.identities.set(slot, failed);
        return failed;
      },
    );
    live.identities.set(slot, lookup);
    this.track(lookup);
  }

  private track(promise: Promise<unknown>): void {
    const guarded = promise.catch((error: unknown) => this.deps.log.warn({ err: error }, 'background call work failed'));
    this.pending.add(guarded);
    void guarded.finally(() => this.pending.delete(guarded));
  }
}
