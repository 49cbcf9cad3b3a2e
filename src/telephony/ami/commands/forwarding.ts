/**
 * Do-not-disturb and call forwarding, kept where FreePBX and the systems built on it (NethVoice,
 * Issabel, VitalPBX) keep them, so the PBX's own dialplan, feature codes (*76, *72, *90, *52) and
 * user portal see the same state as we do:
 *
 *   AstDB DND/<ext> = YES          do not disturb (FreePBX tests for "not empty")
 *   AstDB CF/<ext>  = <target>     forward everything
 *   AstDB CFB/<ext> = <target>     forward when busy
 *   AstDB CFU/<ext> = <target>     forward when unavailable / not answered
 *
 * FreePBX dials a forward target as `Local/<target>@from-internal`, so a target is anything that
 * context can dial. Forward to voicemail: FreePBX has no value of its own for it, but its ext-local
 * context answers `vmu<mailbox>` (voicemail with the unavailable greeting), and NethVoice's CTI stores
 * exactly that (`CF/<ext> = vmu<mailbox>`), so we write `vmu<mailbox>` too and stay interoperable
 * with it. When reading, `vmu`, `vmb`, `vms` (the other greetings) and `*<mailbox>` (FreePBX's direct
 * voicemail dial prefix, which NethVoice also reads as voicemail) count as voicemail.
 *
 * BLF keys: FreePBX's DND and CF feature codes also set custom device states (`Custom:DND<ext>` and
 * `Custom:DEVDND<device>`; `Custom:CF<ext>` and `Custom:DEVCF<device>`, only for unconditional CF) to
 * BUSY / NOT_INUSE with a global Setvar of DEVICE_STATE(). The *DeviceStateCommands below do the same
 * so phones' DND/CF keys light up when the state is changed from here.
 */

import type { AmiMessage } from '../frame-parser.js';
import { AmiCommandError, dialNumber, extension, type AmiCommand } from './validate.js';

export type ForwardKind = 'unconditional' | 'busy' | 'unavailable';

export type ForwardTarget = { kind: 'number'; number: string } | { kind: 'voicemail'; mailbox: string };

export interface ForwardingState {
  dnd: boolean;
  forward: Partial<Record<ForwardKind, ForwardTarget>>;
}

const FAMILY: Record<ForwardKind, string> = { unconditional: 'CF', busy: 'CFB', unavailable: 'CFU' };
const KIND_OF_FAMILY: Record<string, ForwardKind> = { CF: 'unconditional', CFB: 'busy', CFU: 'unavailable' };
const DND_FAMILY = 'DND';
const VOICEMAIL_PREFIX = 'vmu';

function family(kind: ForwardKind): string {
  const name = Object.hasOwn(FAMILY, kind) ? FAMILY[kind] : undefined;
  if (name === undefined) throw new AmiCommandError('kind', 'must be unconditional, busy or unavailable');
  return name;
}

export function setDnd(ext: string, on: boolean): AmiCommand {
  const key = extension('extension', ext);
  if (typeof on !== 'boolean') throw new AmiCommandError('on', 'must be true or false');
  return on
    ? { action: 'DBPut', fields: { Family: DND_FAMILY, Key: key, Val: 'YES' } }
    : { action: 'DBDel', fields: { Family: DND_FAMILY, Key: key } };
}

export const getDnd = (ext: string): AmiCommand => ({ action: 'DBGet', fields: { Family: DND_FAMILY, Key: extension('extension', ext) } });

/** The AstDB value for a target. */
export function forwardValue(target: ForwardTarget): string {
  if (target?.kind === 'number') return dialNumber('target.number', target.number);
  if (target?.kind === 'voicemail') return VOICEMAIL_PREFIX + extension('target.mailbox', target.mailbox);
  throw new AmiCommandError('target', 'must be { kind: "number", number } or { kind: "voicemail", mailbox }');
}

export function setForward(ext: string, kind: ForwardKind, target: ForwardTarget): AmiCommand {
  return { action: 'DBPut', fields: { Family: family(kind), Key: extension('extension', ext), Val: forwardValue(target) } };
}

