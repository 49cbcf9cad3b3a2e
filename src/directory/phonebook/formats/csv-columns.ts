/** Which contact field each CSV column feeds, decided from the header row. */

import type { NumberType } from '../../../domain/contacts/contact.js';
import { NUMBER_TYPES } from '../../../domain/contacts/contact.js';
import {
  ADDRESS_GROUP_WORDS,
  ADDRESS_HEADERS,
  ADDRESS_PART_WORDS,
  type AddressPart,
  COMPANY_HEADERS,
  EMAIL_HEADERS,
  FIRST_NAME_HEADERS,
  FULL_NAME_HEADERS,
  IGNORED_HEADERS,
  LAST_NAME_HEADERS,
  MIDDLE_NAME_HEADERS,
  NOTES_HEADERS,
  PHONE_HEADERS,
  VISIBILITY_HEADERS,
} from './csv-column-aliases.js';
import { foldKey } from './fold-text.js';

export type ColumnMeaning =
  | { kind: 'fullName' | 'firstName' | 'middleName' | 'lastName' | 'company' | 'email' | 'address' | 'notes' | 'visibility' }
  | { kind: 'phone'; type: NumberType }
  /** Google's "Phone 1 - Value", typed by the "Phone 1 - Type"/"Label" column of the same slot. */
  | { kind: 'labelledPhone'; slot: string }
  | { kind: 'phoneLabel'; slot: string }
  | { kind: 'addressPart'; group: string; part: AddressPart }
  | { kind: 'ignored' };

export interface ColumnPlan {
  /** One entry per header cell; undefined for columns we do not know. */
  columns: (ColumnMeaning | undefined)[];
  /** Unknown columns whose header suggests phone numbers: worth telling the user about. */
  unknownPhoneLike: string[];
}

const KNOWN_HEADERS: ReadonlyMap<string, ColumnMeaning> = buildHeaderTable();

// Google Contacts numbers repeated fields: "Phone 2 - Value", "E-mail 1 - Value", "Address 1 - City" …
const GOOGLE_SLOT = /^(phone|email|address|organi[sz]ation)(\d+)(value|type|label|formatted|name|street|city|postalcode|region|country|pobox|extendedaddress)$/;
const GOOGLE_ADDRESS_PARTS: Record<string, AddressPart> = {
  street: 'street', pobox: 'street', extendedaddress: 'street', city: 'city', postalcode: 'postalCode', region: 'region', country: 'country',
};
const PHONE_LIKE = /phone|tel|fon|mobil|cell|fax|faks|handy|natel|pager/;

export function planColumns(headers: readonly string[]): ColumnPlan {
  const columns = headers.map((header) => meaningOf(foldKey(header)));
  // German and Norwegian sheets often say "Vorname; Name" / "Fornavn; Navn", where "Name" is the surname.
  const kinds = new Set(columns.map((column) => column?.kind));
  if (kinds.has('fullName') && kinds.has('firstName') && !kinds.has('lastName')) {
    for (const [index, column] of columns.entries()) if (column?.kind === 'fullName') columns[index] = { kind: 'lastName' };
  }
  // "Adresse; Postnr; Poststed": next to split parts without a group, the address column is the street.
  if (columns.some((column) => column?.kind === 'addressPart' && column.group === '')) {
    for (const [index, column] of columns.entries()) {
      if (column?.kind === 'address' && !GOOGLE_SLOT.test(foldKey(headers[index] ?? ''))) {
        columns[index] = { kind: 'addressPart', group: '', part: 'street' };
      }
    }
  }
  const unknownPhoneLike = headers.filter((header, index) => columns[index] === undefined && PHONE_LIKE.test(foldKey(header)));
  return { columns, unknownPhoneLike };
}

function meaningOf(key: string): ColumnMeaning | undefined {
  const known = KNOWN_HEADERS.get(key);
  if (known) return known;
  const slot = GOOGLE_SLOT.exec(key);
  if (!slot) return undefined;
  const [, field, number = '', detail = ''] = slot;
  switch (field) {
    case 'phone':
      if (detail === 'value') return { kind: 'labelledPhone', slot: number };
      return detail === 'type' || detail === 'label' ? { kind: 'phoneLabel', slot: number } : undefined;
    case 'email':
      return detail === 'value' ? { kind: 'email' } : undefined;
    case 'address': {
      if (detail === 'formatted') return { kind: 'address' };
      const part = GOOGLE_ADDRESS_PARTS[detail];
      return part ? { kind: 'addressPart', group: `slot ${number}`, part } : undefined;
    }
    default:
      return detail === 'name' ? { kind: 'company' } : undefined;
  }
}

function buildHeaderTable(): Map<string, ColumnMeaning> {
  const table = new Map<string, ColumnMeaning>();
  const add = (header: string, meaning: ColumnMeaning) => {
    const key = foldKey(header);
    const existing = table.get(key);
    if (existing && JSON.stringify(existing) !== JSON.stringify(meaning)) {
      throw new Error(`CSV header alias "${header}" is listed for two meanings`);
    }
    table.set(key, meaning);
  };
  const simple: [readonly string[], ColumnMeaning][] = [
    [FULL_NAME_HEADERS, { kind: 'fullName' }],
    [FIRST_NAME_HEADERS, { kind: 'firstName' }],
    [MIDDLE_NAME_HEADERS, { kind: 'middleName' }],
    [LAST_NAME_HEADERS, { kind: 'lastName' }],
    [COMPANY_HEADERS, { kind: 'company' }],
    [EMAIL_HEADERS, { kind: 'email' }],
    [ADDRESS_HEADERS, { kind: 'address' }],
    [NOTES_HEADERS, { kind: 'notes' }],
    [VISIBILITY_HEADERS, { kind: 'visibility' }],
    [IGNORED_HEADERS, { kind: 'ignored' }],
  ];
  for (const [headers, meaning] of simple) for (const header of headers) add(header, meaning);
  for (const type of NUMBER_TYPES) for (const header of PHONE_HEADERS[type]) add(header, { kind: 'phone', type });
  for (const [group, groupWords] of Object.entries(ADDRESS_GROUP_WORDS)) {
    for (const [part, partWords] of Object.entries(ADDRESS_PART_WORDS) as [AddressPart, readonly string[]][]) {
      for (const groupWord of groupWords) {
        for (const partWord of partWords) {
          for (const counter of ['', ' 2', ' 3']) {
            add(`${groupWord} ${partWord}${counter}`, { kind: 'addressPart', group, part });
            add(`${partWord} ${groupWord}${counter}`, { kind: 'addressPart', group, part });
          }
        }
      }
    }
  }
  return table;
}
