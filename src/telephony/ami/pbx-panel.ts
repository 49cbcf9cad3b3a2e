import type { Logger } from 'pino';
import type { Bus } from '../../bus/bus.js';
import type { AmiEventListener } from './ami-connection.js';
import type { AmiClient } from './client.js';
import type { DeviceMap } from './device-map.js';
import type { AmiMessage } from './frame-parser.js';
import { PbxState, type PbxSnapshot } from './pbx-state.js';

/** The list actions whose events make up the panel's full state (each answered by an event list). */
const STATE_LISTS = ['ExtensionStateList', 'QueueStatus', 'ParkedCalls'] as const;

/**
 * The operator panel's view of every PBX: one PbxState per AMI source, reloaded after each
 * (re)connect and changed by live events; changes go out on the bus as they happen
 * (`pbx.changed`), full states after a reload (`pbx.snapshot`).
 */
export class PbxPanel {
  readonly #states = new Map<string, PbxState>();

  constructor(
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {}

  /** What a connection of source `name` feeds; `devices` should be the connection's own, so the panel and the calls agree on who is a phone. */
  listenerFor(name: string, devices?: DeviceMap): AmiEventListener {
    const state = new PbxState({ devices });
    this.#states.set(name, state);
    return {
      reloaded: async (client: AmiClient, channels: readonly AmiMessage[]) => {
        const lists: AmiMessage[] = [...channels];
        for (const action of STATE_LISTS) {
          try {
            lists.push(...(await client.actionList(action)).events);
          } catch (error) {
            // A PBX without queues or parking (module not loaded) answers with an error: the rest still loads.
            this.log.info({ source: name, action, err: error }, 'a PBX state list is not available');
          }
        }
        state.load(lists);
        this.bus.publish('pbx.snapshot', { source: name, snapshot: state.snapshot() });
      },
      event: (message: AmiMessage) => {
        const changes = state.handle(message);
        if (changes.length > 0) this.bus.publish('pbx.changed', { source: name, changes });
      },
    };
  }

  /** Forget a source whose connection stopped. */
  remove(name: string): void {
    if (this.#states.delete(name)) this.bus.publish('pbx.snapshot', { source: name, snapshot: null });
  }

  /** The PBX (source name) that lists an extension; with several that do, the first by name. */
  sourceOf(extension: string): string | undefined {
    let found: string | undefined;
    for (const [source, state] of this.#states) {
      if (state.knows(extension) && (found === undefined || source < found)) found = source;
    }
    return found;
  }

  /** The interface under which an extension is a member of a queue of PBX `source`, if it is one. */
  memberInterface(source: string, queue: string, extension: string): string | undefined {
    return this.#states.get(source)?.memberInterface(queue, extension);
  }

  /** The device the PBX's hint names for an extension (the PBX sourceOf gives). */
  deviceOf(extension: string): string | undefined {
    const source = this.sourceOf(extension);
    return source === undefined ? undefined : this.#states.get(source)?.deviceOf(extension);
  }

  /** Every PBX's state now, for a panel that just connected. */
  snapshots(): { source: string; snapshot: PbxSnapshot }[] {
    return [...this.#states].map(([source, state]) => ({ source, snapshot: state.snapshot() }));
  }

  /** DND / forwarding written or read by the call controls. */
  setFlags(source: string, extension: string, flags: { dnd?: boolean; forwarded?: boolean }): void {
    const changes = this.#states.get(source)?.setFlags(extension, flags) ?? [];
    if (changes.length > 0) this.bus.publish('pbx.changed', { source, changes });
  }
}
