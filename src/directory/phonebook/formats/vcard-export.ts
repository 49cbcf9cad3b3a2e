/**
 * vCard 4.0 phonebook export (RFC 6350): CRLF line ends, lines folded at 75 octets without
 * splitting a UTF-8 character, text escaped. TEL is written as text rather than a tel: URI because
 * numbers are kept as typed, and many are not valid global numbers a URI could carry.
 */

import type { NumberType } from '../../../domain/contacts/contact.js';
import type { ExportContact } from './contact-file.js';
import { VISIBILITY_PROPERTY } from './vcard-import.js';
import { escapeText } from './vcard-text.js';

const TEL_TYPES: Record<NumberType, string> = {
  work: 'work,voice',
  mobile: 'cell,voice',
  home: 'home,voice',
  fax: 'fax',
  other: 'voice',
};
const MAX_LINE_OCTETS = 75;

export function serializeContactsVcard(contacts: readonly ExportContact[]): string {
  return contacts.map(cardLines).flat().map(fold).join('\r\n') + (contacts.length > 0 ? '\r\n' : '');
}

function cardLines(contact: ExportContact): string[] {
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escapeText(contact.name)}`];
  if (contact.company) lines.push(`ORG:${escapeText(contact.company)}`);
  for (const number of contact.numbers) lines.push(`TEL;TYPE=${TEL_TYPES[number.type]}:${escapeText(number.number)}`);
  if (contact.email) lines.push(`EMAIL:${escapeText(contact.email)}`);
  // Our address is one free line; it goes into the street component of the structured ADR.
  if (contact.address) lines.push(`ADR:;;${escapeText(contact.address)};;;;`);
  if (contact.notes) lines.push(`NOTE:${escapeText(contact.notes)}`);
  if (contact.visibility) lines.push(`${VISIBILITY_PROPERTY}:${escapeText(contact.visibility)}`);
  lines.push('END:VCARD');
  return lines;
}

/** Continuation lines start with a space, which counts towards their 75 octets. */
function fold(line: string): string {
  const pieces: string[] = [];
  let piece = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > MAX_LINE_OCTETS) {
      pieces.push(piece);
      piece = ' ';
      octets = 1;
    }
    piece += char;
    octets += size;
  }
  pieces.push(piece);
  return pieces.join('\r\n');
}
