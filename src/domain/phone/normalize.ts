/*
 * Metadata choice: libphonenumber-js/max. With /min, isValid() only checks the length, so any
 * 8 digits pass as a Norwegian number; /max checks the digits against the assigned ranges.
 * Switchboard needs that accuracy twice: "e164 only when valid" must mean valid, and the
 * outside-line prefix rule below picks between two readings of the same digits by asking which
 * one is valid. The cost is about 65 kB more metadata and ~1.5x the parse time (measured ~5 µs
 * vs ~3.3 µs per number on Node 20). The known drawback, stale metadata rejecting a freshly
 * assigned range, is bounded: such a number is kept, flagged and still matched by suffix.
 */
import {
  Metadata,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type PhoneNumber,
  type ValidatePhoneNumberLengthResult,
} from 'libphonenumber-js/max';
import { checkNumbering } from './check-numbering.js';
import { readNumberText } from './number-text.js';
import type {
  InvalidReason,
  NormalizedNumber,
  NumberNormalizer,
  NumberOrigin,
} from './normalized-number.js';
import type { NumberingSettings } from './numbering.js';

export type {
  InvalidReason,
  NormalizedNumber,
  NumberKind,
  NumberNormalizer,
  NumberOrigin,
} from './normalized-number.js';
// One import path for consumers: everything about normalized numbers is reachable from here.
export { formatForDisplay } from './display.js';
export { SUFFIX_LENGTH, digitsSuffix, suffixKey, suffixMatches } from './suffix.js';

const DIGITS = /^\d+$/;
const DIALABLE = /^\+?\d+$/;

/**
 * A digit string longer than this cannot be a number even with an outside-line prefix, a
 * four-digit international prefix and the 15 digits E.164 allows; skip libphonenumber for it.
 */
const MAX_DIALED_DIGITS = 24;

const REASON_BY_LENGTH_RESULT: Record<ValidatePhoneNumberLengthResult, InvalidReason> = {
  NOT_A_NUMBER: 'not_a_number',
  INVALID_COUNTRY: 'invalid_country',
  TOO_SHORT: 'too_short',
  TOO_LONG: 'too_long',
  INVALID_LENGTH: 'invalid_length',
};

/**
 * Validates the settings (throwing `numbering.<key>: …` on the first bad one) and returns a
 * normalizer with everything precompiled, meant to be built once and reused on every call
 * event and import row.
 *
 * How a number is read, in order:
 * 1. Cleanup (number-text.ts): trim; unwrap tel:/sip: URIs and `<…>`; drop URI parameters,
 *    typed extensions ("ext. 12") and dial pauses; recognize withheld placeholders; remove
 *    spaces, dashes, dots, slashes and parentheses.
 * 2. Without a leading `+`, text matching the extension pattern is internal. Checked before
 *    anything else, so an extension is never stripped, parsed or flagged.
 * 3. Otherwise it must be `+` and digits, read in the default region by libphonenumber, which
 *    handles the national trunk prefix, the region's international prefix and "+49 (0)30…"
 *    ("+47 (0)22…", where the bracketed 0 is wrong, is retried without it).
 *    A leading `00` is also accepted where the region's own international prefix differs
 *    (011 in the US): "00 47…" is then read as "+47…".
 * 4. The outside-line prefix. A number that starts with it has two readings: as written, and
 *    with the prefix removed (only when the rest is not itself an extension). When just one is
 *    valid, that one wins. When both are valid, the origin decides, because the digits alone
 *    cannot: with prefix "0" in Germany, "0033 1 12 34 56 78" typed into a contact is Paris,
 *    while the PBX reporting a dialed "0" + "0331 12345678" (Potsdam) shows the same digits.
 *    This is not rare: "0" + a German number also reads as a valid foreign number for ~7% of a
 *    uniform sample of valid German numbers ("0" + "0157 12345678" is +1 571 234 5678), and
 *    "0" + an Italian mobile can read as a landline ("0" + "351 123 4567" is +39 0351 1234567).
 *    As-written-first would misread PBX traffic, and prefix-first would turn typed international
 *    numbers into domestic ones (a person writing "0033…" means France). Hence:
 *    - origin 'entered' (default; contacts, imports, user input): as written first.
 *    - origin 'pbx' (caller ids and dialed numbers from call events): prefix removed first.
 * 5. e164 only when libphonenumber's isValid() says so; otherwise kind invalid with a reason
 *    taken from the as-written reading.
 */
