import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { decodeParameterValue, decodeQuotedPrintable, escapeText, splitComponents, unescapeText } from '../../../../src/directory/phonebook/formats/vcard-text.js';

describe('vCard value encodings', () => {
  test('escape and unescape are inverse for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (value) => assert.equal(unescapeText(escapeText(value)), value.replace(/\r\n?/g, '\n'))));
    assert.equal(escapeText('a,b;c\\d\r\ne'), 'a\\,b\\;c\\\\d\\ne');
    assert.equal(unescapeText('x\\Ny\\:z\\q'), 'x\ny:z\\q');
  });

  test('structured values split on unescaped semicolons only', () => {
    assert.deepEqual(splitComponents(';;Gate 1\\; bakgården;Oslo;;0150;'), ['', '', 'Gate 1\\; bakgården', 'Oslo', '', '0150', '']);
    assert.deepEqual(splitComponents('a\\\\;b'), ['a\\\\', 'b']);
  });

  test('quoted-printable in the named charset, or guessed when unnamed', () => {
    assert.equal(decodeQuotedPrintable('Bj=C3=B8rn=0D=0A=E4=B8=AD', 'UTF-8'), 'Bjørn\r\n中');
    assert.equal(decodeQuotedPrintable('J=F6rg =80', 'ISO-8859-1'), 'Jörg €');
    assert.equal(decodeQuotedPrintable('Bj=C3=B8rn', undefined), 'Bjørn');
    assert.equal(decodeQuotedPrintable('Bj=F8rn', undefined), 'Bjørn');
    assert.equal(decodeQuotedPrintable('=41=3d=XY', 'x-unknown-charset'), 'A==XY');
  });

  test('RFC 6868 parameter escapes', () => {
    assert.equal(decodeParameterValue("Storgata 1^n0150 Oslo ^'Sentrum^' ^^"), 'Storgata 1\n0150 Oslo "Sentrum" ^');
  });
});
