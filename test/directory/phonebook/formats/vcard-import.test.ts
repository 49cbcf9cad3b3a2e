import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseContactsVcard } from '../../../../src/directory/phonebook/formats/vcard-import.js';
import { fixture, rejections } from './fixtures.js';

describe('parseContactsVcard with files from other programs', () => {
  test('Apple Contacts vCard 3.0 export (repeated TYPE parameters, item groups, folded photo)', () => {
    const result = parseContactsVcard(fixture('apple-contacts-3.0.vcf'));

    assert.deepEqual(result.contacts, [
      {
        line: 1,
        contact: {
          name: 'Kari Elisabeth Nordmann',
          company: 'Fjordline Consulting AS, Salg',
          numbers: [
            { type: 'mobile', number: '+47 912 34 567' },
            { type: 'work', number: '+47 22 12 34 56' },
            { type: 'fax', number: '+47 22 12 34 99' },
            // A custom Apple label ("Sentralbord") has no type we know.
            { type: 'other', number: '+47 22 12 30 00' },
          ],
          // TYPE=pref wins over file order.
          email: 'kari.nordmann@fjordline.example',
          address: 'Karl Johans gate 22, Inngang B, 0159 Oslo, Norway',
          notes: 'Møtes helst på kontoret, ikke før kl. 09:00.\nHar reservenøkkel; spør resepsjonen.',
        },
      },
      {
        line: 24,
        contact: { name: 'Legevakten Demo Nord', company: 'Legevakten Demo Nord', numbers: [{ type: 'other', number: '+47 21 55 50 00' }] },
      },
      {
        line: 33,
        contact: {
          name: 'Dr. Dorothée Schäfer',
          numbers: [
            { type: 'mobile', number: '+49 171 5550 4433' },
            { type: 'home', number: '+49 221 5550 443' },
          ],
          email: 'dorothee.schaefer@mail.example',
          address: 'Severinstraße 120, 50678 Köln, NRW, Deutschland',
          notes: 'Kinderärztin in der Südstadt. Bitte Termine nur über die Praxis vereinbaren, nicht über das Privathandy – außer in Notfällen.',
        },
      },
    ]);
    assert.deepEqual(result.rejected, []);
    assert.deepEqual(result.warnings, [
      { line: 1, message: 'only one e-mail address is kept: "kari.nordmann@fjordline.example"; dropped "kari@privat.example"' },
    ]);
  });

  test('vCard 2.1 from a phone (bare parameters, quoted-printable in UTF-8 and ISO-8859-1, soft line breaks)', () => {
    const result = parseContactsVcard(fixture('vcard21-quoted-printable.vcf'));

    assert.deepEqual(result.contacts, [
      {
        line: 1,
        contact: {
          // The FN soft line break falls inside the two bytes of "Ø".
          name: 'Bjørn Ødegård',
          numbers: [
            { type: 'mobile', number: '+4791234568' },
            { type: 'work', number: '+4722123457' },
            { type: 'home', number: '22 55 66 77' },
          ],
          email: 'bjorn@odegard.example',
          address: 'Dronningens gate 5, Postboks 12, 7011 Trondheim, Norge',
          notes: 'Møtt på messe i 2021.\nForetrekker SMS.',
        },
      },
      {
        line: 18,
        contact: {
          name: 'Jörg Müller',
          company: 'Schlüsseldienst Müller',
          numbers: [
            { type: 'fax', number: '+49 69 5551 2399' },
            { type: 'work', number: '+49 69 5551 2300' },
            { type: 'other', number: '+49 69 5551 2301' },
          ],
        },
      },
      {
        line: 27,
        contact: {
          name: 'Pizzeria Napoli',
          company: 'Pizzeria Napoli',
          numbers: [{ type: 'other', number: '0221 5550123' }],
          notes: 'Lieferung bis 23 Uhr\nauch sonntags',
        },
      },
    ]);
    assert.deepEqual(result.rejected, []);
    assert.deepEqual(result.warnings, []);
  });

  test('a broken file: bad cards are reported by the line of their BEGIN:VCARD, good ones kept', () => {
    const result = parseContactsVcard(fixture('broken.vcf'));

    assert.deepEqual(result.contacts, [{ line: 2, contact: { name: 'Good Card', numbers: [{ type: 'work', number: '+47 22 00 11 22' }] } }]);
    assert.deepEqual(rejections(result), [
      { line: 1, reason: 'text outside BEGIN:VCARD … END:VCARD was ignored' },
      { line: 7, reason: 'no name or company' },
      { line: 11, reason: 'BEGIN:VCARD without END:VCARD' },
      { line: 14, reason: 'no phone number or e-mail' },
      { line: 19, reason: 'text outside BEGIN:VCARD … END:VCARD was ignored' },
      { line: 21, reason: 'BEGIN:VCARD without END:VCARD (is the file cut off?)' },
    ]);
    assert.equal(result.rejected[0]?.raw, 'This file was exported by PhoneSync 3.2');
  });
});

