/** Export then import gives back the same contacts, for both formats. */

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ContactNumberInput } from '../../../../src/domain/contacts/contact.js';
import { NUMBER_TYPES, VISIBILITIES } from '../../../../src/domain/contacts/contact.js';
import type { ExportContact, ImportedContact } from '../../../../src/directory/phonebook/formats/contact-file.js';
import { parseContactsCsv } from '../../../../src/directory/phonebook/formats/csv-import.js';
import { serializeContactsCsv } from '../../../../src/directory/phonebook/formats/csv-export.js';
import { parseContactsVcard } from '../../../../src/directory/phonebook/formats/vcard-import.js';
import { serializeContactsVcard } from '../../../../src/directory/phonebook/formats/vcard-export.js';

const TRICKY: ExportContact[] = [
  {
    name: 'Åse Øvrebø, "sjefen"',
    company: 'Fjord; Fisk & Skalldyr AS',
    numbers: [
      { type: 'work', number: '+47 22 12 34 56' },
      { type: 'work', number: '(0)22 12 34 57' },
      { type: 'mobile', number: '912 34 567' },
    ],
    email: 'ase@fjordfisk.example',
    address: 'Strandkaien 3, 5013 Bergen',
    notes: 'First line, with comma; and semicolon\n"Quoted" second line\n\nafter a blank line \\ backslash',
    visibility: 'central',
  },
  { name: 'Jürgen Weiß-Straße', numbers: [{ type: 'fax', number: '0711 / 555 34 57' }], notes: 'ß and ẞ' },
  { name: 'Niccolò Bernardè', company: 'Caffè dell’Università', numbers: [{ type: 'home', number: '+39 02 5550 1111' }], visibility: 'private' },
  { name: '王小明 (中文)', company: '北京电话有限公司', numbers: [{ type: 'other', number: '+86 10 5555 0123' }] },
  { name: '=cmd|" /C calc"!A0', numbers: [], email: 'only.mail@example.com' },
  { name: "'=already quoted", numbers: [{ type: 'mobile', number: "'+47 900 00 000" }] },
];

/** The CSV export groups numbers by type (one column each); the vCard export keeps their order. */
function groupedByType(contact: ExportContact): ExportContact {
  const numbers = NUMBER_TYPES.flatMap((type) => contact.numbers.filter((number) => number.type === type));
  return { ...contact, numbers };
}

function asExported({ contact, visibility }: ImportedContact): ExportContact {
  return visibility === undefined ? contact : { ...contact, visibility };
}

describe('round trips', () => {
  test('CSV: tricky contacts come back unchanged', () => {
    const result = parseContactsCsv(Buffer.from(serializeContactsCsv(TRICKY), 'utf8'));
    assert.deepEqual(result.rejected, []);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.contacts.map(asExported), TRICKY.map(groupedByType));
  });

  test('vCard: tricky contacts come back unchanged', () => {
    const result = parseContactsVcard(Buffer.from(serializeContactsVcard(TRICKY), 'utf8'));
    assert.deepEqual(result.rejected, []);
    assert.deepEqual(result.warnings, []);
    assert.deepEqual(result.contacts.map(asExported), TRICKY);
    assert.deepEqual(
      result.contacts.map((imported) => imported.line),
      [1, 14, 20, 27, 33, 38],
    );
  });

  // What an import can hold: values trimmed, names on one line, addresses one line, numbers that
  // contain a digit and none of the characters that separate several numbers in one cell.
  const text = (arbitrary: fc.Arbitrary<string>) => arbitrary.map((value) => value.replace(/\r\n?/g, '\n').trim()).filter((value) => value !== '');
  const oneLine = (arbitrary: fc.Arbitrary<string>) => text(arbitrary.map((value) => value.replace(/\s+/g, ' ')));
  const anyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 });
  const address = oneLine(anyText).filter((value) => !value.endsWith(','));
  const phoneNumber = fc.stringMatching(/^\+?[0-9][0-9 ()\-.]{0,14}[0-9]$/);
  const numbers = fc
    .uniqueArray(fc.record({ type: fc.constantFrom(...NUMBER_TYPES), number: phoneNumber }), {
      maxLength: 5,
      selector: (entry) => entry.number.replace(/\D/g, ''),
    })
    .map((entries): ContactNumberInput[] => entries.map((entry) => ({ ...entry })));
  const contact: fc.Arbitrary<ExportContact> = fc
    .record(
      {
        name: oneLine(anyText),
        company: oneLine(anyText),
        numbers,
        email: fc.emailAddress(),
        address,
        notes: text(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 })),
        visibility: fc.constantFrom(...VISIBILITIES),
      },
      { requiredKeys: ['name', 'numbers'] },
    )
    .map((candidate) => ({ ...candidate }))
    .filter((candidate) => candidate.numbers.length > 0 || candidate.email !== undefined);

  test('CSV: any importable contact survives export and import', () => {
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 5 }), (contacts) => {
        const result = parseContactsCsv(Buffer.from(serializeContactsCsv(contacts), 'utf8'));
        assert.deepEqual(result.rejected, []);
        assert.deepEqual(result.contacts.map(asExported), contacts.map(groupedByType));
      }),
      { numRuns: 20000 },
    );
  });

  test('vCard: any importable contact survives export and import', () => {
    fc.assert(
      fc.property(fc.array(contact, { minLength: 1, maxLength: 5 }), (contacts) => {
        const result = parseContactsVcard(Buffer.from(serializeContactsVcard(contacts), 'utf8'));
        assert.deepEqual(result.rejected, []);
        assert.deepEqual(result.contacts.map(asExported), contacts);
      }),
      { numRuns: 20000 },
    );
  });
});
