import type { CallDirection, CallEvent, CallEventKind, EndCause } from '../../domain/calls/call-event.js';
import { DeviceMap, type Party } from './device-map.js';
import { causeOfDialStatus, causeOfHangup } from './end-causes.js';
import type { AmiMessage } from './frame-parser.js';
import { own } from './own-string.js';

/**
 * Turns the AMI event stream into CallEvents, incrementally: one pass per event, O(1) work, no
 * re-reading of the PBX. Channels are grouped into calls by Linkedid; a channel whose Linkedid
 * changes (an originated channel bridged into another call, as when a parked call is picked up)
 * moves to that call. Both halves of a Local channel map to the same party, so a `;1`/`;2` pair
 * counts as one leg: a leg is an extension's presence in a call, and it ends when the last channel
 * of that extension in the call hangs up.
 *
 * A call is only reported once it is a call someone would describe: a trunk reached a phone or a
 * queue (inbound), a phone dialed a trunk (outbound), or a phone dialed another phone (internal,
 * reported as inbound to the callee, with the caller's extension as the number). A click-to-call
 * first rings the user's own phone; that is not a call yet, the dial to the trunk is. A trunk's
 * call that ends in an IVR, a voicemail box or a forward elsewhere without ever ringing a phone or
 * joining a queue is reported when it ends, as an inbound call nobody answered: nothing is lost.
 */

/** Asterisk's channel states (ChannelState). */
const STATE_RING = 4;
const STATE_RINGING = 5;
const STATE_UP = 6;

type CallKind = 'unknown' | 'inbound' | 'outbound' | 'internal';

interface Leg {
  /** Channels of this extension now in the call. */
  live: number;
  rang: boolean;
  answered: boolean;
  ended: boolean;
}

interface TrackedCall {
  id: string;
  channels: number;
  kind: CallKind;
  started: boolean;
  /** Outbound: the extension that placed it; internal: the extension that called. */
  caller: string | undefined;
  /**
   * Inbound: the trunk channel the call came in on; its caller id may arrive after it is classified.
   * Set as soon as a trunk calls in, so that a call that never reaches a phone is still known as one.
   */
  origin: Channel | undefined;
  /** When the trunk called in: the start of a call that never reached a phone or a queue. */
  since: number;
  remoteNumber: string | undefined;
  remoteName: string | undefined;
  localNumber: string | undefined;
  queue: string | undefined;
  legs: Map<string, Leg>;
  answered: boolean;
  /** The last dial outcome that was not an answer (NOANSWER, BUSY, CANCEL…): the call's cause if nobody answers. */
  dialStatus: string | undefined;
  abandoned: boolean;
}

interface Channel {
  uniqueid: string;
  name: string;
  party: Party;
  linkedid: string;
  state: number;
  callerNum: string | undefined;
  callerName: string | undefined;
  /** The first Exten seen: the DID a trunk channel came in on. */
  firstExten: string | undefined;
  exten: string | undefined;
  /** The device started this channel (it called Asterisk); dialed and originated channels did not. */
  initiator: boolean;
  dialStatus: string | undefined;
  /** The bridge it talks in, if any (BridgeEnter/BridgeLeave). */
  bridge: string | undefined;
  call: TrackedCall;
}

/** A channel of a call, as the call controls need it: what to hang up, transfer, park or record. */
export interface ChannelView {
  name: string;
  uniqueid: string;
  party: Party;
  /** Asterisk's channel state: 4 ring, 5 ringing, 6 up… */
  state: number;
  bridge: string | undefined;
}

/** Field names of one channel's description: plain in most events, `Dest…` for the dialed side of Dial events. */
interface ChannelKeys {
  uniqueid: string;
  name: string;
  linkedid: string;
  state: string;
  callerNum: string;
  callerName: string;
  exten: string;
}

const PLAIN: ChannelKeys = {
  uniqueid: 'Uniqueid',
  name: 'Channel',
  linkedid: 'Linkedid',
  state: 'ChannelState',
  callerNum: 'CallerIDNum',
  callerName: 'CallerIDName',
  exten: 'Exten',
};

const DEST: ChannelKeys = {
  uniqueid: 'DestUniqueid',
  name: 'DestChannel',
  linkedid: 'DestLinkedid',
  state: 'DestChannelState',
  callerNum: 'DestCallerIDNum',
  callerName: 'DestCallerIDName',
  exten: 'DestExten',
};

