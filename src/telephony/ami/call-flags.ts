import type { Bus } from '../../bus/bus.js';
import type { CallFlags } from '../../calls/call-view.js';
import { callKey } from '../../domain/calls/call.js';
import type { AmiEventListener } from './ami-connection.js';
import { DeviceMap, type Party } from './device-map.js';
import type { AmiMessage } from './frame-parser.js';
import { own } from './own-string.js';

/**
 * Which calls are on hold and which are being recorded, read from the AMI events of their
 * channels: Hold/Unhold, MixMonitorStart/Stop/Mute (all of class `call`, since Asterisk 16.17 and
 * 18.3 for the MixMonitor ones). A phone's channel on hold means that extension holds the call; a
 * trunk's (or any channel that is no one's phone) means the other party put it on hold.
 *
 * Only channels with something to report are kept, and only for as long as they have: a channel
 * leaves with its Hangup, and moves with its Linkedid like the call translator's channels do, so
 * call ids (the Linkedid) agree with the calls the translator reports. Asterisk has no action that
 * lists held or recorded channels (CoreShowChannels says neither), so after a reconnect this starts
 * empty and knows what happens from then on.
 */

/** What one channel adds to its call's flags. */
interface FlaggedChannel {
  uniqueid: string;
  party: Party;
  linkedid: string;
  held: boolean;
  /** MixMonitors running on it: a StopMixMonitor without an id stops every one, each with its own MixMonitorStop. */
  monitors: number;
  /** MixMonitorMute by direction: read = what the channel says, write = what it hears. */
  mutedRead: boolean;
  mutedWrite: boolean;
}

export const noFlags = (): CallFlags => ({ heldBy: [], remoteHold: false, recording: 'off' });

const NONE: readonly string[] = Object.freeze([]);

const keyOf = (flags: CallFlags): string => `${flags.heldBy.join(',')}|${flags.remoteHold}|${flags.recording}`;

export interface CallFlagsTrackerOptions {
  /** The AMI source's name: call ids are `${source}:${linkedid}`, as the call service has them. */
  source: string;
  /** Who each channel is; the connection's own map, so flags and calls agree on who is a phone. */
  devices?: DeviceMap;
}

/** Pure: AMI messages in, the ids of the calls whose flags changed out. */
export class CallFlagsTracker {
  readonly #source: string;
  readonly #devices: DeviceMap;
  /** By Uniqueid. */
  readonly #channels = new Map<string, FlaggedChannel>();
  /** The flagged channels of each call, by Linkedid. */
  readonly #calls = new Map<string, Set<FlaggedChannel>>();

  constructor(options: CallFlagsTrackerOptions) {
    this.#source = options.source;
    this.#devices = options.devices ?? new DeviceMap();
  }

  /** Channels with a flag now: what this costs in memory. */
  get size(): number {
    return this.#channels.size;
  }

  /** The flags of one call, by the call service's id (`${source}:${linkedid}`); none when unknown. */
  flagsOf(id: string): CallFlags {
    const prefix = `${this.#source}:`;
    return id.startsWith(prefix) ? this.#flags(id.slice(prefix.length)) : noFlags();
  }

