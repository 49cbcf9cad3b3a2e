/**
 * The one vocabulary every telephony source speaks after its adapter has translated it.
 * Adapters (webhook dialects, AMI, …) produce CallEvents; the tracker consumes them.
 * Nothing here knows about users, popups or storage.
 */

export type CallDirection = 'inbound' | 'outbound';

/**
 * What happened, from the point of view of one local extension (or of the call as a whole
 * when `extension` is absent).
 * - `ringing`: an inbound call rings at `extension` (or at each of `extensions`).
 * - `dialing`: `extension` places an outbound call to `remoteNumber`.
 * - `answered`: `extension` took the call (inbound) or the far end picked up (outbound).
 * - `ended`: the call (or only the leg of `extension`, when `legOnly` is set) is over.
 */
export type CallEventKind = 'ringing' | 'dialing' | 'answered' | 'ended';

/**
 * Why a call or leg ended, as far as the source tells us.
 * `completed`: normal hang-up after an answer. `noanswer`: rang out. `cancelled`: the caller
 * gave up while it rang (abandoned). `busy`, `rejected`, `failed` (congestion, unreachable,
 * invalid number), `voicemail`: the call went to a voicemail box. `answered_elsewhere`: another
 * extension took it (ring group, queue). `unknown`: the source did not say.
 */
export type EndCause =
  | 'completed'
  | 'noanswer'
  | 'cancelled'
  | 'busy'
  | 'rejected'
  | 'failed'
  | 'voicemail'
  | 'answered_elsewhere'
  | 'unknown';

export interface CallEvent {
  /** Name of the configured source that produced the event (webhook source, PBX connection). */
  source: string;
  /** The source's own id for the call; unique within the source. */
  callId: string;
  kind: CallEventKind;
  direction: CallDirection;
  /** Event time in epoch milliseconds, as reported by the source (or receipt time). */
  at: number;
  /** The local extension this event is about. */
  extension?: string;
  /** Several extensions ringing at once (ring group, queue ringall). */
  extensions?: string[];
  /** The other party's number exactly as the source sent it (not normalized). */
  remoteNumber?: string;
  /** The other party's name when the source knows it (CNAM, PBX phonebook). */
  remoteName?: string;
  /** Our own number involved (the dialed DID for inbound, the presented caller id for outbound). */
  localNumber?: string;
  queue?: string;
  /** For `ended`. */
  cause?: EndCause;
  /** The vendor's own cause text or code, kept for the call log. */
  causeText?: string;
  /** For `ended`: only this extension's leg is over, the call goes on elsewhere. */
  legOnly?: boolean;
}
