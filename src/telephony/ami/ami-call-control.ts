import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Bus } from '../../bus/bus.js';
import {
  CallControlError,
  FORWARD_KINDS,
  type Actor,
  type CallControl,
  type Forwarding,
  type ForwardKind,
  type ForwardTarget,
  type PhoneDirectory,
  type PhoneUser,
  type QueueAction,
  type RecordAction,
  type SpyMode,
  type UserPhone,
} from '../../calls/call-control.js';
import type { Capabilities, CapabilityProvider } from '../../calls/capabilities.js';
import type { Call } from '../../domain/calls/call.js';
import type { Presence } from '../../store/schema.js';
import type { AmiConnection } from './ami-connection.js';
import type { AmiSources } from './ami-sources.js';
import type { ChannelView } from './call-translator.js';
import { AmiActionError, AmiError } from './client.js';
import {
  AmiCommandError,
  answerRemotely,
  attendedTransfer,
  blindTransfer,
  cancelAttendedTransfer,
  clearForward,
  clickToCall,
  dndDeviceStateCommands,
  forwardDeviceStateCommands,
  hangup,
  park,
  parseForwardingState,
  pauseRecording,
  pickupParked,
  queueAdd,
  queuePause,
  queueRemove,
  readForwardingCommands,
  resumeRecording,
  safeDisplayName,
  setDnd,
  setForward,
  startRecording,
  stopRecording,
  supervise,
  type AmiCommand,
  type ForwardTarget as AmiForwardTarget,
} from './commands.js';
import { DeviceMap } from './device-map.js';
import type { AmiMessage } from './frame-parser.js';

export interface AmiCallControlDeps {
  ami: Pick<AmiSources, 'connection' | 'connections'>;
  phones: PhoneDirectory;
  bus: Bus;
  log: Logger;
  /** The source name of the PBX that lists an extension (its hints), if any does. */
  sourceOf?: (extension: string) => string | undefined;
  /**
   * The interface under which an extension is a member of a queue, as the PBX listed it: FreePBX
   * adds agents as `Local/201@from-queue/n`, so pausing or removing `PJSIP/201` would miss them.
   */
  memberInterface?: (source: string, queue: string, extension: string) => string | undefined;
  /** The device an extension rings, when the PBX has said (its hint); otherwise `PJSIP/<extension>`. */
  deviceOf?: (extension: string) => string | undefined;
  /** How long to wait for the PBX to say where it parked a call (the ParkedCall event). Default 1 s. */
  parkedCallWaitMs?: number;
  clock?: () => number;
}

const defaultPhone = (user: PhoneUser | undefined): UserPhone | undefined => user?.phones.find((p) => p.isDefault) ?? user?.phones[0];

/** Asterisk's ChannelState for a phone that is ringing. */
const RINGING = 5;
const UP = 6;

/** AstDB answers a missing key with `Response: Error`: for us that means "off", not a failure. */
const MISSING_KEY = /not found|does not exist/i;

const isLocal = (channel: ChannelView): boolean => channel.name.startsWith('Local/');

/** A user's own channels on a call, the phone's own (PJSIP/SIP) leg before Local helper legs. */
function ownChannels(channels: ChannelView[], extensions: ReadonlySet<string>): ChannelView[] {
  const own = channels.filter((c) => c.party.kind === 'phone' && extensions.has(c.party.extension));
  return [...own.filter((c) => !isLocal(c)), ...own.filter(isLocal)];
}

/** The user's channel in a bridge, and someone else in that bridge: who they are talking to. */
function talkingTo(own: ChannelView[], channels: ChannelView[]): { mine: ChannelView; other: ChannelView } | undefined {
  const ownIds = new Set(own.map((c) => c.uniqueid));
  for (const mine of own) {
    const other = mine.bridge === undefined ? undefined : channels.find((c) => c.bridge === mine.bridge && !ownIds.has(c.uniqueid));
    if (other !== undefined) return { mine, other };
  }
  return undefined;
}

