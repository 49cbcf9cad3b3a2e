import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serializeContactsVcard } from '../../../../src/directory/phonebook/formats/vcard-export.js';

describe('serializeContactsVcard', () => {
  test('writes vCard 4.0 with escaped text and typed numbers', () => {
    const vcf = serializeContactsVcard([
      {
        name: 'Nordmann, Kari',
        company: 'Fjord; Fisk AS',
        numbers: [
          { type: 'work', number: '22 12 34 56' },
          { type: 'mobile', number: '+47 912 34 567' },
          { type: 'home', number: '22 99 99 99' },
          { type: 'fax', number: '22 12 34 99' },
          { type: 'other', number: '800 12 345' },
        ],
        email: 'kari@fjordfisk.example',
        address: 'Storgata 1, 0155 Oslo',
        notes: 'Back\\slash\nnew line',
        visibility: 'public',
      },
    ]);
    assert.equal(
      vcf,
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'FN:Nordmann\\, Kari',
        'ORG:Fjord\\; Fisk AS',
        'TEL;TYPE=work,voice:22 12 34 56',
        'TEL;TYPE=cell,voice:+47 912 34 567',
        'TEL;TYPE=home,voice:22 99 99 99',
        'TEL;TYPE=fax:22 12 34 99',
        'TEL;TYPE=voice:800 12 345',
        'EMAIL:kari@fjordfisk.example',
        'ADR:;;Storgata 1\\, 0155 Oslo;;;;',
        'NOTE:Back\\\\slash\\nnew line',
        'X-SWITCHBOARD-VISIBILITY:public',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  test('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const notes = 'Øre og ære — 中文备注 '.repeat(12);
    const physical = serializeContactsVcard([{ name: 'Fold', numbers: [], notes }]).split('\r\n');
    const noteLines = physical.slice(3, -2);
    assert.deepEqual(
      noteLines.map((line) => Buffer.byteLength(line, 'utf8')),
      // Lines of 74 octets end where a 3-octet character (备, 文) would have crossed the limit.
      [75, 74, 75, 74, 71],
    );
    assert.ok(noteLines.slice(1).every((line) => line.startsWith(' ')));
    assert.equal(noteLines.map((line, index) => (index === 0 ? line : line.slice(1))).join(''), `NOTE:${notes}`);
  });

  test('uses CRLF only, and an empty phonebook is an empty file', () => {
    const vcf = serializeContactsVcard([{ name: 'A', numbers: [{ type: 'work', number: '1' }] }]);
    assert.equal(vcf.replace(/\r\n/g, '').includes('\n'), false);
    assert.equal(serializeContactsVcard([]), '');
  });
});