  /** Applies one AMI message; returns the call ids (`${source}:${linkedid}`) whose flags changed. */
  handle(message: AmiMessage): readonly string[] {
    if (message.kind !== 'event') return NONE;
    const f = message.fields;
    const uniqueid = f.Uniqueid;
    if (uniqueid === undefined) return NONE;
    switch (message.name) {
      case 'Hold':
        return this.#change(f, uniqueid, true, (c) => (c.held = true));
      case 'Unhold':
        return this.#change(f, uniqueid, false, (c) => (c.held = false));
      case 'MixMonitorStart':
        return this.#change(f, uniqueid, true, (c) => (c.monitors += 1));
      case 'MixMonitorStop':
        return this.#change(f, uniqueid, false, (c) => {
          c.monitors = Math.max(0, c.monitors - 1);
          if (c.monitors === 0) c.mutedRead = c.mutedWrite = false;
        });
      case 'MixMonitorMute': {
        const muted = f.State === '1';
        const direction = f.Direction ?? 'both';
        return this.#change(f, uniqueid, muted, (c) => {
          // Asterisk only mutes a MixMonitor that runs: one muted here was started before we (re)connected.
          if (muted) c.monitors = Math.max(1, c.monitors);
          if (direction === 'read' || direction === 'both') c.mutedRead = muted;
          if (direction === 'write' || direction === 'both') c.mutedWrite = muted;
        });
      }
      case 'Hangup':
        return this.#change(f, uniqueid, false, (c) => {
          c.held = false;
          c.monitors = 0;
        });
      case 'Rename':
        return this.#change(f, uniqueid, false, (c) => {
          if (f.Newname) c.party = this.#devices.partyOf(f.Newname);
        });
      default:
        // Any other event may carry a new Linkedid: the channel has moved to another call.
        return this.#channels.has(uniqueid) ? this.#change(f, uniqueid, false, () => {}) : NONE;
    }
  }

  /** Drops what is known of a call that ended; true when it had flags (a call known here has some). */
  forget(id: string): boolean {
    const prefix = `${this.#source}:`;
    const members = id.startsWith(prefix) ? this.#calls.get(id.slice(prefix.length)) : undefined;
    if (members === undefined) return false;
    for (const channel of [...members]) this.#drop(channel);
    return true;
  }

  /** Starts over empty (after a reconnect); returns the calls that had flags. */
  reset(): readonly string[] {
    const had = [...this.#calls.keys()].map((linkedid) => callKey(this.#source, linkedid));
    this.#channels.clear();
    this.#calls.clear();
    return had;
  }

  /**
   * Runs `apply` on the event's channel (created first when `create`, as a flag is being set) and
   * reports the calls whose flags differ afterwards: its call before and after a Linkedid move.
   */
  #change(f: Record<string, string>, uniqueid: string, create: boolean, apply: (channel: FlaggedChannel) => void): readonly string[] {
    let channel = this.#channels.get(uniqueid);
    if (channel === undefined) {
      if (!create || f.Channel === undefined) return NONE;
      channel = { uniqueid: own(uniqueid), party: this.#devices.partyOf(f.Channel), linkedid: own(f.Linkedid || uniqueid), held: false, monitors: 0, mutedRead: false, mutedWrite: false };
      this.#channels.set(uniqueid, channel);
      this.#join(channel);
    }
    const from = channel.linkedid;
    const to = f.Linkedid && f.Linkedid !== from ? own(f.Linkedid) : from;
    const before = [from, to].map((linkedid) => keyOf(this.#flags(linkedid)));
    if (to !== from) {
      this.#leave(channel);
      channel.linkedid = to;
      this.#join(channel);
    }
    apply(channel);
    if (!channel.held && channel.monitors === 0) this.#drop(channel);
    const changed: string[] = [];
    if (keyOf(this.#flags(from)) !== before[0]) changed.push(callKey(this.#source, from));
    if (to !== from && keyOf(this.#flags(to)) !== before[1]) changed.push(callKey(this.#source, to));
    return changed;
  }

  #flags(linkedid: string): CallFlags {
    const members = this.#calls.get(linkedid);
    if (members === undefined) return noFlags();
    const heldBy = new Set<string>();
    let remoteHold = false;
    let recording: CallFlags['recording'] = 'off';
    for (const c of members) {
      if (c.held) {
        if (c.party.kind === 'phone') heldBy.add(c.party.extension);
        else remoteHold = true;
      }
      if (c.monitors > 0) {
        // A recording muted one way only still records the other: only both ways silent is a pause.
        if (!(c.mutedRead && c.mutedWrite)) recording = 'on';
        else if (recording === 'off') recording = 'paused';
      }
    }
    return { heldBy: [...heldBy].sort(), remoteHold, recording };
  }

  #join(channel: FlaggedChannel): void {
    let members = this.#calls.get(channel.linkedid);
    if (members === undefined) this.#calls.set(channel.linkedid, (members = new Set()));
    members.add(channel);
  }

  #leave(channel: FlaggedChannel): void {
    const members = this.#calls.get(channel.linkedid);
    if (members === undefined) return;
    members.delete(channel);
    if (members.size === 0) this.#calls.delete(channel.linkedid);
  }

  #drop(channel: FlaggedChannel): void {
    this.#leave(channel);
    this.#channels.delete(channel.uniqueid);
  }
}

/**
 * The flags of every AMI source's calls, for the popups: fed by each connection's events (one
 * listener per connection), published on the bus as `call.flags` when they change, and asked for
 * when a call view is built. A call that ends takes its flags with it, however it ended.
 */
export class CallFlagsBoard {
  readonly #trackers = new Map<string, CallFlagsTracker>();

  constructor(private readonly bus: Bus) {
    bus.subscribe('call.updated', ({ call, change }) => {
      if (change === 'ended' && this.#trackers.get(call.source)?.forget(call.id)) this.bus.publish('call.flags', { callId: call.id, flags: noFlags() });
    });
  }

  /** What a connection of source `name` feeds; `devices` should be the connection's own. */
  listenerFor(name: string, devices?: DeviceMap): AmiEventListener {
    const tracker = new CallFlagsTracker({ source: name, devices });
    this.#trackers.set(name, tracker);
    return {
      reloaded: async () => this.#publish(tracker, tracker.reset()),
      event: (message) => this.#publish(tracker, tracker.handle(message)),
    };
  }

  /** Forget a source whose connection stopped: its calls' flags clear. */
  remove(name: string): void {
    const tracker = this.#trackers.get(name);
    if (tracker === undefined) return;
    this.#trackers.delete(name);
    for (const callId of tracker.reset()) this.bus.publish('call.flags', { callId, flags: noFlags() });
  }

  /** A call's flags now; null when its source is not a PBX connection (webhooks say nothing of hold or recording). */
  flagsOf(call: { source: string; id: string }): CallFlags | null {
    return this.#trackers.get(call.source)?.flagsOf(call.id) ?? null;
  }

  #publish(tracker: CallFlagsTracker, callIds: readonly string[]): void {
    for (const callId of callIds) this.bus.publish('call.flags', { callId, flags: tracker.flagsOf(callId) });
  }
}
