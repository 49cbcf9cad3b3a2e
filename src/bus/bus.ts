import type { Call } from '../domain/calls/call.js';
import type { CallFlags } from '../calls/call-view.js';
import type { PbxChange, PbxSnapshot } from '../telephony/ami/pbx-state.js';
import type { Identity } from '../domain/calls/identity.js';
import type { Presence } from '../store/schema.js';
import type { Preferences, PreferencesDefaults } from '../users/preferences.js';
import type { Me } from '../users/user-service.js';

/** Everything that travels between the parts of the process, by topic. */
export interface BusTopics {
  /** A call changed; `userIds` are the users of the local extensions involved. */
  'call.updated': { call: Call; change: 'created' | 'updated' | 'ended'; userIds: number[] };
  /** The directory chain answered for one user (or for everyone when `userId` is null). */
  'call.identified': { callId: string; userId: number | null; identity: Identity | null; failures: { source: string; error: string }[] };
  /** Phonebook content changed; caches must forget. */
  'contacts.changed': { count: number };
  /** Users or devices changed; routing tables must reload. */
  'users.changed': Record<string, never>;
  /** One user's account as they see it changed (name, language, devices…): their open tabs follow. */
  'user.updated': { user: Me };
  /** One user's preferences changed. */
  'user.preferences': { userId: number; preferences: Preferences };
  /** One user set their presence. */
  'user.presence': { userId: number; presence: Presence };
  /** The admin changed the defaults everyone's preferences fall back to. */
  'preferences.defaults': { defaults: PreferencesDefaults };
  /** A PBX's operator-panel state after a (re)load; null when the PBX connection is gone. */
  'pbx.snapshot': { source: string; snapshot: PbxSnapshot | null };
  /** Extensions, queues, parked calls or trunks of a PBX changed. */
  'pbx.changed': { source: string; changes: PbxChange[] };
  /** A PBX call's hold or recording state changed (`callId` as in `call.updated`). */
  'call.flags': { callId: string; flags: CallFlags };
  /** A PBX connection came up or went down (or away): what users can do on their calls changed. */
  'capabilities.changed': Record<string, never>;
}

export type Topic = keyof BusTopics;
type Handler<T extends Topic> = (message: BusTopics[T]) => void;

/**
 * In-process publish/subscribe. Delivery is synchronous and in order; a failing subscriber is
 * reported and does not stop the others. A networked engine can implement the same interface.
 */
export class Bus {
  private readonly handlers = new Map<Topic, Set<Handler<Topic>>>();

  constructor(private readonly onError: (topic: Topic, error: unknown) => void = () => {}) {}

  subscribe<T extends Topic>(topic: T, handler: Handler<T>): () => void {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    set.add(handler as Handler<Topic>);
    return () => set.delete(handler as Handler<Topic>);
  }

  publish<T extends Topic>(topic: T, message: BusTopics[T]): void {
    const set = this.handlers.get(topic);
    if (!set) return;
    for (const handler of set) {
      try {
        handler(message);
      } catch (error) {
        this.onError(topic, error);
      }
    }
  }
}
