/**
 * Call recording with MixMonitor (both directions mixed into one file). The file name is built
 * here from our call id and the start time, never taken from a user; the options are typed flags,
 * never a string, because MixMonitor's options and its `Command:` (which runs a shell command when
 * the recording ends, and is therefore never set here) are where an injection would do harm.
 */

import { AmiCommandError, bool, channel, int, token, type AmiCommand } from './validate.js';

export interface RecordingOptions {
  /** `a`: append to an existing file instead of overwriting it. */
  append?: boolean;
  /** `b`: record only while the channel is bridged (no ringing, no hold music before the answer). */
  bridgedOnly?: boolean;
  /** `B(n)`: a beep every n seconds so both parties know they are recorded. */
  beepIntervalSeconds?: number;
  /** `v(x)`: volume of what the channel hears, -4…4. */
  volumeHeard?: number;
  /** `V(x)`: volume of what the channel says, -4…4. */
  volumeSpoken?: number;
  /** `W(x)`: both volumes, -4…4. */
  volumeBoth?: number;
}

export function mixMonitorOptions(options: RecordingOptions = {}): string {
  let flags = '';
  if (options.append !== undefined && bool('options.append', options.append)) flags += 'a';
  if (options.bridgedOnly !== undefined && bool('options.bridgedOnly', options.bridgedOnly)) flags += 'b';
  if (options.beepIntervalSeconds !== undefined) flags += `B(${int('options.beepIntervalSeconds', options.beepIntervalSeconds, 1, 3600)})`;
  if (options.volumeHeard !== undefined) flags += `v(${int('options.volumeHeard', options.volumeHeard, -4, 4)})`;
  if (options.volumeSpoken !== undefined) flags += `V(${int('options.volumeSpoken', options.volumeSpoken, -4, 4)})`;
  if (options.volumeBoth !== undefined) flags += `W(${int('options.volumeBoth', options.volumeBoth, -4, 4)})`;
  return flags;
}

const FORMAT = /^[A-Za-z0-9]{1,8}$/;

/**
 * `switchboard-<callId>-<YYYYMMDD>-<HHMMSS>.<format>` (UTC), relative, so Asterisk puts it in its
 * monitor directory. Exported so the caller can store where the recording will be.
 */
export function recordingFileName(callId: string, startedAt: Date, format = 'wav'): string {
  const id = token('callId', callId);
  if (!(startedAt instanceof Date) || Number.isNaN(startedAt.getTime())) throw new AmiCommandError('startedAt', 'must be a valid Date');
  if (typeof format !== 'string' || !FORMAT.test(format)) throw new AmiCommandError('format', 'must be a file extension like wav or gsm');
  const stamp = startedAt
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return `switchboard-${id}-${stamp}.${format}`;
}

export interface StartRecordingInput {
  /** The channel to record (the user's leg: both directions of its call are mixed). */
  channel: string;
  /** Our id of the call, for the file name. */
  callId: string;
  startedAt: Date;
  /** File extension and so format; default wav. */
  format?: string;
  options?: RecordingOptions;
}

export function startRecording(input: StartRecordingInput): AmiCommand {
  const options = mixMonitorOptions(input.options);
  return {
    action: 'MixMonitor',
    fields: {
      Channel: channel('channel', input.channel),
      File: recordingFileName(input.callId, input.startedAt, input.format),
      Options: options === '' ? undefined : options,
    },
  };
}

/** Stop recording `channel` (every MixMonitor on it, or only `mixMonitorId` from its MIXMONITOR_ID). */
export function stopRecording(input: { channel: string; mixMonitorId?: string }): AmiCommand {
  return {
    action: 'StopMixMonitor',
    fields: {
      Channel: channel('channel', input.channel),
      MixMonitorID: input.mixMonitorId === undefined ? undefined : token('mixMonitorId', input.mixMonitorId),
    },
  };
}

/** read = what the channel says, write = what it hears, both = the whole call. */
export type RecordingDirection = 'read' | 'write' | 'both';

function mute(input: { channel: string; direction?: RecordingDirection }, on: boolean): AmiCommand {
  const direction = input.direction ?? 'both';
  if (direction !== 'read' && direction !== 'write' && direction !== 'both') {
    throw new AmiCommandError('direction', 'must be read, write or both');
  }
  return {
    action: 'MixMonitorMute',
    fields: { Channel: channel('channel', input.channel), Direction: direction, State: on ? 1 : 0 },
  };
}

/** Pause: the file goes on but records silence (e.g. while a card number is read out). */
export const pauseRecording = (input: { channel: string; direction?: RecordingDirection }): AmiCommand => mute(input, true);

export const resumeRecording = (input: { channel: string; direction?: RecordingDirection }): AmiCommand => mute(input, false);
