import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { InvalidReason, NormalizedNumber, NumberNormalizer } from '../domain/phone/normalize.js';
import type { DialScheme } from '../users/preferences.js';

/** A number that cannot be dialed; the message says why. */
export class DialError extends Error {}

export interface DialPlan {
  /** What the phone dials: E.164 for tel:, the PBX dial string for callto:/sip:, an extension as it is. */
  number: string;
  e164: string | null;
  uri: string;
  kind: 'internal' | 'external';
}

const WHY: Record<InvalidReason, string> = {
  empty: 'no number given',
  withheld: 'the number is withheld',
  not_a_number: 'it is not a phone number',
  too_short: 'it has too few digits',
  too_long: 'it has too many digits',
  invalid_length: 'it has the wrong number of digits for its country',
  invalid_country: 'it starts with an unknown country code',
  invalid_for_region: 'no such number exists (the digits are not an assigned range)',
};

/** Why a number is not one, in words for the person who typed it. */
export const whyInvalid = (reason: InvalidReason | undefined): string => WHY[reason ?? 'not_a_number'];

/** '#' and other reserved characters of a PBX code must not end the URI early. */
const uriPart = (dial: string): string => dial.replace(/[^0-9A-Za-z+*\-.]/g, (c) => encodeURIComponent(c));

/**
 * How a softphone registered on the PBX must dial an external number: the outside-line prefix,
 * then the number as dialed from our region: the national form at home ("030 123456" in DE),
 * the international prefix and country code abroad ("00 47 22 33 44 55").
 */
function pbxDialString(e164: string, region: CountryCode, outsideLinePrefix: string): string {
  const parsed = parsePhoneNumberFromString(e164)!;
  const domestic = parsed.countryCallingCode === getCountryCallingCode(region);
  const dialed = parsed.format('IDD', { fromCountry: region }) ?? (domestic ? parsed.formatNational() : e164);
  return outsideLinePrefix + dialed.replace(/[^\d+]/g, '');
}

/**
 * Turns what the user typed into what their phone dials, in the form their dial scheme expects:
 * tel: takes the global RFC 3966 form (the operating system's handler knows where it is), callto:
 * and sip: go to a softphone on the PBX, which dials exactly the digits it is given.
 */
export function planDial(input: string, normalizer: NumberNormalizer, scheme: DialScheme): DialPlan {
  const n: NormalizedNumber = normalizer.normalize(input);
  if (n.kind === 'internal') return { number: n.digits, e164: null, uri: `${scheme}:${uriPart(n.digits)}`, kind: 'internal' };
  if (n.kind === 'invalid' || n.e164 === null) {
    throw new DialError(`"${input.trim()}" cannot be dialed: ${whyInvalid(n.reason)}`);
  }
  const { defaultRegion, outsideLinePrefix } = normalizer.settings;
  const number = scheme === 'tel' ? n.e164 : pbxDialString(n.e164, defaultRegion, outsideLinePrefix);
  return { number, e164: n.e164, uri: `${scheme}:${uriPart(number)}`, kind: 'external' };
}
