import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeText } from '../../../../src/directory/phonebook/formats/decode-text.js';

describe('decodeText', () => {
  test('UTF-8 with and without BOM', () => {
    assert.deepEqual(decodeText(Buffer.from('\uFEFFNavn;Ærlig', 'utf8')), { text: 'Navn;Ærlig', encoding: 'utf-8' });
    assert.deepEqual(decodeText(Buffer.from('Navn;Ærlig', 'utf8')), { text: 'Navn;Ærlig', encoding: 'utf-8' });
  });

  test('bytes that are not valid UTF-8 are read as Windows-1252, including € “ ” – in 0x80–0x9F', () => {
    const bytes = Buffer.from([0x80, 0x20, 0x93, 0x4f, 0x94, 0x20, 0x96, 0x20, 0xd8, 0xe6, 0xdf, 0x8a]);
    assert.deepEqual(decodeText(bytes), { text: '€ “O” – ØæßŠ', encoding: 'windows-1252' });
  });

  test('UTF-16 is recognised by its BOM', () => {
    assert.deepEqual(decodeText(Buffer.from('\uFEFFZoë', 'utf16le')), { text: 'Zoë', encoding: 'utf-16le' });
    const bigEndian = Buffer.from('\uFEFFZoë', 'utf16le').swap16();
    assert.deepEqual(decodeText(bigEndian), { text: 'Zoë', encoding: 'utf-16be' });
  });

  test('a forced encoding wins; strings are only stripped of a BOM', () => {
    assert.equal(decodeText(Buffer.from('Zoë', 'utf8'), 'windows-1252').text, 'ZoÃ«');
    assert.equal(decodeText(Buffer.from([0x5a, 0xeb]), 'utf-8').text, 'Z\uFFFD');
    assert.deepEqual(decodeText('\uFEFFname'), { text: 'name' });
  });
});