const NONE: readonly CallEvent[] = Object.freeze([]);

export interface AmiCallTranslatorOptions {
  /** The configured source name: CallEvents carry it, call ids are unique within it. */
  source: string;
  devices?: DeviceMap;
  /** Event time when the PBX sends no `Timestamp` (manager.conf timestampevents). */
  clock?: () => number;
}

export class AmiCallTranslator {
  readonly #source: string;
  readonly #devices: DeviceMap;
  readonly #clock: () => number;
  readonly #channels = new Map<string, Channel>();
  readonly #calls = new Map<string, TrackedCall>();
  /** Recently hung-up channels: Asterisk still sends an event or two for them after Hangup, which must not bring them back. */
  readonly #gone = new RecentSet(4096);
  #out: CallEvent[] | undefined;
  #at = 0;

  constructor(options: AmiCallTranslatorOptions) {
    this.#source = options.source;
    this.#devices = options.devices ?? new DeviceMap();
    this.#clock = options.clock ?? Date.now;
  }

  /** Channels and calls held: what a tracked call costs in memory is measured with these. */
  get size(): { channels: number; calls: number } {
    return { channels: this.#channels.size, calls: this.#calls.size };
  }

  /** Ids of the calls reported so far and not yet ended. */
  openCallIds(): string[] {
    const ids = new Set<string>();
    for (const call of this.#calls.values()) if (call.started) ids.add(call.id);
    return [...ids];
  }

  /** The channels of a call now (by call id, without the source prefix). */
  channelsOf(callId: string): ChannelView[] {
    const views: ChannelView[] = [];
    for (const c of this.#channels.values()) {
      if (c.call.id === callId) views.push({ name: c.name, uniqueid: c.uniqueid, party: c.party, state: c.state, bridge: c.bridge });
    }
    return views;
  }

  /** Applies one AMI message; returns the CallEvents it produced (usually none). */
  handle(message: AmiMessage): readonly CallEvent[] {
    if (message.kind !== 'event') return NONE;
    const f = message.fields;
    this.#out = undefined;
    this.#at = eventTime(f.Timestamp) ?? this.#clock();
    switch (message.name) {
      case 'Newchannel':
        this.#newChannel(f);
        break;
      case 'Newstate':
        this.#stateChanged(this.#touch(f, PLAIN));
        break;
      case 'DialBegin':
        this.#dialBegin(f);
        break;
      case 'DialState':
        this.#touch(f, PLAIN);
        this.#stateChanged(this.#touch(f, DEST));
        break;
      case 'DialEnd':
        this.#dialEnd(f);
        break;
      case 'Hangup':
        this.#hangup(f);
        break;
      case 'QueueCallerJoin':
        this.#queueJoin(f);
        break;
      case 'QueueCallerAbandon': {
        const channel = this.#touch(f, PLAIN);
        if (channel) channel.call.abandoned = true;
        break;
      }
      case 'Rename': {
        const channel = f.Uniqueid === undefined ? undefined : this.#channels.get(f.Uniqueid);
        if (channel && f.Newname) {
          channel.name = own(f.Newname);
          channel.party = this.#devices.partyOf(f.Newname);
        }
        break;
      }
      case 'BridgeEnter': {
        // A channel that joins a call already up (a picked-up parked call) answers here.
        const channel = this.#touch(f, PLAIN);
        if (channel && channel.bridge !== f.BridgeUniqueid) channel.bridge = own(f.BridgeUniqueid);
        this.#stateChanged(channel);
        break;
      }
      case 'BridgeLeave': {
        const channel = this.#touch(f, PLAIN);
        if (channel && channel.bridge === f.BridgeUniqueid) channel.bridge = undefined;
        break;
      }
      default:
        if (f.Uniqueid !== undefined && f.Linkedid !== undefined) this.#touch(f, PLAIN);
    }
    return this.#out ?? NONE;
  }

  /**
   * Starts over from the PBX's list of channels (CoreShowChannel events), as after a reconnect:
   * everything known before is dropped, calls in progress are picked up where they stand and
   * reported (ringing / answered) at `now`, their start set back by the channels' Duration.
   */
  restore(channelList: readonly AmiMessage[], now: number = this.#clock()): readonly CallEvent[] {
    this.#channels.clear();
    this.#calls.clear();
    this.#gone.clear();
    this.#out = undefined;
    const startOf = new Map<TrackedCall, number>();
    const application = new Map<Channel, string>();
    for (const item of channelList) {
      const f = item.fields;
      if (f.Uniqueid === undefined || f.Channel === undefined) continue;
      const channel = this.#create(f, PLAIN);
      channel.firstExten = undefined;
      application.set(channel, f.Application ?? '');
      const started = now - durationMs(f.Duration);
      startOf.set(channel.call, Math.min(startOf.get(channel.call) ?? now, started));
    }
    for (const [call, startedAt] of startOf) {
      const members = [...this.#channels.values()].filter((c) => c.call === call);
      const dialed = (c: Channel) => application.get(c) === 'AppDial';
      const phoneOf = (c: Channel) => (c.party.kind === 'phone' ? c.party.extension : undefined);
      const trunkCaller = members.find((c) => c.party.kind === 'trunk' && !dialed(c));
      const trunkDialed = members.find((c) => c.party.kind === 'trunk' && dialed(c));
      const phoneCaller = members.find((c) => phoneOf(c) !== undefined && !dialed(c));
      const callees = new Set<string | undefined>(members.filter(dialed).map(phoneOf));
      callees.delete(undefined);

      this.#at = startedAt;
      if (trunkCaller) {
        this.#classify(call, 'inbound', trunkCaller);
        call.since = startedAt;
      } else if (trunkDialed && phoneCaller) {
        this.#classify(call, 'outbound', phoneCaller, numberish(trunkDialed.callerNum) ?? numberish(phoneCaller.exten));
      } else if (phoneCaller && callees.size > 0 && !callees.has(phoneOf(phoneCaller))) {
        this.#classify(call, 'internal', phoneCaller);
      } else {
        continue;
      }
      for (const channel of members) this.#stateChanged(channel, false, startedAt, now);
    }
    return this.#out ?? NONE;
  }

  #newChannel(f: Record<string, string>): void {
    const uniqueid = f.Uniqueid;
    if (uniqueid === undefined || f.Channel === undefined) return;
    const known = this.#channels.get(uniqueid);
    if (known) {
      this.#update(known, f, PLAIN);
      return;
    }
    // What the channel is part of shows when it dials or queues, not here: a Local channel's `;2`
    // half starts in state Ring whether it carries a call in from a trunk or out to one.
    this.#create(f, PLAIN);
  }

  #create(f: Record<string, string>, keys: ChannelKeys): Channel {
    const uniqueid = own(f[keys.uniqueid] as string);
    const name = own(f[keys.name] as string);
    const linkedid = own(f[keys.linkedid]) || uniqueid;
    const state = Number(f[keys.state]);
    const call = this.#callFor(linkedid);
    const channel: Channel = {
      uniqueid,
      name,
      party: this.#devices.partyOf(name),
      linkedid,
      state,
      callerNum: own(known(f[keys.callerNum])),
      callerName: own(known(f[keys.callerName])),
      firstExten: own(known(f[keys.exten])),
      exten: own(known(f[keys.exten])),
      // A channel the device itself opened towards Asterisk starts in state Ring (4).
      initiator: state === STATE_RING,
      dialStatus: undefined,
      bridge: own(f.BridgeId || f.BridgeUniqueid || undefined),
      call,
    };
    this.#channels.set(uniqueid, channel);
    this.#join(channel, call);
    if (channel.initiator && channel.party.kind === 'trunk' && call.origin === undefined && call.kind === 'unknown') {
      call.origin = channel;
      call.since = this.#at;
    }
    return channel;
  }

  /** The channel an event describes, created when first seen mid-call; its facts refreshed. */
  #touch(f: Record<string, string>, keys: ChannelKeys): Channel | undefined {
    const uniqueid = f[keys.uniqueid];
    if (uniqueid === undefined) return undefined;
    const channel = this.#channels.get(uniqueid);
    if (channel) {
      this.#update(channel, f, keys);
      return channel;
    }
    if (f[keys.name] === undefined || f[keys.linkedid] === undefined || this.#gone.has(uniqueid)) return undefined;
    return this.#create(f, keys);
  }

  #update(channel: Channel, f: Record<string, string>, keys: ChannelKeys): void {
    const state = f[keys.state];
    if (state !== undefined) channel.state = Number(state);
    // Most events repeat what is known: compare first, copy only what changed.
    const num = known(f[keys.callerNum]);
    if (num !== undefined && num !== channel.callerNum) channel.callerNum = own(num);
    const name = known(f[keys.callerName]);
    if (name !== undefined && name !== channel.callerName) channel.callerName = own(name);
    const exten = known(f[keys.exten]);
    if (exten !== undefined && exten !== channel.exten) {
      channel.exten = own(exten);
      channel.firstExten ??= channel.exten;
    }
    const linkedid = f[keys.linkedid];
    if (linkedid !== undefined && linkedid !== '' && linkedid !== channel.linkedid) this.#move(channel, own(linkedid));
  }

