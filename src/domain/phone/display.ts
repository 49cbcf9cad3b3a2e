import {
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import type { NormalizedNumber } from './normalized-number.js';

/**
 * How to show a number to people in `region`: national format ("030 1234567") when it shares the
 * region's country calling code, international ("+47 22 33 44 55") otherwise. Compared by calling
 * code rather than country so a Rome number in the Vatican range (+39 06 698…) still reads as
 * Italian in IT, and +1 numbers read nationally across NANP. The extension for internal
 * numbers; what was typed (trimmed) for invalid ones, which we could not improve on.
 */
export function formatForDisplay(number: NormalizedNumber, region: CountryCode): string {
  if (number.kind === 'internal') return number.digits;
  if (number.e164 === null) return number.raw.trim();
  const parsed = parsePhoneNumberFromString(number.e164);
  if (!parsed) return number.raw.trim();
  return parsed.countryCallingCode === getCountryCallingCode(region)
    ? parsed.formatNational()
    : parsed.formatInternational();
}
