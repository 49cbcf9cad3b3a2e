import type { NumberingSettings } from './numbering.js';

/**
 * external: a valid public number; `e164` is set.
 * internal: a local extension; never looked up outside, never flagged.
 * invalid: kept as typed, flagged with a `reason`, matched only by digits suffix.
 */
export type NumberKind = 'external' | 'internal' | 'invalid';

/**
 * Machine-stable reasons for `kind: 'invalid'` (stored and reported; do not rename).
 * - empty: nothing but whitespace or an empty URI.
 * - withheld: the source said the caller is anonymous / unknown / restricted.
 * - not_a_number: letters or symbols that are not number formatting.
 * - too_short / too_long / invalid_length: the digit count cannot be a number there.
 * - invalid_country: a `+` or international prefix followed by no known country code.
 * - invalid_for_region: the length is possible but the digits are not an assigned range.
 */
export type InvalidReason =
  | 'empty'
  | 'withheld'
  | 'not_a_number'
  | 'too_short'
  | 'too_long'
  | 'invalid_length'
  | 'invalid_country'
  | 'invalid_for_region';

export interface NormalizedNumber {
  /** Exactly what was given, untouched. */
  raw: string;
  /** `+` and digits, only when the number is valid. */
  e164: string | null;
  kind: NumberKind;
  /**
   * The number as dialable digits: the E.164 digits without `+` when valid, the extension when
   * internal, the cleaned digits as written when invalid (empty when there are none, e.g. for
   * withheld or non-numeric input). Used for suffix matching.
   */
  digits: string;
  reason?: InvalidReason;
}

/**
 * Where a number comes from; it decides which reading wins when a number carries the outside-line
 * prefix and both readings are valid (see normalize.ts).
 * - entered: typed by a person, imported, or stored by a CRM.
 * - pbx: reported by the phone system (caller ids and dialed numbers in call events).
 */
export type NumberOrigin = 'entered' | 'pbx';

export interface NumberNormalizer {
  /** The settings it was compiled from (a frozen copy). */
  readonly settings: Readonly<NumberingSettings>;
  normalize(raw: string, origin?: NumberOrigin): NormalizedNumber;
}
