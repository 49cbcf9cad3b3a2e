import type { NormalizedNumber } from './normalized-number.js';

/**
 * Length of the fallback match key. Eight trailing digits are the whole national number in
 * Norway and skip everything that varies in front of a German, Italian or Swiss number (country
 * code, `00`/`+`, trunk `0`, the PBX's outside-line prefix), so two spellings of one number
 * share the key even when one of them could not be normalized. Eight digits are also ~10^8
 * possible keys, distinctive enough that a collision within one phonebook is unlikely; shorter
 * keys would start confusing numbers across a large import.
 */
export const SUFFIX_LENGTH = 8;

/** The last `length` digits; a shorter string comes back whole. */
export function digitsSuffix(digits: string, length: number = SUFFIX_LENGTH): string {
  if (!Number.isInteger(length) || length < 1) {
    throw new RangeError(`digitsSuffix: length must be a positive integer, got ${length}`);
  }
  return digits.length <= length ? digits : digits.slice(-length);
}

/**
 * The fallback match key for a number, or null when it must not be matched by suffix:
 * internal extensions (never looked up outside) and numbers with fewer than `length` digits
 * (withheld, garbage, short codes), whose suffix would match far too much.
 */
export function suffixKey(number: NormalizedNumber, length: number = SUFFIX_LENGTH): string | null {
  if (number.kind === 'internal' || number.digits.length < length) return null;
  return digitsSuffix(number.digits, length);
}

/**
 * Whether an incoming number matches a stored number by suffix. Meant for the second pass of
 * caller identification, after exact E.164 matching, against stored numbers that could not be
 * normalized (`storedDigits` is their `digits`).
 */
export function suffixMatches(
  number: NormalizedNumber,
  storedDigits: string,
  length: number = SUFFIX_LENGTH,
): boolean {
  const key = suffixKey(number, length);
  return key !== null && storedDigits.length >= length && digitsSuffix(storedDigits, length) === key;
}
