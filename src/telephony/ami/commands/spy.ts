/**
 * Supervisor listen / whisper / barge: ring the supervisor's device and, when answered, run ChanSpy
 * on one call. The ChanSpy argument is `<chanprefix>,<options>`, so the target is a validated channel
 * name (no comma, pipe, bracket or line break can get in) and the options are fixed per mode.
 */

import { AmiCommandError, callerId, channel, int, token, type AmiCommand } from './validate.js';
import { ORIGINATE_TAG_VARIABLE } from './calls.js';

export type SpyMode = 'listen' | 'whisper' | 'barge';

/**
 * q: no beep and no channel name read out to the supervisor (the agent hears nothing either way);
 * E: hang up when the spied-on channel does; S: hang up at once if no channel matches.
 * w: the supervisor talks to the spied-on channel only; B: the supervisor talks to both parties.
 */
export const CHANSPY_OPTIONS: Readonly<Record<SpyMode, string>> = { listen: 'qES', whisper: 'qESw', barge: 'qESB' };

export interface SuperviseInput {
  /** The supervisor's device, rung first: `PJSIP/203`. */
  supervisorDevice: string;
  /**
   * The channel to spy on. ChanSpy matches by prefix, so give the full channel name
   * (`PJSIP/201-0000000f`) or an endpoint followed by `-` (`PJSIP/201-`); `PJSIP/201` alone would
   * also match `PJSIP/2010-…`.
   */
  target: string;
  mode: SpyMode;
  /** What the supervisor's phone shows, e.g. "Listen 201" <201>. Optional. */
  callerIdName?: string;
  callerIdNumber?: string;
  timeoutMs?: number;
  token?: string;
}

export function supervise(input: SuperviseInput): AmiCommand {
  const options = Object.hasOwn(CHANSPY_OPTIONS, input.mode) ? CHANSPY_OPTIONS[input.mode] : undefined;
  if (options === undefined) throw new AmiCommandError('mode', 'must be listen, whisper or barge');
  const shown = input.callerIdNumber === undefined ? undefined : callerId('callerIdName', input.callerIdName ?? '', 'callerIdNumber', input.callerIdNumber);
  if (shown === undefined && input.callerIdName !== undefined) throw new AmiCommandError('callerIdNumber', 'is needed with callerIdName');
  return {
    action: 'Originate',
    fields: {
      Channel: channel('supervisorDevice', input.supervisorDevice),
      // Application/Data instead of a dialplan extension: the target is a channel name, which no
      // stock FreePBX context accepts as an extension. (Asterisk writes no CDR for such a call.)
      Application: 'ChanSpy',
      Data: `${channel('target', input.target)},${options}`,
      CallerID: shown,
      Timeout: int('timeoutMs', input.timeoutMs ?? 30_000, 1000, 600_000),
      Async: true,
      Variable: input.token === undefined ? undefined : [`__${ORIGINATE_TAG_VARIABLE}=${token('token', input.token)}`],
    },
  };
}
