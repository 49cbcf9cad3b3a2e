import { DeviceMap } from './device-map.js';
import type { AmiMessage } from './frame-parser.js';
import { own } from './own-string.js';

/**
 * What an operator panel shows of a PBX, kept from the AMI events: every extension's state, the
 * queues (members, callers waiting, counters), parked calls and the trunks' channels. Loaded in
 * full after each (re)connect from the list actions, then changed event by event; each change is
 * reported so it can be pushed as it happens.
 */

export type ExtensionPresence = 'idle' | 'ringing' | 'in_use' | 'busy' | 'unavailable' | 'on_hold' | 'unknown';

export interface ExtensionState {
  extension: string;
  state: ExtensionPresence;
  /** DND and forwarding come from AstDB (the call controls read and write them). */
  dnd: boolean;
  forwarded: boolean;
}

export type MemberStatus = 'idle' | 'in_use' | 'busy' | 'ringing' | 'on_hold' | 'unavailable' | 'unknown';

export interface QueueMember {
  interface: string;
  name: string;
  /** The extension behind the member interface (PJSIP/201, Local/201@from-queue/n), when it has one. */
  extension: string | null;
  status: MemberStatus;
  paused: boolean;
  pausedReason: string;
  callsTaken: number;
}

export interface QueueCaller {
  uniqueid: string;
  channel: string;
  callerNum: string | null;
  callerName: string | null;
  position: number;
  /** Epoch ms the caller joined (or was first seen waiting). */
  since: number;
}

export interface QueueState {
  name: string;
  strategy: string;
  members: QueueMember[];
  callers: QueueCaller[];
  /** Epoch ms since which the longest-waiting caller waits; null when nobody waits. */
  longestWaitSince: number | null;
  completed: number;
  abandoned: number;
}

export interface ParkedCallState {
  lot: string;
  space: string;
  channel: string;
  callerNum: string | null;
  callerName: string | null;
  parkedBy: string | null;
  since: number;
  /** Epoch ms it rings back the one who parked it. */
  timeoutAt: number | null;
}

export interface TrunkState {
  device: string;
  channels: number;
}

export interface PbxSnapshot {
  extensions: ExtensionState[];
  queues: QueueState[];
  parked: ParkedCallState[];
  trunks: TrunkState[];
}

export type PbxChange =
  | { kind: 'extension'; extension: ExtensionState }
  | { kind: 'queue'; queue: QueueState }
  | { kind: 'parked'; lot: string; space: string; call: ParkedCallState | null }
  | { kind: 'trunk'; trunk: TrunkState };

const EXTENSION_STATUS: Record<string, ExtensionPresence> = {
  '0': 'idle',
  '1': 'in_use',
  '2': 'busy',
  '4': 'unavailable',
  '8': 'ringing',
  '9': 'ringing',
  '16': 'on_hold',
  '17': 'on_hold',
};

const MEMBER_STATUS: Record<string, MemberStatus> = {
  '1': 'idle',
  '2': 'in_use',
  '3': 'busy',
  '4': 'unavailable',
  '5': 'unavailable',
  '6': 'ringing',
  '7': 'ringing',
  '8': 'on_hold',
};

const known = (value: string | undefined): string | null => (value === undefined || value === '' || value === '<unknown>' ? null : own(value));
const count = (value: string | undefined): number => {
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : 0;
};

interface MutableQueue {
  name: string;
  strategy: string;
  members: Map<string, QueueMember>;
  callers: Map<string, QueueCaller>;
  completed: number;
  abandoned: number;
}

export class PbxState {
  readonly #devices: DeviceMap;
  readonly #clock: () => number;
  readonly #extensions = new Map<string, ExtensionState>();
  readonly #queues = new Map<string, MutableQueue>();
  readonly #parked = new Map<string, ParkedCallState>();
  /** Trunk channel uniqueid → trunk device, to count channels per trunk. */
  readonly #trunkChannels = new Map<string, string>();
  readonly #trunks = new Map<string, number>();
  /** The phone each extension rings, from its hint (`PJSIP/201&Custom:DND201` → `PJSIP/201`). */
  readonly #devicesByExtension = new Map<string, string>();

  constructor(options: { devices?: DeviceMap; clock?: () => number } = {}) {
    this.#devices = options.devices ?? new DeviceMap();
    this.#clock = options.clock ?? Date.now;
  }

