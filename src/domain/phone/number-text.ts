import type { InvalidReason } from './normalized-number.js';

/**
 * First step of normalization: turn what a person, an import or a phone system wrote into a
 * compact string (`+`, digits, and whatever else could not be explained away), or say why
 * there is nothing to normalize. Knows nothing about regions or extensions.
 */
export type NumberText =
  | { ok: true; text: string }
  | { ok: false; reason: Extract<InvalidReason, 'empty' | 'withheld' | 'too_long'> };

/**
 * Longer input is not a phone number, whatever it contains; refusing it early keeps the regular
 * expressions below and libphonenumber (which stops at 250 characters anyway) off huge strings.
 */
export const MAX_RAW_LENGTH = 256;

/**
 * What people and systems put between digits: whitespace (with no-break and thin spaces), every
 * dash, dots, slashes, parentheses, and the invisible marks copy-paste from web pages brings along.
 */
const FORMATTING = /[\s().\/\-\u2010-\u2015\u2212\u200b-\u200f\u2060]/g;
const DIALABLE = /^\+?\d+$/;

const URI_SCHEME = /^(sips?|tel):/i;
/** "+49 30 1234567 ext. 12", "030 1234567 x12": the extension is for a human, not for matching. */
const TYPED_EXTENSION = /(?<=[\d)\s])\s*(?:ext(?:ension)?\.?|x)\s*:?\s*\d{1,7}$/i;
/**
 * Words people write around a number in phonebooks: "22 33 44 55 (sentralbord)", "Mob.: 912 34
 * 567", "030 1234567 – Zentrale". Only letters (no digits) count as a label, so "ring
 * sentralbordet" stays not-a-number and "22334455 eller 99887766" is not silently cut in half.
 */
const LEADING_LABEL = /^\p{L}[\p{L}\s.'’-]*:\s*(?=[+\d(])/u;
const TRAILING_LABEL = /(?<=\d)[\s,;:–—-]*[([]?\s*\p{L}[\p{L}\s.'’-]*[)\]]?$/u;
/** "+4722334455,,123": pauses and DTMF after the number in dial strings. */
const DIAL_PAUSE_TAIL = /(?<=\d),[\d,*#]*$/;

/**
 * Caller id placeholders PBXs, carriers and SIP (RFC 3323 "anonymous@anonymous.invalid") use
 * for a hidden number, compared after dropping everything but letters and lower-casing.
 */
const WITHHELD = new Set([
  'anonymous',
  'anonym',
  'anonyme',
  'anonimo',
  'anonymouscaller',
  'unknown',
  'unknownnumber',
  'unknowncaller',
  'unbekannt',
  'sconosciuto',
  'ukjent',
  'inconnu',
  'restricted',
  'private',
  'privatenumber',
  'privat',
  'privato',
  'numeroprivato',
  'privé',
  'withheld',
  'numberwithheld',
  'withheldnumber',
  'hidden',
  'skjult',
  'hemmelig',
  'hemmeligtnummer',
  'unterdrückt',
  'rufnummerunterdrückt',
  'unavailable',
  'notavailable',
  'blocked',
  'nocallerid',
  'riservato',
]);

export function readNumberText(raw: string): NumberText {
  const trimmed = raw.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (trimmed.length > MAX_RAW_LENGTH) return { ok: false, reason: 'too_long' };

  // Nearly every number on the hot path is plain digits with formatting: one replace, one test.
  const compact = trimmed.replace(FORMATTING, '');
  if (DIALABLE.test(compact)) return { ok: true, text: compact };

  return readUnusualText(trimmed);
}

function readUnusualText(trimmed: string): NumberText {
  // NFKC turns full-width digits and plus signs (East Asian keyboards, some PDFs) into ASCII.
  const unwrapped = unwrapAddress(trimmed.normalize('NFKC'));
  if (isWithheld(unwrapped)) return { ok: false, reason: 'withheld' };
  const text = unwrapped
    .replace(LEADING_LABEL, '')
    .replace(TRAILING_LABEL, '')
    .replace(TYPED_EXTENSION, '')
    .replace(DIAL_PAUSE_TAIL, '')
    .replace(FORMATTING, '');
  if (text === '') return { ok: false, reason: 'empty' };
  return { ok: true, text };
}

/**
 * `"Alice" <sip:+4722334455@pbx;user=phone>` → `+4722334455`; `tel:+47-22-33-44-55;ext=12` →
 * `+47-22-33-44-55`; `<unknown>` → `unknown`. Anything else comes back as it was.
 */
function unwrapAddress(text: string): string {
  let s = text;
  const open = s.lastIndexOf('<');
  if (open >= 0 && s.endsWith('>')) s = s.slice(open + 1, -1).trim();

  const scheme = URI_SCHEME.exec(s);
  if (!scheme) return s;
  s = s.slice(scheme[0].length);
  if (scheme[1]?.toLowerCase() !== 'tel') {
    const at = s.indexOf('@');
    if (at >= 0) s = s.slice(0, at);
  }
  const params = s.indexOf(';');
  if (params >= 0) s = s.slice(0, params);
  return percentDecoded(s);
}

/** SIP user parts may arrive as `%2B4722334455`; a malformed escape is left as it is. */
function percentDecoded(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function isWithheld(text: string): boolean {
  if (/\d/.test(text)) return false;
  return WITHHELD.has(text.toLowerCase().replace(/[^\p{L}]/gu, ''));
}
