/** Value-level encodings of vCard: backslash escapes, structured values, quoted-printable. */

import { decodeStrictUtf8 } from './decode-text.js';
import { decodeWindows1252 } from './windows-1252.js';

/**
 * Backslash escapes of vCard 3.0 and 4.0 (\\ \n \, \;). vCard 2.1 only defines "\;", but the
 * writers that put "\n" into 2.1 files mean a line break too, so all versions are read alike.
 */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,:nN])/g, (_, char: string) => (char === 'n' || char === 'N' ? '\n' : char));
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

/** Splits a structured value (N, ADR, ORG) on the semicolons that are not escaped. */
export function splitComponents(value: string): string[] {
  const components: string[] = [];
  let current = '';
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index];
    if (char === '\\' && index + 1 < value.length) {
      current += char + value[index + 1];
      index += 1;
    } else if (char === ';') {
      components.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  components.push(current);
  return components;
}

/** vCard 2.1 from old phones and Outlook: "=C3=B8" byte escapes, in the CHARSET the property names. */
export function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let index = 0; index < value.length; ) {
    const hex = value.slice(index + 1, index + 3);
    if (value[index] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      index += 3;
      continue;
    }
    const codePoint = value.codePointAt(index) ?? 0;
    bytes.push(...Buffer.from(String.fromCodePoint(codePoint), 'utf8'));
    index += codePoint > 0xffff ? 2 : 1;
  }
  return decodeCharset(Uint8Array.from(bytes), charset);
}

const WESTERN_CHARSETS = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);

function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = charset?.trim().toLowerCase();
  if (label !== undefined && WESTERN_CHARSETS.has(label)) return decodeWindows1252(bytes);
  if (label !== undefined && label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown charset label: fall through to guessing, as for an unlabelled value.
    }
  }
  return decodeStrictUtf8(bytes) ?? decodeWindows1252(bytes);
}

/** RFC 6868 caret escapes in parameter values (^n, ^^, ^'). */
export function decodeParameterValue(value: string): string {
  return value.replace(/\^(n|\^|')/g, (_, char: string) => (char === 'n' ? '\n' : char === "'" ? '"' : '^'));
}
