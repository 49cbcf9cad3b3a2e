import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectFormat } from '../../../../src/directory/phonebook/formats/detect-format.js';
import { fixture } from './fixtures.js';

describe('detectFormat', () => {
  test('content that opens with BEGIN:VCARD is vCard, whatever the name', () => {
    assert.equal(detectFormat('contacts.txt', fixture('apple-contacts-3.0.vcf')), 'vcard');
    assert.equal(detectFormat('export.csv', '\uFEFF\r\n  begin:vcard\r\nVERSION:3.0\r\n'), 'vcard');
    assert.equal(detectFormat('x', Buffer.from('\uFEFFBEGIN:VCARD\r\n', 'utf16le')), 'vcard');
  });

  test('otherwise the extension decides, and everything else is CSV', () => {
    assert.equal(detectFormat('Kontakte.VCF', Buffer.from('garbage')), 'vcard');
    assert.equal(detectFormat('phonebook.vcard', ''), 'vcard');
    assert.equal(detectFormat('outlook.CSV', fixture('outlook-export.csv')), 'csv');
    assert.equal(detectFormat('noext', 'Name;Telefon\n'), 'csv');
    assert.equal(detectFormat('book.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04])), 'csv');
  });
});
