import type SQLite from 'better-sqlite3';
import type { Call } from '../domain/calls/call.js';
import type { Presence } from '../store/schema.js';

/**
 * What the browser can ask the phone system to do for a user: place a call, act on a call in
 * progress, and the user's own settings on the PBX (do-not-disturb, forwarding, queues). The HTTP
 * routes talk to this interface only; a PBX connection (AMI today) implements it.
 *
 * Numbers arrive here already planned: a PBX dial string (outside-line prefix and national form,
 * or an extension as it is), never what a person typed.
 */
export interface CallControl {
  /** Rings the user's own phone and, once they answer, dials `number`. */
  dial(actor: Actor, number: string): Promise<{ extension: string }>;
  /** Answers the user's ringing phone from here (the phone must allow remote answering). */
  answer(actor: Actor, call: Call): Promise<void>;
  hangup(actor: Actor, call: Call): Promise<void>;
  /** Blind: the other party goes to `target` at once. Attended: the user talks to `target` first. */
  transfer(actor: Actor, call: Call, target: string, attended: boolean): Promise<void>;
  /** Abandons an attended transfer and returns to the held party. */
  cancelTransfer(actor: Actor, call: Call): Promise<void>;
  /** Parks the other party; `space` is where it waits, when the PBX says. */
  park(actor: Actor, call: Call): Promise<{ space: string | null }>;
  /** Rings the user's phone and connects it to the call waiting in `space`. */
  pickup(actor: Actor, space: string): Promise<void>;
  record(actor: Actor, call: Call, action: RecordAction): Promise<{ file: string | null }>;
  forwarding(actor: Actor): Promise<Forwarding>;
  /** Only the kinds named change; null switches that kind off. Answers the state afterwards. */
  setForwarding(actor: Actor, changes: Partial<Record<ForwardKind, ForwardTarget | null>>): Promise<Forwarding>;
  queue(actor: Actor, queue: string, action: QueueAction, reason?: string): Promise<void>;
  /** Rings the supervisor's phone and lets them listen to, whisper to or join one of the call's agents. */
  spy(actor: Actor, call: Call, mode: SpyMode): Promise<void>;
}

/** Who asks; the implementation decides what they may do. */
export interface Actor {
  userId: number;
  isAdmin: boolean;
}

export type RecordAction = 'start' | 'stop' | 'pause' | 'resume';
export type QueueAction = 'login' | 'logout' | 'pause' | 'unpause';
export type SpyMode = 'listen' | 'whisper' | 'barge';
export type ForwardKind = 'unconditional' | 'busy' | 'unavailable';
export const FORWARD_KINDS: readonly ForwardKind[] = ['unconditional', 'busy', 'unavailable'];
/** A PBX dial string, or the user's own voicemail. */
export type ForwardTarget = { number: string } | { voicemail: true };

export interface Forwarding {
  /** The extension the settings belong to (the user's default phone). */
  extension: string;
  dnd: boolean;
  unconditional: ForwardTarget | null;
  busy: ForwardTarget | null;
  unavailable: ForwardTarget | null;
}

/**
 * pbx_unavailable: no connection to the phone system right now. not_on_call: the user has no
 * channel on that call (or none the action can use). no_phone: the user has no extension on the
 * PBX. pbx_refused: the PBX answered with an error (its message is kept). invalid: an input the
 * PBX must not be sent (`field` names it). forbidden: the user may not do this.
 */
export type CallControlErrorCode = 'pbx_unavailable' | 'not_on_call' | 'no_phone' | 'pbx_refused' | 'invalid' | 'forbidden';

export class CallControlError extends Error {
  override name = 'CallControlError';
  constructor(
    readonly code: CallControlErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** One of a user's phones that a PBX can ring: an extension, not a mobile number. */
export interface UserPhone {
  extension: string;
  isDefault: boolean;
}

export interface PhoneUser {
  displayName: string;
  /** The default device first. */
  phones: UserPhone[];
}

/**
 * Who has which phones, asked synchronously because capabilities are (once per request, so a
 * device added a moment ago counts at once).
 */
export interface PhoneDirectory {
  /** undefined for an unknown or disabled user. */
  userOf(userId: number): PhoneUser | undefined;
  /** Everyone's presence now. */
  presences(): Map<number, Presence>;
}

/** Extensions as a PBX names them; a device whose "extension" is a full number (+47…) is a mobile. */
const EXTENSION = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,39}$/;

/** The phone directory read straight from the database, like the extension registry does. */
export function sqlitePhoneDirectory(sqlite: SQLite.Database): PhoneDirectory {
  const user = sqlite.prepare<[number], { display_name: string }>(`SELECT display_name FROM users WHERE id = ? AND disabled = 0`);
  const devices = sqlite.prepare<[number], { extension: string; kind: string; is_default: number }>(
    `SELECT extension, kind, is_default FROM devices WHERE user_id = ? ORDER BY is_default DESC, id`,
  );
  const presences = sqlite.prepare<[], { id: number; presence: Presence }>(`SELECT id, presence FROM users`);
  return {
    userOf(userId) {
      const row = user.get(userId);
      if (row === undefined) return undefined;
      const phones = devices
        .all(userId)
        .filter((d) => d.kind !== 'mobile' && EXTENSION.test(d.extension))
        .map((d) => ({ extension: d.extension, isDefault: d.is_default === 1 }));
      return { displayName: row.display_name, phones };
    },
    presences: () => new Map(presences.all().map((row) => [row.id, row.presence])),
  };
}
