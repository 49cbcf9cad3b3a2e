import type { CallDirection, EndCause } from './call-event.js';

export type CallPhase = 'ringing' | 'dialing' | 'answered' | 'ended';

/**
 * How a finished call turned out. Inbound: answered or missed. Outbound: answered, notanswered,
 * busy or failed. Details (abandoned, rang out, rejected…) live in `cause`.
 */
export type CallOutcome = 'answered' | 'missed' | 'notanswered' | 'busy' | 'failed';

export type LegState = 'ringing' | 'dialing' | 'answered' | 'ended';

/** One local extension's part in a call. */
export interface CallLeg {
  extension: string;
  state: LegState;
  /** When this extension started ringing / dialing (epoch ms). */
  since: number;
  answeredAt?: number;
  endedAt?: number;
  /** Why this leg ended (e.g. `answered_elsewhere` when a colleague took the call). */
  cause?: EndCause;
}

export interface Call {
  /** Globally unique: `${source}:${callId}`. */
  id: string;
  source: string;
  callId: string;
  direction: CallDirection;
  phase: CallPhase;
  remoteNumber?: string;
  remoteName?: string;
  localNumber?: string;
  queue?: string;
  legs: CallLeg[];
  /** Extension that answered (inbound) or placed the call that was answered (outbound). */
  answeredBy?: string;
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  outcome?: CallOutcome;
  cause?: EndCause;
  causeText?: string;
  /** Set when the tracker closed the call itself because no end event came in time. */
  closedByTimeout?: boolean;
}

/** What the tracker emits after applying an event: the call as it now stands. */
export interface CallUpdate {
  call: Call;
  /** `created` on the first event of a call, `ended` once when it finishes, `updated` otherwise. */
  change: 'created' | 'updated' | 'ended';
}

export const callKey = (source: string, callId: string): string => `${source}:${callId}`;

export function ringDurationMs(call: Call): number | undefined {
  const stop = call.answeredAt ?? call.endedAt;
  return stop === undefined ? undefined : Math.max(0, stop - call.startedAt);
}

export function talkDurationMs(call: Call): number | undefined {
  if (call.answeredAt === undefined || call.endedAt === undefined) return undefined;
  return Math.max(0, call.endedAt - call.answeredAt);
}