export function clearForward(ext: string, kind: ForwardKind): AmiCommand {
  return { action: 'DBDel', fields: { Family: family(kind), Key: extension('extension', ext) } };
}

export function getForward(ext: string, kind: ForwardKind): AmiCommand {
  return { action: 'DBGet', fields: { Family: family(kind), Key: extension('extension', ext) } };
}

/**
 * The four DBGets whose DBGetResponse events `parseForwardingState` reads. A key that is not set
 * is answered with `Response: Error` ("Database entry not found"): that means off, not a failure.
 */
export function readForwardingCommands(ext: string): AmiCommand[] {
  return [getDnd(ext), getForward(ext, 'unconditional'), getForward(ext, 'busy'), getForward(ext, 'unavailable')];
}

const VOICEMAIL_VALUE = /^(?:vm[ubs]|\*)(\d+)$/;

/** Reads an AstDB forward value back; undefined for an empty one (FreePBX treats that as off). */
export function parseForwardValue(value: string): ForwardTarget | undefined {
  const text = value.trim();
  if (text === '') return undefined;
  const voicemail = VOICEMAIL_VALUE.exec(text);
  if (voicemail !== null) return { kind: 'voicemail', mailbox: voicemail[1]! };
  // Anything else is dialed as it is, so it is a number to us even if a person typed odd characters.
  return { kind: 'number', number: text };
}

/**
 * Turns the DBGetResponse events of `readForwardingCommands(ext)` into the extension's state.
 * Other events, other extensions' keys and families we did not ask for are ignored; what is
 * missing is off.
 */
export function parseForwardingState(ext: string, messages: Iterable<Pick<AmiMessage, 'kind' | 'name' | 'fields'>>): ForwardingState {
  const key = extension('extension', ext);
  const state: ForwardingState = { dnd: false, forward: {} };
  for (const m of messages) {
    if (m.kind !== 'event' || m.name.toLowerCase() !== 'dbgetresponse') continue;
    const { Family: fam, Key: k, Val: val = '' } = m.fields;
    if (k !== key || fam === undefined) continue;
    if (fam === DND_FAMILY) {
      state.dnd = val.trim() !== '';
      continue;
    }
    const kind = Object.hasOwn(KIND_OF_FAMILY, fam) ? KIND_OF_FAMILY[fam] : undefined;
    const target = kind === undefined ? undefined : parseForwardValue(val);
    if (kind !== undefined && target !== undefined) state.forward[kind] = target;
  }
  return state;
}

function deviceStates(userState: string, deviceState: string, ext: string, on: boolean, devices: readonly string[] | undefined): AmiCommand[] {
  const key = extension('extension', ext);
  if (typeof on !== 'boolean') throw new AmiCommandError('on', 'must be true or false');
  const value = on ? 'BUSY' : 'NOT_INUSE';
  // FreePBX keeps a user's devices in AMPUSER/<ext>/device; in its usual extension mode that is
  // just the extension itself.
  const ids = (devices ?? [key]).map((d, i) => extension(`devices[${i}]`, d));
  const setvar = (name: string): AmiCommand => ({ action: 'Setvar', fields: { Variable: `DEVICE_STATE(Custom:${name})`, Value: value } });
  return [setvar(userState + key), ...ids.map((id) => setvar(deviceState + id))];
}

/** Keeps FreePBX's DND BLF states in step with `setDnd` (send them right after it). */
export const dndDeviceStateCommands = (ext: string, on: boolean, devices?: readonly string[]): AmiCommand[] =>
  deviceStates('DND', 'DEVDND', ext, on, devices);

/** Keeps FreePBX's call-forward BLF states in step with an unconditional `setForward` / `clearForward`. */
export const forwardDeviceStateCommands = (ext: string, on: boolean, devices?: readonly string[]): AmiCommand[] =>
  deviceStates('CF', 'DEVCF', ext, on, devices);