export function compileNumbering(settings: NumberingSettings): NumberNormalizer {
  const { region, outsideLinePrefix: prefix, extension } = checkNumbering(settings);
  const reads00AsInternational = !internationalPrefixAccepts00(region);
  const frozen = Object.freeze({
    defaultRegion: region,
    outsideLinePrefix: prefix,
    extensionPattern: settings.extensionPattern,
  });

  /** "00 47…" where 00 is not the region's own international prefix (011 in the US). */
  function validInternationalReading(dialed: string): PhoneNumber | undefined {
    if (!reads00AsInternational || !dialed.startsWith('00')) return undefined;
    const international = parsePhoneNumberFromString(`+${dialed.slice(2)}`);
    return international?.isValid() ? international : undefined;
  }

  function validReading(dialed: string): PhoneNumber | undefined {
    const number = parsePhoneNumberFromString(dialed, region);
    return number?.isValid() ? number : validInternationalReading(dialed);
  }

  /**
   * Phone systems and cloud PBXs (sipgate, Zammad's CTI API) often report E.164 without its "+":
   * "4921155500100". Tried last, only for PBX traffic and only when no national reading is
   * valid, so a national number is never re-read as a foreign one.
   */
  function validPlusless(dialed: string): PhoneNumber | undefined {
    if (dialed.startsWith('+') || dialed.startsWith('0')) return undefined;
    const international = parsePhoneNumberFromString(`+${dialed}`);
    return international?.isValid() ? international : undefined;
  }

  function withoutPrefix(dialed: string): string | undefined {
    if (prefix === '' || dialed.startsWith('+') || !dialed.startsWith(prefix)) return undefined;
    const rest = dialed.slice(prefix.length);
    return rest === '' || extension.test(rest) ? undefined : rest;
  }

  /**
   * The valid number, or why there is none. The as-written parse is kept for the reason so the
   * invalid path (common in dirty imports) does not parse the same digits twice.
   */
  function readExternal(dialed: string, origin: NumberOrigin): PhoneNumber | InvalidReason {
    const stripped = withoutPrefix(dialed);
    const pbxReading = origin === 'pbx' && stripped !== undefined ? validReading(stripped) : undefined;
    if (pbxReading) return pbxReading;

    const asWritten = parsePhoneNumberFromString(dialed, region);
    if (asWritten?.isValid()) return asWritten;
    const number =
      validInternationalReading(dialed) ??
      (origin === 'entered' && stripped !== undefined ? validReading(stripped) : undefined) ??
      (origin === 'pbx' ? validPlusless(dialed) : undefined);
    if (number) return number;
    return asWritten?.isPossible() ? 'invalid_for_region' : lengthReason(dialed, region);
  }

  /**
   * "+47 (0)22 33 44 55": a trunk 0 in brackets after the country code, written out of habit
   * even for countries that have none. libphonenumber already drops it where the country has a
   * trunk prefix (DE, CH) and keeps it where it belongs to the number (IT); only when the
   * number is invalid with it is it tried without.
   */
  function readWithoutBracketedZero(raw: string, origin: NumberOrigin): PhoneNumber | undefined {
    if (!raw.includes('(0)')) return undefined;
    const again = readNumberText(raw.replace('(0)', ''));
    if (!again.ok || !DIALABLE.test(again.text)) return undefined;
    const number = readExternal(again.text, origin);
    return typeof number === 'string' ? undefined : number;
  }

  function normalize(raw: string, origin: NumberOrigin = 'entered'): NormalizedNumber {
    const cleaned = readNumberText(raw);
    if (!cleaned.ok) return { raw, e164: null, kind: 'invalid', digits: '', reason: cleaned.reason };
    const { text } = cleaned;

    if (!text.startsWith('+') && extension.test(text)) {
      return { raw, e164: null, kind: 'internal', digits: text };
    }

    const digits = text.startsWith('+') ? text.slice(1) : text;
    if (!DIGITS.test(digits)) {
      return { raw, e164: null, kind: 'invalid', digits: '', reason: 'not_a_number' };
    }
    if (digits.length > MAX_DIALED_DIGITS) {
      return { raw, e164: null, kind: 'invalid', digits, reason: 'too_long' };
    }

    const reading = readExternal(text, origin);
    if (typeof reading !== 'string') return externalNumber(raw, reading);
    const retried = readWithoutBracketedZero(raw, origin);
    if (retried) return externalNumber(raw, retried);
    return { raw, e164: null, kind: 'invalid', digits, reason: reading };
  }

  return { settings: frozen, normalize };
}

function externalNumber(raw: string, number: PhoneNumber): NormalizedNumber {
  return { raw, e164: number.number, kind: 'external', digits: number.number.slice(1) };
}

function lengthReason(dialed: string, region: CountryCode): InvalidReason {
  const length = validatePhoneNumberLength(dialed, region);
  return length === undefined ? 'invalid_for_region' : REASON_BY_LENGTH_RESULT[length];
}

/** True where libphonenumber already reads a leading `00` as the international prefix. */
function internationalPrefixAccepts00(region: CountryCode): boolean {
  const metadata = new Metadata();
  metadata.selectNumberingPlan(region);
  const idd = metadata.numberingPlan?.IDDPrefix();
  return idd !== undefined && new RegExp(`^(?:${idd})$`).test('00');
}
