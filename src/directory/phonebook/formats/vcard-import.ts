/**
 * vCard phonebook import (2.1, 3.0 and 4.0).
 *
 * Written here rather than taken from npm: `vcard4` reads only vCard 4.0 and `ical.js` reads 3.0
 * and 4.0 but not 2.1 (still written by Outlook and older phones, with bare TYPE parameters and
 * quoted-printable values); neither tells on which line a card starts or keeps going past a broken
 * card, which the import report needs. The subset a phonebook uses (FN, N, ORG, TEL, EMAIL, ADR,
 * NOTE) is small.
 */

import type { ImportResult } from './contact-file.js';
import { type ContactDraft, emptyDraft, finishDraft } from './contact-draft.js';
import { decodeText } from './decode-text.js';
import { numberTypeFromLabels, readNumbers } from './number-values.js';
import { joinAddress } from './one-line-address.js';
import { type ContentLine, parseProperty, unfoldLines, type VcardProperty } from './vcard-lines.js';
import { decodeQuotedPrintable, splitComponents, unescapeText } from './vcard-text.js';

/** Carries the visibility of our own exports; other programs ignore X- properties. */
export const VISIBILITY_PROPERTY = 'X-SWITCHBOARD-VISIBILITY';

interface Card {
  line: number;
  properties: VcardProperty[];
}

export function parseContactsVcard(data: Buffer | string): ImportResult {
  const result: ImportResult = { contacts: [], rejected: [], warnings: [] };
  const { cards, problems } = splitCards(unfoldLines(decodeText(data).text));
  result.rejected.push(...problems);

  for (const card of cards) {
    const outcome = finishDraft(draftFromCard(card));
    if (!outcome.ok) {
      result.rejected.push({ line: card.line, reason: outcome.reason });
      continue;
    }
    const imported = { line: card.line, contact: outcome.contact };
    result.contacts.push(outcome.visibility === undefined ? imported : { ...imported, visibility: outcome.visibility });
    for (const message of outcome.warnings) result.warnings.push({ line: card.line, message });
  }
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}

function splitCards(lines: readonly ContentLine[]): { cards: Card[]; problems: ImportResult['rejected'] } {
  const cards: Card[] = [];
  const problems: ImportResult['rejected'] = [];
  let open: Card | undefined;
  let strayReported = false;
  for (const content of lines) {
    const marker = content.text.trim().toUpperCase();
    if (marker === 'BEGIN:VCARD') {
      if (open) problems.push({ line: open.line, reason: 'BEGIN:VCARD without END:VCARD' });
      open = { line: content.line, properties: [] };
      strayReported = false;
    } else if (marker === 'END:VCARD' && open) {
      cards.push(open);
      open = undefined;
    } else if (open) {
      const property = parseProperty(content);
      if (property) open.properties.push(property);
    } else if (!strayReported) {
      // One report per stretch of stray text, not one per line.
      problems.push({ line: content.line, reason: 'text outside BEGIN:VCARD … END:VCARD was ignored', raw: content.text.slice(0, 300) });
      strayReported = true;
    }
  }
  if (open) problems.push({ line: open.line, reason: 'BEGIN:VCARD without END:VCARD (is the file cut off?)' });
  if (cards.length === 0 && !problems.some((problem) => problem.reason.startsWith('BEGIN:VCARD'))) {
    return { cards, problems: lines.length === 0 ? [] : [{ line: lines[0]?.line ?? 1, reason: 'no BEGIN:VCARD found: this is not a vCard file' }] };
  }
  return { cards, problems };
}

function draftFromCard(card: Card): ContactDraft {
  const draft = emptyDraft();
  const emails: VcardProperty[] = [];
  const addresses: VcardProperty[] = [];
  const labels: string[] = [];

  for (const property of card.properties) {
    switch (property.name) {
      case 'FN':
        draft.fullName ||= textOf(property).trim();
        break;
      case 'N': {
        const [family, given, additional] = componentsOf(property);
        draft.firstName ||= given;
        draft.middleName ||= additional;
        draft.lastName ||= family;
        break;
      }
      case 'ORG':
        draft.company ||= componentsOf(property).map((unit) => unit.trim()).filter((unit) => unit !== '').join(', ');
        break;
      case 'TEL': {
        const read = readNumbers(telValue(property), numberTypeFromLabels(property.params.get('TYPE') ?? []), false);
        draft.numbers.push(...read.numbers);
        draft.numberProblems.push(...read.problems);
        break;
      }
      case 'EMAIL':
        emails.push(property);
        break;
      case 'ADR':
        addresses.push(property);
        break;
      case 'LABEL':
        labels.push(textOf(property));
        break;
      case 'NOTE':
        draft.notes.push(textOf(property));
        break;
      case VISIBILITY_PROPERTY:
        draft.visibility ??= textOf(property);
        break;
    }
  }
  draft.emails = byPreference(emails).map((property) => textOf(property));
  draft.addresses = byPreference(addresses).map((property) => addressOf(property));
  if (draft.addresses.every((address) => address.trim() === '')) draft.addresses = labels;
  return draft;
}

function textOf(property: VcardProperty): string {
  return unescapeText(decoded(property));
}

function componentsOf(property: VcardProperty): string[] {
  return splitComponents(decoded(property)).map((component) => unescapeText(component));
}

function decoded(property: VcardProperty): string {
  const encoding = property.params.get('ENCODING')?.[0]?.toUpperCase();
  return encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(property.value, property.params.get('CHARSET')?.[0]) : property.value;
}

/** TEL is text in 2.1/3.0 and usually a tel: URI in 4.0 ("tel:+47-22-12-34-56;ext=12"). */
function telValue(property: VcardProperty): string {
  const value = property.value.trim();
  if (!/^tel:/i.test(value)) return textOf(property);
  const [number = '', ...uriParams] = value.slice(4).split(';');
  const extension = uriParams.find((param) => /^ext=/i.test(param))?.slice(4);
  const readable = safeDecodeUri(number);
  return extension ? `${readable} ext. ${extension}` : readable;
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function addressOf(property: VcardProperty): string {
  const [poBox, extended, street, city, region, postalCode, country] = componentsOf(property);
  const joined = joinAddress({ poBox, extended, street, city, region, postalCode, country });
  // vCard 4.0 may carry the formatted address only in the LABEL parameter.
  return joined !== '' ? joined : (property.params.get('LABEL')?.[0] ?? '');
}

/** Preferred first (TYPE=pref in 2.1/3.0, PREF=1 in 4.0), otherwise file order. */
function byPreference(properties: readonly VcardProperty[]): VcardProperty[] {
  const rank = (property: VcardProperty): number => {
    const pref = Number(property.params.get('PREF')?.[0]);
    if (Number.isInteger(pref) && pref >= 1) return pref;
    return property.params.get('TYPE')?.includes('pref') ? 1 : 101;
  };
  return [...properties].sort((a, b) => rank(a) - rank(b));
}
