/**
 * Actions that drive a call: click-to-call, hang up, transfers, park and pickup, and answering a
 * ringing phone remotely. Field names and order follow Asterisk 22's AMI and what a CTI client sent
 * in test/fixtures/ami (*.sent), so a frame built here reads exactly like the recorded one.
 */

import {
  AmiCommandError,
  callerId,
  channel,
  dialNumber,
  dialplanName,
  exten,
  extension,
  int,
  token,
  variableLines,
  type AmiCommand,
} from './validate.js';

/** FreePBX's (and its relatives') context for calls placed by an extension: outbound routes apply. */
export const DEFAULT_CONTEXT = 'from-internal';
const DEFAULT_RING_TIMEOUT_MS = 30_000;
const MAX_RING_TIMEOUT_MS = 600_000;

/**
 * Set (inherited by every leg, hence the `__`) on calls we originate, with the token the caller
 * gave, so a tracker can tell our calls from the ones people dialed themselves.
 */
export const ORIGINATE_TAG_VARIABLE = 'SWITCHBOARD_ORIGINATE';

interface OriginateToExten {
  /** The user's own device, rung first: `PJSIP/201`, `SIP/201`, `Local/201@from-internal`. */
  device: string;
  /** The user's extension: the caller id number, so FreePBX treats the call as placed by it. */
  extension: string;
  /** Shown on the user's phone and, unless the PBX replaces it, to the callee. */
  displayName: string;
  /** Dialplan context; default `from-internal`. */
  context?: string;
  /** How long the user's phone rings before we give up, in ms; default 30 000. */
  timeoutMs?: number;
  /** Extra channel variables (`NAME=value`), e.g. `__ALERT_INFO`. */
  variables?: Readonly<Record<string, string>>;
}

export interface ClickToCallInput extends OriginateToExten {
  /** What to dial once the user answered: `+4799887766`, `004799887766`, `202`, `*97`. */
  number: string;
  /** Ours, to recognise this call later (ORIGINATE_TAG_VARIABLE). */
  token: string;
}

export interface PickupParkedInput extends OriginateToExten {
  /** The parking space the call waits in (`701`; FreePBX's default lot uses 71–78). */
  space: string;
  token?: string;
}

function originateToExten(input: OriginateToExten, target: string, tag: string | undefined): AmiCommand {
  const variables = [...(tag === undefined ? [] : [`__${ORIGINATE_TAG_VARIABLE}=${tag}`]), ...variableLines('variables', input.variables)];
  return {
    action: 'Originate',
    fields: {
      Channel: channel('device', input.device),
      Context: dialplanName('context', input.context ?? DEFAULT_CONTEXT),
      Exten: target,
      Priority: 1,
      // "Name" <extension>: FreePBX takes the extension from the caller id number of a call entering
      // from-internal and applies that extension's outbound caller id on the trunk, so the callee
      // sees the user's own number rather than the PBX's main one.
      CallerID: callerId('displayName', input.displayName, 'extension', extension('extension', input.extension)),
      Timeout: int('timeoutMs', input.timeoutMs ?? DEFAULT_RING_TIMEOUT_MS, 1000, MAX_RING_TIMEOUT_MS),
      // Without Async the response waits for the user to answer, holding up every other action.
      Async: true,
      Variable: variables.length > 0 ? variables : undefined,
    },
  };
}

/** Click-to-call: ring the user's device, and when they answer dial `number` as if they had. */
export function clickToCall(input: ClickToCallInput): AmiCommand {
  return originateToExten(input, dialNumber('number', input.number), token('token', input.token));
}

/** Take a parked call: ring the user's device, then dial the parking space (as a phone would). */
export function pickupParked(input: PickupParkedInput): AmiCommand {
  return originateToExten(input, exten('space', input.space), input.token === undefined ? undefined : token('token', input.token));
}

export function hangup(input: { channel: string; cause?: number }): AmiCommand {
  return {
    action: 'Hangup',
    fields: {
      Channel: channel('channel', input.channel),
      Cause: input.cause === undefined ? undefined : int('cause', input.cause, 1, 127),
    },
  };
}

interface TransferInput {
  /** Blind: the channel whose bridged peers move. Attended: the transferer's own channel. */
  channel: string;
  /** Destination extension in `context`. */
  exten: string;
  /** Default `from-internal`. */
  context?: string;
}

/** Everyone bridged with `channel` goes to exten@context; `channel` itself is dropped. */
export function blindTransfer(input: TransferInput): AmiCommand {
  return {
    action: 'BlindTransfer',
    fields: {
      Channel: channel('channel', input.channel),
      Context: dialplanName('context', input.context ?? DEFAULT_CONTEXT),
      Exten: exten('exten', input.exten),
    },
  };
}

