/** vCard content lines: unfolding, and splitting a line into group, name, parameters and value. */

import { decodeParameterValue } from './vcard-text.js';

export interface ContentLine {
  /** 1-based physical line where this content line starts. */
  line: number;
  text: string;
}

export interface VcardProperty {
  line: number;
  /** Upper case, without the group prefix ("item1.TEL" → "TEL"). */
  name: string;
  /** Upper-case parameter names; TYPE values lower case and split at commas. */
  params: Map<string, string[]>;
  value: string;
}

// vCard 2.1 writes encodings and types as bare parameters ("TEL;WORK;VOICE", "N;QUOTED-PRINTABLE").
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

/**
 * Joins folded lines (a line break followed by a space or tab continues the line) and
 * quoted-printable soft line breaks (a value line ending in "="), keeping each line's start.
 */
export function unfoldLines(text: string): ContentLine[] {
  const lines: ContentLine[] = [];
  let current: ContentLine | undefined;
  text.split(/\r\n|\r|\n/).forEach((physical, index) => {
    if (current && (physical.startsWith(' ') || physical.startsWith('\t'))) {
      current.text += physical.slice(1);
    } else if (current && isQuotedPrintable(current.text) && current.text.endsWith('=')) {
      current.text = current.text.slice(0, -1) + physical;
    } else if (physical.trim() === '') {
      current = undefined;
    } else {
      current = { line: index + 1, text: physical };
      lines.push(current);
    }
  });
  return lines;
}

function isQuotedPrintable(text: string): boolean {
  const colon = text.indexOf(':');
  return colon !== -1 && /QUOTED-PRINTABLE/i.test(text.slice(0, colon));
}

/** Undefined for a line without a colon, which no vCard property can be. */
export function parseProperty(content: ContentLine): VcardProperty | undefined {
  const colon = indexOutsideQuotes(content.text, ':');
  if (colon === -1) return undefined;
  const [qualifiedName = '', ...rawParams] = splitOutsideQuotes(content.text.slice(0, colon), ';');
  const name = qualifiedName.slice(qualifiedName.lastIndexOf('.') + 1).trim().toUpperCase();
  const params = new Map<string, string[]>();
  for (const rawParam of rawParams) {
    const equals = rawParam.indexOf('=');
    let key: string;
    let values: string[];
    if (equals === -1) {
      key = BARE_ENCODINGS.has(rawParam.trim().toUpperCase()) ? 'ENCODING' : 'TYPE';
      values = [rawParam.trim()];
    } else {
      key = rawParam.slice(0, equals).trim().toUpperCase();
      values = splitOutsideQuotes(rawParam.slice(equals + 1), ',').map((value) => decodeParameterValue(unquote(value.trim())));
    }
    // vCard 4.0 also quotes the whole list: TYPE="work,voice".
    if (key === 'TYPE') values = values.flatMap((value) => value.split(',')).map((value) => value.trim().toLowerCase());
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { line: content.line, name, params, value: content.text.slice(colon + 1) };
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

function indexOutsideQuotes(text: string, wanted: string): number {
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '"') quoted = !quoted;
    else if (!quoted && text[index] === wanted) return index;
  }
  return -1;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (!quoted && char === separator) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