function pbxError(error: unknown, action: string): unknown {
  if (error instanceof AmiActionError) {
    return new CallControlError('pbx_refused', `the PBX refused ${action}: ${error.response.fields.Message ?? 'it gave no reason'}`);
  }
  if (error instanceof AmiError) return new CallControlError('pbx_unavailable', `the PBX did not carry out ${action}: ${error.message}`);
  return error;
}

/** Builds the AMI actions; a refused input becomes a 400 naming the field. */
function built<T extends AmiCommand | AmiCommand[]>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof AmiCommandError) throw new CallControlError('invalid', error.message, error.field);
    throw error;
  }
}

const toAmiTarget = (target: ForwardTarget, mailbox: string): AmiForwardTarget =>
  'voicemail' in target ? { kind: 'voicemail', mailbox } : { kind: 'number', number: target.number };

const fromAmiTarget = (target: AmiForwardTarget | undefined): ForwardTarget | null =>
  target === undefined ? null : target.kind === 'voicemail' ? { voicemail: true } : { number: target.number };

/**
 * Call control over AMI, and what it tells the browser it can do.
 *
 * Limits, on purpose for now:
 * - A user is served by the PBX that lists the extension of their default device (its hints);
 *   when none does (yet), by the first AMI connection by source name. Actions on a call go to the
 *   connection the call came from.
 * - The phone rung for click-to-call, pickup, queues and supervision is that of the user's default
 *   device: the device its hint names (`deviceOf`), else `PJSIP/<extension>`.
 * - Supervising is for admins: there is no supervisor role yet.
 */
export class AmiCallControl implements CallControl, CapabilityProvider {
  readonly #deps: AmiCallControlDeps;
  readonly #deviceOf: (extension: string) => string;
  /** Last presence seen per user, so leaving do-not-disturb (and only that) clears it on the PBX. */
  readonly #presence: Map<number, Presence>;
  #dndWrites: Promise<void> = Promise.resolve();