export interface RedirectInput extends TransferInput {
  priority?: number;
  /** A second channel to move at the same time (both legs of a call, e.g. into a conference). */
  extraChannel?: string;
  /** Where the extra channel goes; default the same destination as `channel`. */
  extraExten?: string;
  extraContext?: string;
  extraPriority?: number;
}

/** Move a channel (not its peer) out of its bridge into the dialplan at exten@context. */
export function redirect(input: RedirectInput): AmiCommand {
  const context = dialplanName('context', input.context ?? DEFAULT_CONTEXT);
  const target = exten('exten', input.exten);
  const priority = int('priority', input.priority ?? 1, 1, 1_000_000);
  const extra = input.extraChannel === undefined ? undefined : channel('extraChannel', input.extraChannel);
  // Spelled out rather than left to the PBX's defaults for the second leg.
  return {
    action: 'Redirect',
    fields: {
      Channel: channel('channel', input.channel),
      Context: context,
      Exten: target,
      Priority: priority,
      ExtraChannel: extra,
      ExtraContext: extra === undefined ? undefined : dialplanName('extraContext', input.extraContext ?? context),
      ExtraExten: extra === undefined ? undefined : exten('extraExten', input.extraExten ?? target),
      ExtraPriority: extra === undefined ? undefined : int('extraPriority', input.extraPriority ?? priority, 1, 1_000_000),
    },
  };
}

/** Start an attended transfer: the transferer's party is held while exten@context is consulted. */
export function attendedTransfer(input: TransferInput): AmiCommand {
  return {
    action: 'Atxfer',
    fields: {
      Channel: channel('channel', input.channel),
      Context: dialplanName('context', input.context ?? DEFAULT_CONTEXT),
      Exten: exten('exten', input.exten),
    },
  };
}

/**
 * Abandon a consultation and return to the held party (Asterisk 13.18 / 14.7 / 15.1 and later).
 * Asterisk performs it with the `atxferabort` feature code, so it fails where that is disabled.
 */
export function cancelAttendedTransfer(input: { channel: string }): AmiCommand {
  return { action: 'CancelAtxfer', fields: { Channel: channel('channel', input.channel) } };
}

export interface ParkInput {
  /** The party to park (the far end, not the user's own leg). */
  channel: string;
  /** Who gets the call back if nobody takes it; when bridged with `channel` it also hears the space. */
  timeoutChannel: string;
  /** Another bridged channel that should hear where the call was parked. */
  announceChannel?: string;
  parkingLot?: string;
  /** Overrides the lot's timeout; whole seconds in effect, 0 never times out. */
  timeoutMs?: number;
}

export function park(input: ParkInput): AmiCommand {
  return {
    action: 'Park',
    fields: {
      Channel: channel('channel', input.channel),
      TimeoutChannel: channel('timeoutChannel', input.timeoutChannel),
      AnnounceChannel: input.announceChannel === undefined ? undefined : channel('announceChannel', input.announceChannel),
      Parkinglot: input.parkingLot === undefined ? undefined : dialplanName('parkingLot', input.parkingLot),
      Timeout: input.timeoutMs === undefined ? undefined : int('timeoutMs', input.timeoutMs, 0, 86_400_000),
    },
  };
}

/**
 * Answer a ringing phone from here: an out-of-dialog NOTIFY with `Event: talk` (the BroadSoft
 * remote-control event), which Yealink, Snom, Grandstream and others act on when the PBX is a
 * trusted server. Phones that do not support it answer 4xx and keep ringing.
 */
export function answerPjsip(input: { endpoint: string }): AmiCommand {
  return { action: 'PJSIPNotify', fields: { Endpoint: extension('endpoint', input.endpoint), Variable: ['Event=talk'] } };
}

/** The same for chan_sip, which Asterisk 21 removed; for older FreePBX systems still on it. */
export function answerChanSip(input: { peer: string }): AmiCommand {
  return { action: 'SIPnotify', fields: { Channel: `SIP/${extension('peer', input.peer)}`, Variable: ['Event=talk'] } };
}

/** For callers that switch on the channel driver of the user's device. */
export function answerRemotely(input: { technology: 'PJSIP' | 'SIP'; endpoint: string }): AmiCommand {
  if (input.technology === 'PJSIP') return answerPjsip({ endpoint: input.endpoint });
  if (input.technology === 'SIP') return answerChanSip({ peer: input.endpoint });
  throw new AmiCommandError('technology', 'must be PJSIP or SIP');
}