  #dialBegin(f: Record<string, string>): void {
    const dialer = this.#touch(f, PLAIN);
    const dest = this.#touch(f, DEST);
    if (!dest || !dialer) return; // No dialer: the PBX rings a device for an Originate; nothing to report yet.
    const call = dialer.call;
    if (call.kind === 'unknown') {
      const from = dialer.party;
      const to = dest.party;
      if (from.kind === 'trunk') this.#classify(call, 'inbound', dialer);
      else if (from.kind === 'phone' && to.kind === 'trunk') this.#classify(call, 'outbound', dialer, dialedNumber(f, dest));
      else if (from.kind === 'phone' && to.kind === 'phone' && from.extension !== to.extension) this.#classify(call, 'internal', dialer);
      else if (from.kind === 'other' && to.kind === 'trunk') {
        // A dialplan helper (Local/<number>@from-internal) dialing out for a phone: the caller id names the extension.
        const extension = this.#devices.extensionOfCallerId(dialer.callerNum);
        if (extension !== undefined) this.#classify(call, 'outbound', dialer, dialedNumber(f, dest), extension);
      }
    }
    if (dest.call !== call) return;
    if (dest.party.kind === 'phone') this.#ring(call, dest.party.extension);
    this.#stateChanged(dest);
  }

  #dialEnd(f: Record<string, string>): void {
    const dialer = this.#touch(f, PLAIN);
    const dest = this.#touch(f, DEST);
    // Without a dialer it is the PBX's own dial for an Originate: says nothing about the call.
    if (!dest || !dialer) return;
    const status = f.DialStatus;
    if (status === 'ANSWER') {
      this.#stateChanged(dest, true);
      return;
    }
    if (status === undefined || status === '') return;
    dest.dialStatus = status;
    dest.call.dialStatus = status;
  }

  #queueJoin(f: Record<string, string>): void {
    const channel = this.#touch(f, PLAIN);
    if (!channel) return;
    const call = channel.call;
    if (call.kind === 'unknown') {
      if (channel.party.kind === 'trunk') this.#classify(call, 'inbound', channel);
      else if (channel.party.kind === 'phone') this.#classify(call, 'internal', channel);
      else return;
    }
    if (f.Queue && f.Queue !== call.queue) call.queue = own(f.Queue);
    this.#emit(call, 'ringing', undefined);
  }

  /**
   * What a channel's state means for its leg. `answeredNow`: a DialEnd ANSWER or a snapshot says it
   * is connected even if no Newstate Up came. Snapshot restores pass the call's start for rings and
   * `now` for answers (the PBX does not say when they answered).
   */
  #stateChanged(channel: Channel | undefined, answeredNow = false, ringAt?: number, answerAt?: number): void {
    if (!channel) return;
    const call = channel.call;
    if (call.kind === 'unknown') return;
    const up = answeredNow || channel.state === STATE_UP;
    const party = channel.party;
    if (party.kind === 'trunk') {
      // The far end of an outbound call picked up.
      if (call.kind === 'outbound' && up && !channel.initiator && call.caller !== undefined) {
        if (answerAt !== undefined) this.#at = answerAt;
        this.#answer(call, call.caller);
      }
      return;
    }
    if (party.kind !== 'phone') return;
    const extension = party.extension;
    // The extension that placed the call is not a leg that rings or answers.
    if (extension === call.caller && call.kind !== 'inbound') return;
    if (up) {
      if (channel.initiator && call.kind === 'inbound' && !call.legs.get(extension)?.rang) return;
      if (ringAt !== undefined) {
        this.#at = ringAt;
        this.#ring(call, extension);
      }
      if (answerAt !== undefined) this.#at = answerAt;
      this.#answer(call, extension);
    } else if (channel.state === STATE_RINGING || ringAt !== undefined) {
      if (ringAt !== undefined) this.#at = ringAt;
      this.#ring(call, extension);
    }
  }

  #hangup(f: Record<string, string>): void {
    const uniqueid = f.Uniqueid;
    const channel = uniqueid === undefined ? undefined : this.#channels.get(uniqueid);
    if (!channel) return;
    this.#channels.delete(channel.uniqueid);
    this.#gone.add(channel.uniqueid);
    const call = channel.call;
    this.#leave(channel, call, f.Cause);
    if (call.channels === 0) this.#end(call);
  }

  #classify(call: TrackedCall, kind: Exclude<CallKind, 'unknown'>, by: Channel, dialed?: string, callerExtension?: string): void {
    call.kind = kind;
    if (kind === 'inbound') {
      call.origin = by;
      return;
    }
    // A trunk leg that started it is not where an outbound or internal call came from.
    call.origin = undefined;
    const extension = by.party.kind === 'phone' ? by.party.extension : callerExtension;
    call.caller = extension;
    if (kind === 'internal') {
      call.remoteNumber = by.callerNum ?? extension;
      call.remoteName = by.callerName;
      return;
    }
    call.remoteNumber = own(dialed);
    const leg = this.#leg(call, extension as string);
    leg.rang = true;
    this.#emit(call, 'dialing', extension);
  }

  #ring(call: TrackedCall, extension: string): void {
    const leg = this.#leg(call, extension);
    if (leg.rang && !leg.ended) return;
    leg.rang = true;
    leg.ended = false;
    this.#emit(call, 'ringing', extension);
  }

  #answer(call: TrackedCall, extension: string): void {
    const leg = this.#leg(call, extension);
    if (leg.answered && !leg.ended) return;
    leg.rang = true;
    leg.answered = true;
    leg.ended = false;
    call.answered = true;
    this.#emit(call, 'answered', extension);
  }

  #leave(channel: Channel, call: TrackedCall, hangupCause?: string): void {
    call.channels -= 1;
    if (channel.party.kind !== 'phone') return;
    const extension = channel.party.extension;
    const leg = call.legs.get(extension);
    if (!leg) return;
    leg.live -= 1;
    if (leg.live > 0 || leg.ended || !leg.rang || !call.started) return;
    leg.ended = true;
    const cause: EndCause = leg.answered
      ? 'completed'
      : causeOfHangup(hangupCause) === 'answered_elsewhere'
        ? 'answered_elsewhere'
        : (causeOfDialStatus(channel.dialStatus) ?? causeOfHangup(hangupCause) ?? (call.kind === 'outbound' ? 'cancelled' : 'unknown'));
    // The last leg of a call that is ending anyway: the call's own end says it all.
    if (call.channels === 0) return;
    this.#emit(call, 'ended', extension, cause);
  }

  #end(call: TrackedCall): void {
    for (const [linkedid, held] of this.#calls) if (held === call) this.#calls.delete(linkedid);
    if (!call.started) {
      // A caller who never got through to a phone or a queue still called: log it as inbound, from when they called.
      // (Only a call a trunk started, and that nothing made outbound or internal, has an origin.)
      if (call.origin === undefined) return;
      call.kind = 'inbound';
      const endedAt = this.#at;
      this.#at = call.since;
      this.#emit(call, 'ringing', undefined);
      this.#at = endedAt;
    }
    let cause: EndCause;
    if (call.answered) cause = 'completed';
    else if (call.abandoned) cause = 'cancelled';
    else cause = causeOfDialStatus(call.dialStatus) ?? (call.kind === 'outbound' ? 'unknown' : 'cancelled');
    this.#emit(call, 'ended', undefined, cause);
  }

  #move(channel: Channel, linkedid: string): void {
    const from = channel.call;
    const to = this.#callFor(linkedid);
    channel.linkedid = linkedid;
    if (from === to) return;
    this.#leave(channel, from);
    channel.call = to;
    this.#join(channel, to);
    if (from.channels === 0) this.#end(from);
    this.#stateChanged(channel);
  }

  #join(channel: Channel, call: TrackedCall): void {
    call.channels += 1;
    if (channel.party.kind === 'phone') this.#leg(call, channel.party.extension).live += 1;
  }

  #leg(call: TrackedCall, extension: string): Leg {
    let leg = call.legs.get(extension);
    if (!leg) {
      leg = { live: 0, rang: false, answered: false, ended: false };
      call.legs.set(extension, leg);
    }
    return leg;
  }

  #callFor(linkedid: string): TrackedCall {
    let call = this.#calls.get(linkedid);
    if (!call) {
      call = {
        id: linkedid,
        channels: 0,
        kind: 'unknown',
        started: false,
        caller: undefined,
        origin: undefined,
        since: 0,
        remoteNumber: undefined,
        remoteName: undefined,
        localNumber: undefined,
        queue: undefined,
        legs: new Map(),
        answered: false,
        dialStatus: undefined,
        abandoned: false,
      };
      this.#calls.set(linkedid, call);
    }
    return call;
  }

  #emit(call: TrackedCall, kind: CallEventKind, extension: string | undefined, cause?: EndCause): void {
    call.started = true;
    const origin = call.origin;
    if (origin !== undefined) {
      call.remoteNumber ??= origin.callerNum;
      call.remoteName ??= origin.callerName;
      call.localNumber ??= numberish(origin.firstExten);
    }
    const direction: CallDirection = call.kind === 'outbound' ? 'outbound' : 'inbound';
    const event: CallEvent = { source: this.#source, callId: call.id, kind, direction, at: this.#at };
    if (extension !== undefined) event.extension = extension;
    if (call.remoteNumber !== undefined) event.remoteNumber = call.remoteNumber;
    if (call.remoteName !== undefined) event.remoteName = call.remoteName;
    if (call.localNumber !== undefined) event.localNumber = call.localNumber;
    if (call.queue !== undefined) event.queue = call.queue;
    if (cause !== undefined) event.cause = cause;
    if (kind === 'ended' && extension !== undefined) event.legOnly = true;
    (this.#out ??= []).push(event);
  }
}

