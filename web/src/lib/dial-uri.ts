/**
 * What "/dial?to=…" was given: a tel:, sip:/sips: or callto: link from another site (through the
 * browser's protocol handler), or a plain number. Pure, so the rules can be tested without a DOM.
 */

export type DialUriScheme = 'tel' | 'sip' | 'callto';

export type DialUriResult =
  | { ok: true; number: string; scheme: DialUriScheme | null }
  | {
      ok: false;
      /** empty: nothing given; scheme: a link type we do not dial; notANumber: no phone number in it. */
      reason: 'empty' | 'scheme' | 'notANumber';
      scheme: string | null;
    };

const MAX_INPUT = 512;
/** Digits with an optional +, and * and # for service codes: what a phone can dial. */
const DIALABLE = /^\+?[0-9*#]{1,32}$/;
/** Visual separators people and RFC 3966 put in numbers: spaces, dashes, dots, brackets, slashes. */
const SEPARATORS = /[\s\u00a0\u2000-\u200b\u202f\u2013\-.()[\]/]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The scheme of a URI, lower-case, or null when it has none (a plain number). */
export function uriScheme(uri: string): string | null {
  const match = SCHEME.exec(uri.trim());
  return match ? match[1]!.toLowerCase() : null;
}

/** A number as a person wrote it, reduced to what can be dialed; null when it is not one. */
export function cleanNumber(text: string): string | null {
  // "00" and "+" both mean international; keep what was written, the server normalizes.
  let number = decode(text).trim();
  // "+49 (0)30 …": the bracketed trunk zero is dialed only from inside the country.
  if (number.startsWith('+')) number = number.replace(/\(\s*0\s*\)/g, '');
  number = number.replace(SEPARATORS, '');
  return DIALABLE.test(number) ? number : null;
}

export function parseDialUri(input: string | null | undefined): DialUriResult {
  let text = (input ?? '').trim();
  if (!text) return { ok: false, reason: 'empty', scheme: null };
  if (text.length > MAX_INPUT) return { ok: false, reason: 'notANumber', scheme: uriScheme(text) };
  // A link encoded twice arrives as "tel%3A…".
  if (/^[a-z][a-z0-9+.-]*%3a/i.test(text)) text = decode(text);

  const scheme = uriScheme(text);
  if (scheme === null) {
    const number = cleanNumber(text);
    return number ? { ok: true, number, scheme: null } : { ok: false, reason: 'notANumber', scheme: null };
  }

  // Everything after "scheme:", without the "//" some sites write (tel://…, callto://…).
  const rest = text.slice(scheme.length + 1).replace(/^\/\//, '');
  let part: string;
  let kind: DialUriScheme;
  switch (scheme) {
    case 'tel':
      // tel:+47-22-33-44-55;ext=12;phone-context=… : the number is before the first parameter.
      part = rest.split(';')[0]!;
      kind = 'tel';
      break;
    case 'sip':
    case 'sips': {
      // sip:user;user-params@host;uri-params?headers : the number is the user part.
      const withoutHeaders = rest.split('?')[0]!;
      const at = withoutHeaders.indexOf('@');
      const user = at >= 0 ? withoutHeaders.slice(0, at) : withoutHeaders;
      part = user.split(';')[0]!;
      kind = 'sip';
      break;
    }
    case 'callto':
      part = rest.split(/[;?]/)[0]!;
      kind = 'callto';
      break;
    default:
      return { ok: false, reason: 'scheme', scheme };
  }
  const number = cleanNumber(part);
  return number ? { ok: true, number, scheme: kind } : { ok: false, reason: 'notANumber', scheme: kind };
}

/**
 * Whether opening `uri` would come straight back to Switchboard: its scheme is one this browser
 * hands to Switchboard, so the softphone would never see it and the dial page would open again.
 */
export function isHandlerLoop(uri: string | null | undefined, handledSchemes: Iterable<string>): boolean {
  if (!uri) return false;
  const scheme = uriScheme(uri);
  if (!scheme) return false;
  const handled = new Set([...handledSchemes].map((s) => (s.toLowerCase() === 'sips' ? 'sip' : s.toLowerCase())));
  return handled.has(scheme === 'sips' ? 'sip' : scheme);
}

/**
 * A query parameter as it was sent. URLSearchParams reads "+" as a space, which would turn
 * "/dial?to=tel:+4722…" (written by hand, not encoded) into a number without its country code.
 */
export function rawQueryParam(search: string, name: string): string | null {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    const key = eq >= 0 ? pair.slice(0, eq) : pair;
    if (decode(key) === name) return decode(eq >= 0 ? pair.slice(eq + 1) : '');
  }
  return null;
}
