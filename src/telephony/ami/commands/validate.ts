/**
 * Input checks shared by the AMI command builders. Everything a builder puts into a frame passes
 * one of these first, so a value can never carry a line break (a second, injected action) or a
 * separator that Asterisk would split on inside an application argument (`,` in ChanSpy or
 * MixMonitor data, `,` in an Originate `Variable:` header, `|` in queue_log).
 *
 * The rules are allow-lists, not deny-lists: a channel name, number or dialplan name is made of the
 * characters listed here and nothing else.
 */

import type { AmiFields } from '../client.js';

/** One AMI action, ready for `AmiClient.action(cmd.action, cmd.fields)`. */
export interface AmiCommand {
  action: string;
  fields: AmiFields;
}

/** A builder refused an input; `field` is the input's name and the message says what is wrong. */
export class AmiCommandError extends Error {
  override name = 'AmiCommandError';
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

/** Shown in messages: enough to recognise the value, never a raw line break. */
const shown = (value: unknown): string => {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
};

function str(field: string, value: unknown): string {
  if (typeof value !== 'string') throw new AmiCommandError(field, `must be a string (got ${typeof value})`);
  return value;
}

function matching(field: string, value: unknown, pattern: RegExp, max: number, what: string): string {
  const text = str(field, value);
  if (text === '') throw new AmiCommandError(field, 'must not be empty');
  if (text.length > max) throw new AmiCommandError(field, `is longer than ${max} characters`);
  if (!pattern.test(text)) throw new AmiCommandError(field, `${what} (got ${shown(text)})`);
  return text;
}

/**
 * TECH/resource as Asterisk names channels and dial strings: `PJSIP/201`, `PJSIP/201-0000000f`,
 * `Local/201@from-queue/n`, `Local/+4722334455@from-trunk-00000012;2`. The technology comes first,
 * so a Hangup can never be handed a `/regex/` that matches every channel. 80 is Asterisk's own
 * limit for a channel name.
 */
const CHANNEL = /^[A-Za-z][A-Za-z0-9_]*\/[A-Za-z0-9@._+;:#*/-]+$/;
export const channel = (field: string, value: unknown): string =>
  matching(field, value, CHANNEL, 80, 'must be an Asterisk channel name like PJSIP/201-0000000f');

/** What a phone dials: an optional leading +, then digits, * and #. */
const NUMBER = /^\+?[0-9*#]+$/;
export const dialNumber = (field: string, value: unknown): string =>
  matching(field, value, NUMBER, 40, 'may contain only a leading +, digits, * and #');

/** A dialplan extension to send a call to: a number, a feature code, `vmu201`, a park space. */
const EXTEN = /^[A-Za-z0-9+*#][A-Za-z0-9+*#._-]*$/;
export const exten = (field: string, value: unknown): string =>
  matching(field, value, EXTEN, 40, 'must be a dialplan extension (letters, digits, + * # . _ -)');

/** Dialplan contexts, queue names, parking lots: FreePBX's are like `from-internal`, `600`, `default`. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const dialplanName = (field: string, value: unknown): string =>
  matching(field, value, NAME, 80, 'may contain only letters, digits, _ . and -');

/** A user's extension (also an AstDB key, so never a `/`) or a PJSIP endpoint / chan_sip peer name. */
const EXTENSION = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
export const extension = (field: string, value: unknown): string =>
  matching(field, value, EXTENSION, 40, 'may contain only letters, digits, _ . and -');

/** Our own identifiers (originate tokens, call ids): they end up in file names and variables. */
const TOKEN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const token = (field: string, value: unknown): string =>
  matching(field, value, TOKEN, 64, 'may contain only letters, digits, . _ and - (not first)');

/** Channel variable names; one or two leading underscores make Asterisk pass them on to dialed legs. */
const VARIABLE_NAME = /^_{0,2}[A-Za-z][A-Za-z0-9_]*$/;
export const variableName = (field: string, value: unknown): string =>
  matching(field, value, VARIABLE_NAME, 64, 'must be a channel variable name (letters, digits, _)');

/**
 * Asterisk splits an Originate `Variable:` header on commas (honouring quotes, brackets and
 * backslashes), so a value with any of those could set variables of its own choosing; `$` would be
 * expanded wherever the dialplan reads the value.
 */
const VARIABLE_VALUE = /^[^\x00-\x1f\x7f\u0085\u2028\u2029,|"'\\()[\]{}$]*$/;
export function variableValue(field: string, value: unknown): string {
  const text = str(field, value);
  if (text.length > 256) throw new AmiCommandError(field, 'is longer than 256 characters');
  if (!VARIABLE_VALUE.test(text)) {
    throw new AmiCommandError(field, `must not contain control characters, quotes, brackets, backslashes, $, | or commas (got ${shown(text)})`);
  }
  return text;
}

/** Line breaks of any kind (C0 controls, DEL, NEL, U+2028/2029). */
const CONTROL = /[\x00-\x1f\x7f\u0085\u2028\u2029]/;

/**
 * Free text shown to people (member names, pause reasons). `|` is refused because Asterisk writes
 * these into queue_log, whose fields it separates with pipes.
 */
export function freeText(field: string, value: unknown, max = 80): string {
  const text = str(field, value);
  if (text.length > max) throw new AmiCommandError(field, `is longer than ${max} characters`);
  if (CONTROL.test(text)) throw new AmiCommandError(field, 'must not contain line breaks or control characters');
  if (text.includes('|')) throw new AmiCommandError(field, 'must not contain |');
  return text;
}

/** An integer in [min, max]. */
export function int(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new AmiCommandError(field, `must be a whole number from ${min} to ${max} (got ${shown(value)})`);
  }
  return value;
}

export function bool(field: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new AmiCommandError(field, `must be true or false (got ${shown(value)})`);
  return value;
}

/**
 * A caller-id display name. Quotes, backslashes and angle brackets would change how Asterisk splits
 * `"name" <number>`, so they are refused; `safeDisplayName` strips them for callers who would rather
 * not fail on a name taken from a directory.
 */
export function displayName(field: string, value: unknown): string {
  const text = str(field, value).trim();
  if (text.length > 80) throw new AmiCommandError(field, 'is longer than 80 characters');
  if (CONTROL.test(text)) throw new AmiCommandError(field, 'must not contain line breaks or control characters');
  if (/["\\<>]/.test(text)) throw new AmiCommandError(field, 'must not contain " \\ < or >');
  return text;
}

/** A display name made acceptable to `displayName`: offending characters dropped, spaces collapsed, cut at 80. */
export function safeDisplayName(name: string): string {
  return name
    .replace(/[\x00-\x1f\x7f\u0085\u2028\u2029"\\<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
}

/** `"Name" <number>` as Asterisk parses caller ids; just `<number>` without a name. */
export function callerId(nameField: string, name: unknown, numberField: string, number: unknown): string {
  const display = displayName(nameField, name);
  const num = exten(numberField, number);
  return display === '' ? `<${num}>` : `"${display}" <${num}>`;
}

/** Caller-supplied extra channel variables as `Variable:` lines (`NAME=value`), in the given order. */
export function variableLines(field: string, variables: Readonly<Record<string, string>> | undefined): string[] {
  if (variables === undefined) return [];
  if (typeof variables !== 'object' || variables === null) throw new AmiCommandError(field, 'must be an object of name → value');
  return Object.entries(variables).map(([name, value]) => `${variableName(`${field}.name`, name)}=${variableValue(`${field}.${name}`, value)}`);
}