  snapshot(): PbxSnapshot {
    return {
      extensions: [...this.#extensions.values()].map((e) => ({ ...e })).sort((a, b) => compare(a.extension, b.extension)),
      queues: [...this.#queues.values()].map((q) => this.#queueView(q)).sort((a, b) => compare(a.name, b.name)),
      parked: [...this.#parked.values()].map((p) => ({ ...p })).sort((a, b) => compare(`${a.lot}/${a.space}`, `${b.lot}/${b.space}`)),
      trunks: [...this.#trunks].map(([device, channels]) => ({ device, channels })).sort((a, b) => compare(a.device, b.device)),
    };
  }

  /**
   * Starts over from the answers to ExtensionStateList, QueueStatus, ParkedCalls and
   * CoreShowChannels (their events, in any order); returns nothing, the snapshot is what changed.
   */
  load(lists: readonly AmiMessage[]): void {
    const dnd = new Map([...this.#extensions].map(([ext, s]) => [ext, { dnd: s.dnd, forwarded: s.forwarded }]));
    this.#extensions.clear();
    this.#queues.clear();
    this.#parked.clear();
    this.#trunkChannels.clear();
    this.#trunks.clear();
    for (const message of lists) this.handle(message);
    for (const [ext, flags] of dnd) {
      const state = this.#extensions.get(ext);
      if (state) Object.assign(state, flags);
    }
  }

  /** Whether this PBX lists the extension (its hints, or a DND / forwarding flag written here). */
  knows(extension: string): boolean {
    return this.#extensions.has(extension);
  }

  /** The interface under which an extension is a member of a queue (`Local/201@from-queue/n` on FreePBX), if it is one. */
  memberInterface(queue: string, extension: string): string | undefined {
    for (const member of this.#queues.get(queue)?.members.values() ?? []) if (member.extension === extension) return member.interface;
    return undefined;
  }

  /** The device an extension's hint names (what click-to-call rings), if the PBX said. */
  deviceOf(extension: string): string | undefined {
    return this.#devicesByExtension.get(extension);
  }

  /** DND / forwarding as read from or written to AstDB. */
  setFlags(extension: string, flags: Partial<Pick<ExtensionState, 'dnd' | 'forwarded'>>): PbxChange[] {
    const state = this.#extension(extension);
    const before = `${state.dnd}${state.forwarded}`;
    Object.assign(state, flags);
    return before === `${state.dnd}${state.forwarded}` ? [] : [{ kind: 'extension', extension: { ...state } }];
  }

  handle(message: AmiMessage): PbxChange[] {
    if (message.kind !== 'event') return [];
    const f = message.fields;
    switch (message.name) {
      case 'ExtensionStatus': {
        if (!f.Exten) return [];
        const state = this.#extension(f.Exten);
        const device = deviceOfHint(f.Hint);
        if (device !== undefined && this.#devicesByExtension.get(state.extension) !== device) this.#devicesByExtension.set(state.extension, own(device));
        const next = EXTENSION_STATUS[f.Status ?? ''] ?? 'unknown';
        if (state.state === next) return [];
        state.state = next;
        return [{ kind: 'extension', extension: { ...state } }];
      }
      case 'QueueParams': {
        const queue = this.#queue(f.Queue);
        if (!queue) return [];
        queue.strategy = own(f.Strategy) ?? queue.strategy;
        queue.completed = count(f.Completed);
        queue.abandoned = count(f.Abandoned);
        return this.#queueChanged(queue);
      }
      case 'QueueMember':
      case 'QueueMemberStatus':
      case 'QueueMemberAdded':
      case 'QueueMemberPause':
      case 'QueueMemberPenalty':
      case 'QueueMemberRinginuse':
        return this.#member(f, f.Location ?? f.Interface);
      case 'QueueMemberRemoved': {
        const queue = this.#queue(f.Queue);
        const iface = f.Interface ?? f.Location;
        if (!queue || !iface || !queue.members.delete(iface)) return [];
        return this.#queueChanged(queue);
      }
      case 'QueueEntry':
      case 'QueueCallerJoin': {
        const queue = this.#queue(f.Queue);
        if (!queue || !f.Uniqueid) return [];
        const waited = message.name === 'QueueEntry' ? count(f.Wait) * 1000 : 0;
        const uniqueid = own(f.Uniqueid);
        queue.callers.set(uniqueid, {
          uniqueid,
          channel: own(f.Channel ?? ''),
          callerNum: known(f.CallerIDNum),
          callerName: known(f.CallerIDName),
          position: count(f.Position),
          since: this.#clock() - waited,
        });
        return this.#queueChanged(queue);
      }
      case 'QueueCallerLeave':
      case 'QueueCallerAbandon': {
        const queue = this.#queue(f.Queue);
        if (!queue || !f.Uniqueid) return [];
        const left = queue.callers.delete(f.Uniqueid);
        if (message.name === 'QueueCallerAbandon') queue.abandoned += 1;
        return left || message.name === 'QueueCallerAbandon' ? this.#queueChanged(queue) : [];
      }
      case 'AgentComplete': {
        const queue = this.#queue(f.Queue);
        if (!queue) return [];
        queue.completed += 1;
        return this.#queueChanged(queue);
      }
      case 'ParkedCall': {
        const lot = f.Parkinglot ?? 'default';
        const space = f.ParkingSpace;
        if (!space) return [];
        const now = this.#clock();
        const timeout = count(f.ParkingTimeout);
        const call: ParkedCallState = {
          lot,
          space,
          channel: own(f.ParkeeChannel ?? ''),
          callerNum: known(f.ParkeeCallerIDNum),
          callerName: known(f.ParkeeCallerIDName),
          parkedBy: known(f.ParkerDialString),
          since: now - count(f.ParkingDuration) * 1000,
          timeoutAt: timeout > 0 ? now - count(f.ParkingDuration) * 1000 + timeout * 1000 : null,
        };
        call.lot = own(lot);
        call.space = own(space);
        this.#parked.set(`${lot}/${space}`, call);
        return [{ kind: 'parked', lot, space, call: { ...call } }];
      }
      case 'UnParkedCall':
      case 'ParkedCallTimeOut':
      case 'ParkedCallGiveUp':
      case 'ParkedCallSwap': {
        const lot = f.Parkinglot ?? 'default';
        const space = f.ParkingSpace;
        if (!space || !this.#parked.delete(`${lot}/${space}`)) return [];
        return [{ kind: 'parked', lot, space, call: null }];
      }
      case 'Newchannel':
      case 'CoreShowChannel':
        return this.#trunkUp(f.Uniqueid, f.Channel);
      case 'Hangup':
        return this.#trunkDown(f.Uniqueid);
      default:
        return [];
    }
  }

  #extension(extension: string): ExtensionState {
    let state = this.#extensions.get(extension);
    if (!state) {
      state = { extension: own(extension), state: 'unknown', dnd: false, forwarded: false };
      this.#extensions.set(extension, state);
    }
    return state;
  }

  #queue(name: string | undefined): MutableQueue | undefined {
    if (!name) return undefined;
    let queue = this.#queues.get(name);
    if (!queue) {
      queue = { name: own(name), strategy: '', members: new Map(), callers: new Map(), completed: 0, abandoned: 0 };
      this.#queues.set(name, queue);
    }
    return queue;
  }

  #member(f: Record<string, string>, iface: string | undefined): PbxChange[] {
    const queue = this.#queue(f.Queue);
    if (!queue || !iface) return [];
    const previous = queue.members.get(iface);
    const party = this.#devices.partyOfInterface(iface);
    const member: QueueMember = {
      interface: previous?.interface ?? own(iface),
      name: own(f.MemberName ?? f.Name) ?? previous?.name ?? own(iface),
      extension: party.kind === 'phone' ? party.extension : (previous?.extension ?? null),
      status: f.Status === undefined ? (previous?.status ?? 'unknown') : (MEMBER_STATUS[f.Status] ?? 'unknown'),
      paused: f.Paused === undefined ? (previous?.paused ?? false) : f.Paused === '1' || f.Paused.toLowerCase() === 'true',
      pausedReason: own(f.PausedReason ?? f.Reason) ?? previous?.pausedReason ?? '',
      callsTaken: f.CallsTaken === undefined ? (previous?.callsTaken ?? 0) : count(f.CallsTaken),
    };
    if (previous && JSON.stringify(previous) === JSON.stringify(member)) return [];
    queue.members.set(member.interface, member);
    return this.#queueChanged(queue);
  }

  #queueChanged(queue: MutableQueue): PbxChange[] {
    return [{ kind: 'queue', queue: this.#queueView(queue) }];
  }

  #queueView(queue: MutableQueue): QueueState {
    const callers = [...queue.callers.values()].map((c) => ({ ...c })).sort((a, b) => a.position - b.position || a.since - b.since);
    return {
      name: queue.name,
      strategy: queue.strategy,
      members: [...queue.members.values()].map((m) => ({ ...m })).sort((a, b) => compare(a.interface, b.interface)),
      callers,
      longestWaitSince: callers.length === 0 ? null : Math.min(...callers.map((c) => c.since)),
      completed: queue.completed,
      abandoned: queue.abandoned,
    };
  }

  #trunkUp(uniqueid: string | undefined, channel: string | undefined): PbxChange[] {
    if (!uniqueid || !channel || this.#trunkChannels.has(uniqueid) || this.#devices.partyOf(channel).kind !== 'trunk') return [];
    const device = own(DeviceMap.deviceOf(channel));
    this.#trunkChannels.set(own(uniqueid), device);
    const channels = (this.#trunks.get(device) ?? 0) + 1;
    this.#trunks.set(device, channels);
    return [{ kind: 'trunk', trunk: { device, channels } }];
  }

  #trunkDown(uniqueid: string | undefined): PbxChange[] {
    const device = uniqueid === undefined ? undefined : this.#trunkChannels.get(uniqueid);
    if (device === undefined) return [];
    this.#trunkChannels.delete(uniqueid as string);
    const channels = Math.max(0, (this.#trunks.get(device) ?? 1) - 1);
    this.#trunks.set(device, channels);
    return [{ kind: 'trunk', trunk: { device, channels } }];
  }
}

/** The first phone device of a hint; presence providers after the comma and Custom:/Queue: states are not phones. */
function deviceOfHint(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  return hint
    .split(',')[0]
    ?.split('&')
    .find((part) => /^(?:PJSIP|SIP|IAX2|DAHDI)\/[^/&,]+$/.test(part));
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