  constructor(deps: AmiCallControlDeps) {
    this.#deps = deps;
    this.#deviceOf = (extension) => deps.deviceOf?.(extension) ?? `PJSIP/${extension}`;
    this.#presence = deps.phones.presences();
    // The presence route (and anything else that sets presence in this process) publishes here.
    // The CLI has no presence command; if it gets one, it runs in another process whose PBX
    // connections never start, so the server would have to pick the change up from the database.
    deps.bus.subscribe('user.presence', ({ userId, presence }) => this.#presenceChanged(userId, presence));
  }

  capabilitiesFor(userId: number): Capabilities | undefined {
    const connection = this.#serving(userId);
    if (connection === undefined || !this.#deps.phones.userOf(userId)?.phones.length) return undefined;
    const state = connection.client.connected ? { available: true, reason: null } : { available: false, reason: 'pbx_disconnected' };
    return {
      backend: 'ami',
      dial: 'pbx',
      actions: {
        answer: state,
        hangup: state,
        transfer: state,
        park: state,
        record: state,
        // Asterisk has no AMI action that puts a call on hold the way the phone's own key does.
        hold: { available: false, reason: 'use_phone' },
      },
      pbx: connection.name,
    };
  }

  async dial(actor: Actor, number: string): Promise<{ extension: string }> {
    const { connection, user, phone } = this.#served(actor);
    const command = built(() =>
      clickToCall({ device: this.#deviceOf(phone.extension), extension: phone.extension, displayName: safeDisplayName(user.displayName), number, token: randomUUID() }),
    );
    await this.#send(connection, command, actor);
    return { extension: phone.extension };
  }

  async answer(actor: Actor, call: Call): Promise<void> {
    const { connection, own } = this.#onCall(actor, call);
    const ringing = own.filter((c) => c.state === RINGING);
    if (ringing.length === 0) throw new CallControlError('not_on_call', 'your phone is not ringing on this call');
    const remote = ringing.find((c) => /^(?:PJSIP|SIP)\//.test(c.name));
    // A Local channel is the PBX's own helper (a queue or ring group leg): there is no phone to notify.
    if (remote === undefined) throw new CallControlError('not_on_call', 'your phone rings through the PBX\'s dialplan on this call and cannot be answered from here');
    const [technology, endpoint] = DeviceMap.deviceOf(remote.name).split('/') as ['PJSIP' | 'SIP', string];
    await this.#send(connection, built(() => answerRemotely({ technology, endpoint })), actor);
  }

  async hangup(actor: Actor, call: Call): Promise<void> {
    const { connection, own } = this.#onCall(actor, call);
    await this.#send(connection, built(() => hangup({ channel: own[0]!.name })), actor);
  }

  async transfer(actor: Actor, call: Call, target: string, attended: boolean): Promise<void> {
    const { connection, own } = this.#onCall(actor, call);
    const input = { channel: own[0]!.name, exten: target };
    await this.#send(connection, built(() => (attended ? attendedTransfer(input) : blindTransfer(input))), actor);
  }

  async cancelTransfer(actor: Actor, call: Call): Promise<void> {
    const { connection, own } = this.#onCall(actor, call);
    await this.#send(connection, built(() => cancelAttendedTransfer({ channel: own[0]!.name })), actor);
  }

  async park(actor: Actor, call: Call): Promise<{ space: string | null }> {
    const { connection, own, channels } = this.#onCall(actor, call);
    const pair = talkingTo(own, channels);
    if (pair === undefined) throw new CallControlError('not_on_call', 'you are not talking to anyone on this call');
    const command = built(() => park({ channel: pair.other.name, timeoutChannel: pair.mine.name, parkingLot: 'default' }));
    // Park's response does not say where; the ParkedCall event that follows does.
    const parked = this.#parkedSpace(connection, pair.other.name);
    try {
      await this.#send(connection, command, actor);
    } catch (error) {
      parked.cancel();
      throw error;
    }
    return { space: await parked.wait(this.#deps.parkedCallWaitMs ?? 1000) };
  }

  async pickup(actor: Actor, space: string): Promise<void> {
    const { connection, user, phone } = this.#served(actor);
    const command = built(() =>
      pickupParked({ device: this.#deviceOf(phone.extension), extension: phone.extension, displayName: safeDisplayName(user.displayName), space, token: randomUUID() }),
    );
    await this.#send(connection, command, actor);
  }

  async record(actor: Actor, call: Call, action: RecordAction): Promise<{ file: string | null }> {
    const { connection, own } = this.#onCall(actor, call);
    const channel = (own.find((c) => c.state === UP) ?? own[0]!).name;
    const command = built((): AmiCommand => {
      switch (action) {
        case 'start':
          return startRecording({ channel, callId: call.callId, startedAt: new Date((this.#deps.clock ?? Date.now)()) });
        case 'stop':
          return stopRecording({ channel });
        case 'pause':
          return pauseRecording({ channel });
        case 'resume':
          return resumeRecording({ channel });
        default:
          throw new AmiCommandError('action', 'must be start, stop, pause or resume');
      }
    });
    await this.#send(connection, command, actor);
    return { file: action === 'start' ? String(command.fields.File) : null };
  }

  async forwarding(actor: Actor): Promise<Forwarding> {
    const { connection, phone } = this.#served(actor);
    const messages: AmiMessage[] = [];
    for (const command of built(() => readForwardingCommands(phone.extension))) {
      try {
        messages.push(...(await connection.client.actionList(command.action, command.fields)).events);
      } catch (error) {
        if (error instanceof AmiActionError && MISSING_KEY.test(error.response.fields.Message ?? '')) continue;
        throw pbxError(error, command.action);
      }
    }
    const state = parseForwardingState(phone.extension, messages);
    return {
      extension: phone.extension,
      dnd: state.dnd,
      unconditional: fromAmiTarget(state.forward.unconditional),
      busy: fromAmiTarget(state.forward.busy),
      unavailable: fromAmiTarget(state.forward.unavailable),
    };
  }

  async setForwarding(actor: Actor, changes: Partial<Record<ForwardKind, ForwardTarget | null>>): Promise<Forwarding> {
    const { connection, phone } = this.#served(actor);
    const ext = phone.extension;
    // Everything is checked before the first write, so a bad target changes nothing.
    const commands = built(() =>
      FORWARD_KINDS.filter((kind) => changes[kind] !== undefined).flatMap((kind) => {
        const target = changes[kind]!;
        const write = target === null ? clearForward(ext, kind) : setForward(ext, kind, toAmiTarget(target, ext));
        // FreePBX lights the phones' CF keys for unconditional forwarding only.
        return kind === 'unconditional' ? [write, ...forwardDeviceStateCommands(ext, target !== null)] : [write];
      }),
    );
    for (const command of commands) {
      try {
        await this.#send(connection, command, actor);
      } catch (error) {
        // Clearing what was never set is what was asked for.
        const missing = command.action === 'DBDel' && error instanceof CallControlError && error.code === 'pbx_refused' && MISSING_KEY.test(error.message);
        if (!missing) throw error;
      }
    }
    return this.forwarding(actor);
  }

  async queue(actor: Actor, queue: string, action: QueueAction, reason?: string): Promise<void> {
    const { connection, phone } = this.#served(actor);
    const device = this.#deviceOf(phone.extension);
    // A member already is one under the interface the PBX listed; a new one joins with the phone.
    const member = this.#deps.memberInterface?.(connection.name, queue, phone.extension) ?? device;
    const command = built((): AmiCommand => {
      switch (action) {
        case 'login':
          return queueAdd({ queue, interface: device });
        case 'logout':
          return queueRemove({ queue, interface: member });
        case 'pause':
        case 'unpause':
          return queuePause({ queue, interface: member, paused: action === 'pause', reason });
        default:
          throw new AmiCommandError('action', 'must be login, logout, pause or unpause');
      }
    });
    await this.#send(connection, command, actor);
  }

  async spy(actor: Actor, call: Call, mode: SpyMode): Promise<void> {
    // There is no supervisor role yet: admins are the supervisors.
    if (!actor.isAdmin) throw new CallControlError('forbidden', 'only admins may listen to other people\'s calls');
    const { phone } = this.#served(actor);
    const connection = this.#callConnection(call);
    const supervisor = new Set(this.#deps.phones.userOf(actor.userId)?.phones.map((p) => p.extension));
    const agents = connection.channelsOf(call.callId).filter((c) => c.party.kind === 'phone' && !supervisor.has(c.party.extension));
    const target = agents.find((c) => !isLocal(c) && c.state === UP) ?? agents.find((c) => !isLocal(c)) ?? agents[0];
    if (target === undefined) throw new CallControlError('not_on_call', 'no agent\'s phone is on this call');
    await this.#send(connection, built(() => supervise({ supervisorDevice: this.#deviceOf(phone.extension), target: target.name, mode })), actor);
  }

  /** The PBX this user is served by (see the class comment), or undefined when there is none. */
  #serving(userId: number): AmiConnection | undefined {
    const phone = defaultPhone(this.#deps.phones.userOf(userId));
    const source = phone === undefined ? undefined : this.#deps.sourceOf?.(phone.extension);
    const listing = source === undefined ? undefined : this.#deps.ami.connection(source);
    return listing ?? this.#deps.ami.connections().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
  }

  #up(connection: AmiConnection | undefined): AmiConnection {
    if (connection === undefined) throw new CallControlError('pbx_unavailable', 'Switchboard has no connection to a phone system');
    if (!connection.client.connected) throw new CallControlError('pbx_unavailable', `the phone system (${connection.name}) is not connected`);
    return connection;
  }

  #served(actor: Actor): { connection: AmiConnection; user: PhoneUser; phone: UserPhone } {
    const connection = this.#up(this.#serving(actor.userId));
    const user = this.#deps.phones.userOf(actor.userId);
    const phone = defaultPhone(user);
    if (user === undefined || phone === undefined) throw new CallControlError('no_phone', 'you have no extension on the phone system');
    return { connection, user, phone };
  }

  #callConnection(call: Call): AmiConnection {
    const connection = this.#deps.ami.connection(call.source);
    if (connection === undefined) throw new CallControlError('not_on_call', `call ${call.id} did not come from a phone system Switchboard controls`);
    return this.#up(connection);
  }

  #onCall(actor: Actor, call: Call): { connection: AmiConnection; own: ChannelView[]; channels: ChannelView[] } {
    const connection = this.#callConnection(call);
    const extensions = new Set(this.#deps.phones.userOf(actor.userId)?.phones.map((p) => p.extension));
    const channels = connection.channelsOf(call.callId);
    const own = ownChannels(channels, extensions);
    if (own.length === 0) throw new CallControlError('not_on_call', `none of your phones is on call ${call.id}`);
    return { connection, own, channels };
  }

  async #send(connection: AmiConnection, command: AmiCommand, actor: Actor | undefined): Promise<AmiMessage> {
    this.#deps.log.info({ source: connection.name, userId: actor?.userId, action: command.action }, 'PBX action');
    try {
      return await connection.client.action(command.action, command.fields);
    } catch (error) {
      this.#deps.log.warn({ err: error, source: connection.name, userId: actor?.userId, action: command.action }, 'PBX action failed');
      throw pbxError(error, command.action);
    }
  }

  /** Listens for the ParkedCall event of `channel` from now on; `wait` gives up after `ms`. */
  #parkedSpace(connection: AmiConnection, channel: string): { wait(ms: number): Promise<string | null>; cancel(): void } {
    let space: string | undefined;
    let wake: (() => void) | undefined;
    const off = connection.client.on('event', (message) => {
      if (message.name !== 'ParkedCall' || message.fields.ParkeeChannel !== channel) return;
      space = message.fields.ParkingSpace;
      wake?.();
    });
    return {
      cancel: off,
      wait: async (ms) => {
        if (space === undefined) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, ms);
            wake = () => (clearTimeout(timer), resolve());
          });
        }
        off();
        return space ?? null;
      },
    };
  }

  #presenceChanged(userId: number, presence: Presence): void {
    const was = this.#presence.get(userId);
    this.#presence.set(userId, presence);
    const on = presence === 'dnd';
    if (!on && was !== 'dnd') return;
    // In order, so quick toggles end in the state last chosen.
    this.#dndWrites = this.#dndWrites.then(() => this.#writeDnd(userId, on));
  }

  /**
   * Mirrors do-not-disturb into the PBX (FreePBX's AstDB keys and BLF states) so the phones stop
   * ringing. Failures are logged and never undo or fail the presence change: the PBX may be down,
   * and Switchboard's own presence still holds.
   */
  async #writeDnd(userId: number, on: boolean): Promise<void> {
    const user = this.#deps.phones.userOf(userId);
    const connection = this.#serving(userId);
    if (connection === undefined || !user?.phones.length) return;
    try {
      this.#up(connection);
      const commands = built(() => user.phones.flatMap((p) => [setDnd(p.extension, on), ...dndDeviceStateCommands(p.extension, on)]));
      for (const command of commands) {
        try {
          await this.#send(connection, command, { userId, isAdmin: false });
        } catch (error) {
          // Turning off what the PBX already has off is fine.
          const missing = command.action === 'DBDel' && error instanceof CallControlError && error.code === 'pbx_refused' && MISSING_KEY.test(error.message);
          if (!missing) throw error;
        }
      }
    } catch (error) {
      this.#deps.log.warn({ err: error, userId, dnd: on, source: connection.name }, 'could not set do-not-disturb on the PBX');
    }
  }
}
