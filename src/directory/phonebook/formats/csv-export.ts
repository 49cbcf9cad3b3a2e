/**
 * CSV phonebook export: UTF-8 with BOM (without it Excel reads UTF-8 as the local code page),
 * comma-separated, CRLF, one column per number type with several numbers joined by "; ". The
 * headers are among those csv-import reads, so an export imports back unchanged.
 */

import type { NumberType } from '../../../domain/contacts/contact.js';
import { NUMBER_TYPES } from '../../../domain/contacts/contact.js';
import type { ExportContact } from './contact-file.js';
import { guardCell } from './formula-guard.js';

const NUMBER_SEPARATOR = '; ';

export function serializeContactsCsv(contacts: readonly ExportContact[]): string {
  // The visibility column only appears when there is something to say.
  const withVisibility = contacts.some((contact) => contact.visibility !== undefined);
  const header = ['name', 'company', ...NUMBER_TYPES, 'email', 'address', 'notes', ...(withVisibility ? ['visibility'] : [])];
  const rows = contacts.map((contact) => [
    contact.name,
    contact.company ?? '',
    ...NUMBER_TYPES.map((type) => numbersOfType(contact, type)),
    contact.email ?? '',
    contact.address ?? '',
    contact.notes ?? '',
    ...(withVisibility ? [contact.visibility ?? ''] : []),
  ]);
  return `\uFEFF${[header, ...rows].map((row) => row.map((cell) => quote(guardCell(cell))).join(',')).join('\r\n')}\r\n`;
}

function numbersOfType(contact: ExportContact, type: NumberType): string {
  return contact.numbers
    .filter((number) => number.type === type)
    .map((number) => number.number)
    .join(NUMBER_SEPARATOR);
}

function quote(cell: string): string {
  return /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