/** The last `capacity` strings added, in a ring: constant memory, O(1) add and lookup. */
class RecentSet {
  readonly #ring: (string | undefined)[];
  readonly #members = new Set<string>();
  #next = 0;

  constructor(capacity: number) {
    this.#ring = new Array<string | undefined>(capacity);
  }

  add(value: string): void {
    if (this.#members.has(value)) return;
    const evicted = this.#ring[this.#next];
    if (evicted !== undefined) this.#members.delete(evicted);
    this.#ring[this.#next] = value;
    this.#members.add(value);
    this.#next = (this.#next + 1) % this.#ring.length;
  }

  has(value: string): boolean {
    return this.#members.has(value);
  }

  clear(): void {
    this.#ring.fill(undefined);
    this.#members.clear();
    this.#next = 0;
  }
}

/** AMI writes `<unknown>` (or nothing) where it has no caller id. */
function known(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === '<unknown>' ? undefined : value;
}

/** A dialable number (digits, +, *, #), not a dialplan label like `s` or `mode-answer`. */
function numberish(value: string | undefined): string | undefined {
  return value !== undefined && /^\+?[0-9*#]{2,}$/.test(value) ? value : undefined;
}

/** The number a phone dialed: the exten it dialed in its context, else the dial string's user part. */
function dialedNumber(f: Record<string, string>, dest: Channel): string | undefined {
  const fromDialString = /^(?:[A-Za-z0-9]+\/)?([^@/]+)@/.exec(f.DialString ?? '')?.[1];
  return numberish(f.Exten) ?? numberish(fromDialString) ?? numberish(dest.callerNum);
}

/** `Timestamp: 1795433211.123456` (timestampevents = yes) in epoch ms. */
function eventTime(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : undefined;
}

/** CoreShowChannel's `Duration: HH:MM:SS`. */
function durationMs(value: string | undefined): number {
  const match = /^(\d+):(\d\d):(\d\d)$/.exec(value ?? '');
  if (!match) return 0;
  return ((Number(match[1]) * 60 + Number(match[2])) * 60 + Number(match[3])) * 1000;
}
