import type { Call } from '../domain/calls/call.js';
import { ringDurationMs, talkDurationMs } from '../domain/calls/call.js';
import type { Identity } from '../domain/calls/identity.js';
import type { LookupFailure } from '../directory/chain.js';

/** What a phone system tells about a call in progress besides its legs (PBX connections only). */
export interface CallFlags {
  /** Extensions that put the call on hold (with their phone's hold key), sorted. */
  heldBy: string[];
  /** The other party (a trunk, or a channel that is no one's phone) put the call on hold. */
  remoteHold: boolean;
  recording: 'off' | 'on' | 'paused';
}

/** A call as one user sees it in a popup: their own leg, and who answered by name. */
export interface CallView {
  id: string;
  source: string;
  direction: Call['direction'];
  phase: Call['phase'];
  outcome: Call['outcome'] | null;
  cause: Call['cause'] | null;
  remoteNumber: string | null;
  /** The name the phone system sent with the number (not looked up). */
  remoteName: string | null;
  localNumber: string | null;
  queue: string | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  ringMs: number | null;
  talkMs: number | null;
  closedByTimeout: boolean;
  legs: { extension: string; state: string; cause: string | null; userId: number | null; userName: string | null }[];
  answeredBy: { extension: string; userId: number | null; userName: string | null } | null;
  /** The viewer's own leg, when they have one. */
  mine: { extension: string; state: string; cause: string | null } | null;
  /** True until the directory has answered for this viewer. */
  identifying: boolean;
  identity: Identity | null;
  lookupFailures: LookupFailure[];
  /** Hold and recording; null when the call's source cannot tell (webhooks). */
  flags: CallFlags | null;
}

export interface ViewContext {
  viewerId: number;
  viewerExtensions: (extension: string) => boolean;
  owner: (extension: string) => { userId: number; userName: string } | undefined;
  identity?: { identity: Identity | null; failures: LookupFailure[] };
  /** The call's hold and recording state, where its source tells them. */
  flags?: CallFlags | null;
}

export function callView(call: Call, ctx: ViewContext): CallView {
  const mineLeg = call.legs.find((leg) => ctx.viewerExtensions(leg.extension));
  const answeredOwner = call.answeredBy ? ctx.owner(call.answeredBy) : undefined;
  return {
    id: call.id,
    source: call.source,
    direction: call.direction,
    phase: call.phase,
    outcome: call.outcome ?? null,
    cause: call.cause ?? null,
    remoteNumber: call.remoteNumber ?? null,
    remoteName: call.remoteName ?? null,
    localNumber: call.localNumber ?? null,
    queue: call.queue ?? null,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt ?? null,
    endedAt: call.endedAt ?? null,
    ringMs: ringDurationMs(call) ?? null,
    talkMs: talkDurationMs(call) ?? null,
    closedByTimeout: call.closedByTimeout === true,
    legs: call.legs.map((leg) => {
      const owner = ctx.owner(leg.extension);
      return { extension: leg.extension, state: leg.state, cause: leg.cause ?? null, userId: owner?.userId ?? null, userName: owner?.userName ?? null };
    }),
    answeredBy: call.answeredBy
      ? { extension: call.answeredBy, userId: answeredOwner?.userId ?? null, userName: answeredOwner?.userName ?? null }
      : null,
    mine: mineLeg ? { extension: mineLeg.extension, state: mineLeg.state, cause: mineLeg.cause ?? null } : null,
    identifying: ctx.identity === undefined && call.remoteNumber !== undefined,
    identity: ctx.identity?.identity ?? null,
    lookupFailures: ctx.identity?.failures ?? [],
    flags: ctx.flags ?? null,
  };
}
