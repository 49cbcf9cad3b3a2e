import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_RAW_LENGTH, readNumberText } from '../../../src/domain/phone/number-text.js';

describe('readNumberText', () => {
  const readable: [string, string][] = [
    ['22 33 44 55', '22334455'],
    ['+47 (22) 33-44.55', '+4722334455'],
    ['030/123\u201345\u2212 67', '0301234567'],
    ['\ufeff+47\u202f22334455\u200f', '+4722334455'],
    ['tel:+47-22-33-44-55;ext=12;phone-context=example.com', '+4722334455'],
    ['sip:+4722334455;isub=1@pbx.example;user=phone', '+4722334455'],
    ['SIPS:201@pbx.example', '201'],
    ['"Front desk" <sip:2001@pbx.example>', '2001'],
    ['sip:%2B4722334455@pbx', '+4722334455'],
    ['sip:%E0%A4%A@pbx', '%E0%A4%A'],
    ['0301234567 ext. 12', '0301234567'],
    ['0301234567 Extension: 12', '0301234567'],
    ['(030) 1234567 x 12', '0301234567'],
    ['22334455,,1*2#', '22334455'],
    ['１２３', '123'],
    // Letters that are not a withheld placeholder survive, for the caller to reject or to
    // match against an alphanumeric extension pattern.
    ['box12', 'box12'],
    ['sip:alice@pbx', 'alice'],
    ['123abc456', '123abc456'],
  ];
  for (const [raw, text] of readable) {
    test(`${JSON.stringify(raw)} → ${JSON.stringify(text)}`, () => {
      assert.deepEqual(readNumberText(raw), { ok: true, text });
    });
  }

  const unreadable: [string, 'empty' | 'withheld' | 'too_long'][] = [
    ['', 'empty'],
    [' \t\n', 'empty'],
    ['<>', 'empty'],
    ['sip:@pbx', 'empty'],
    ['anonymous', 'withheld'],
    ['ANONYMOUS', 'withheld'],
    ['<Unknown>', 'withheld'],
    ['Private number', 'withheld'],
    ['Rufnummer unterdrückt', 'withheld'],
    ['privé', 'withheld'],
    ['sip:anonymous@anonymous.invalid', 'withheld'],
    ['sips:Restricted@pbx', 'withheld'],
  ];
  for (const [raw, reason] of unreadable) {
    test(`${JSON.stringify(raw)} → ${reason}`, () => {
      assert.deepEqual(readNumberText(raw), { ok: false, reason });
    });
  }

  test('a placeholder word with digits is not withheld', () => {
    assert.deepEqual(readNumberText('unknown 22334455'), { ok: true, text: 'unknown22334455' });
  });

  test(`input longer than ${MAX_RAW_LENGTH} characters after trimming is refused unread`, () => {
    const atLimit = `+${'1'.repeat(MAX_RAW_LENGTH - 1)}`;
    assert.equal(readNumberText(`  ${atLimit}  `).ok, true);
    assert.deepEqual(readNumberText(`${atLimit}1`), { ok: false, reason: 'too_long' });
  });
});

describe('labels written around a number', () => {
  const text = (raw: string) => {
    const read = readNumberText(raw);
    return read.ok ? read.text : `!${read.reason}`;
  };
  test('a word or a note in brackets before or after the digits is dropped', () => {
    assert.equal(text('22 33 44 55 (sentralbord)'), '22334455');
    assert.equal(text('22334455 sentralbord'), '22334455');
    assert.equal(text('Mob.: 912 34 567'), '91234567');
    assert.equal(text('030 1234567 – Zentrale'), '0301234567');
    assert.equal(text('+39 06 1234 5678 [ufficio]'), '+390612345678');
    assert.equal(text('22 33 44 55 x12 (resepsjon)'), '22334455');
  });
  test('text with more digits in it, or with no digits, is not cut down to a number', () => {
    assert.equal(text('22334455 eller 99887766').startsWith('22334455eller'), true);
    assert.equal(text('ring sentralbordet'), 'ringsentralbordet');
  });
});