describe('parseContactsVcard details', () => {
  const card = (...lines: string[]) => ['BEGIN:VCARD', ...lines, 'END:VCARD', ''].join('\r\n');

  test('vCard 4.0: tel: URIs, quoted TYPE lists, PREF=1, LABEL-only addresses', () => {
    const result = parseContactsVcard(
      card(
        'VERSION:4.0',
        'FN:Ines Moreau',
        'TEL;VALUE=uri;TYPE="work,voice":tel:+33-1-55-55-01-23;ext=42',
        'TEL;VALUE=uri;TYPE=cell:tel:+33%206%2055%2055%2001%2099',
        'TEL;TYPE=home;TYPE=fax:+33 1 55 55 01 98',
        'EMAIL;TYPE=work:ines@bureau.example',
        'EMAIL;PREF=1:ines@moreau.example',
        'ADR;LABEL="12 rue de la Paix^n75002 Paris":;;;;;;',
      ),
    );
    assert.deepEqual(result.contacts, [
      {
        line: 1,
        contact: {
          name: 'Ines Moreau',
          numbers: [
            { type: 'work', number: '+33-1-55-55-01-23 ext. 42' },
            { type: 'mobile', number: '+33 6 55 55 01 99' },
            { type: 'fax', number: '+33 1 55 55 01 98' },
          ],
          email: 'ines@moreau.example',
          address: '12 rue de la Paix, 75002 Paris',
        },
      },
    ]);
    assert.deepEqual(result.warnings, [{ line: 1, message: 'only one e-mail address is kept: "ines@moreau.example"; dropped "ines@bureau.example"' }]);
  });

  test('name from N when FN is missing, with LF line ends and lower-case property names', () => {
    const result = parseContactsVcard('begin:vcard\nversion:3.0\nn:Ødegaard;Ane;Marie;Dr.;\ntel;type=work:22 00 00 00\nend:vcard\n');
    assert.deepEqual(result.contacts, [{ line: 1, contact: { name: 'Ane Marie Ødegaard', numbers: [{ type: 'work', number: '22 00 00 00' }] } }]);
  });

  test('escaped separators in structured values, and a fold between non-ASCII characters', () => {
    const result = parseContactsVcard(
      card('VERSION:3.0', 'FN:Smith\\, John', 'ORG:Smith\\; Sons\\, Ltd;Accounts', 'NOTE:Ünï', ' cødé\\n\\\\ok', 'TEL:1-800-FLOWERS'),
    );
    assert.deepEqual(result.contacts, [
      {
        line: 1,
        contact: {
          name: 'Smith, John',
          company: 'Smith; Sons, Ltd, Accounts',
          numbers: [{ type: 'other', number: '1-800-FLOWERS' }],
          notes: 'Ünïcødé\n\\ok',
        },
      },
    ]);
  });

  test('a LABEL property stands in for a missing ADR; a visibility property is read back', () => {
    const result = parseContactsVcard(
      card('VERSION:3.0', 'FN:Ola', 'TEL;TYPE=CELL:900 00 000', 'LABEL;TYPE=WORK:Postboks 1\\n0101 Oslo', 'X-SWITCHBOARD-VISIBILITY:speeddial'),
    );
    assert.deepEqual(result.contacts, [
      { line: 1, contact: { name: 'Ola', numbers: [{ type: 'mobile', number: '900 00 000' }], address: 'Postboks 1, 0101 Oslo' }, visibility: 'speeddial' },
    ]);
  });

  test('a file without any card says it is not a vCard; an empty file is simply empty', () => {
    assert.deepEqual(rejections(parseContactsVcard('\n\nname,phone\nKari,123\n')), [{ line: 3, reason: 'no BEGIN:VCARD found: this is not a vCard file' }]);
    assert.deepEqual(parseContactsVcard(''), { contacts: [], rejected: [], warnings: [] });
  });
});
