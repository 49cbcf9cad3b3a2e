import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseProperty, unfoldLines } from '../../../../src/directory/phonebook/formats/vcard-lines.js';

describe('unfoldLines', () => {
  test('joins folded lines and quoted-printable soft breaks, keeping the line each starts on', () => {
    const text = ['BEGIN:VCARD', 'NOTE:one', ' two', '\tthree', '', 'FN;ENCODING=QUOTED-PRINTABLE:Bj=C3=', '=B8rn', 'TEL:1=', 'END:VCARD'].join('\r\n');
    assert.deepEqual(unfoldLines(text), [
      { line: 1, text: 'BEGIN:VCARD' },
      { line: 2, text: 'NOTE:onetwothree' },
      { line: 6, text: 'FN;ENCODING=QUOTED-PRINTABLE:Bj=C3=B8rn' },
      // Only quoted-printable values continue after a trailing "=".
      { line: 8, text: 'TEL:1=' },
      { line: 9, text: 'END:VCARD' },
    ]);
  });
});

describe('parseProperty', () => {
  const parse = (text: string) => {
    const property = parseProperty({ line: 3, text });
    return property && { ...property, params: Object.fromEntries(property.params) };
  };

  test('reads every way of writing TYPE', () => {
    const expected = { line: 3, name: 'TEL', params: { TYPE: ['work', 'voice'] }, value: '+47 22 00 00 00' };
    assert.deepEqual(parse('TEL;TYPE=work,voice:+47 22 00 00 00'), expected);
    assert.deepEqual(parse('TEL;TYPE=WORK;TYPE=VOICE:+47 22 00 00 00'), expected);
    assert.deepEqual(parse('TEL;TYPE="work,voice":+47 22 00 00 00'), expected);
    assert.deepEqual(parse('tel;WORK;VOICE:+47 22 00 00 00'), expected);
    assert.deepEqual(parse('item1.TEL;type=WORK;type=VOICE:+47 22 00 00 00'), expected);
  });

  test('bare encodings, quoted values containing ":" and ";", and the value after the first free colon', () => {
    assert.deepEqual(parse('N;QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=98;A'), {
      line: 3,
      name: 'N',
      params: { ENCODING: ['QUOTED-PRINTABLE'], CHARSET: ['UTF-8'] },
      value: '=C3=98;A',
    });
    assert.deepEqual(parse('ADR;LABEL="Gate 1: bak; 0150 Oslo":;;Gate 1;Oslo'), {
      line: 3,
      name: 'ADR',
      params: { LABEL: ['Gate 1: bak; 0150 Oslo'] },
      value: ';;Gate 1;Oslo',
    });
    assert.equal(parse('URL:https://example.no:8443/x')?.value, 'https://example.no:8443/x');
    assert.equal(parse('no colon here'), undefined);
  });
});
