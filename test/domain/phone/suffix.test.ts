import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SUFFIX_LENGTH,
  compileNumbering,
  digitsSuffix,
  suffixKey,
  suffixMatches,
} from '../../../src/domain/phone/normalize.js';

const de = compileNumbering({ defaultRegion: 'DE', outsideLinePrefix: '0', extensionPattern: '\\d{3,4}' });

describe('digitsSuffix', () => {
  test('keeps the last eight digits by default', () => {
    assert.equal(SUFFIX_LENGTH, 8);
    assert.equal(digitsSuffix('4930123456789'), '23456789');
    assert.equal(digitsSuffix('4722334455'), '22334455');
  });

  test('honours another length and returns short input whole', () => {
    assert.equal(digitsSuffix('4930123456789', 6), '456789');
    assert.equal(digitsSuffix('1234567'), '1234567');
    assert.equal(digitsSuffix(''), '');
  });

  test('rejects a length that is not a positive integer', () => {
    assert.throws(() => digitsSuffix('123', 0), RangeError);
    assert.throws(() => digitsSuffix('123', 2.5), RangeError);
  });
});

describe('suffix matching', () => {
  test('a number stored in a foreign national form still matches its caller id', () => {
    // A Paris number typed the French way into a German phonebook cannot be normalized…
    const stored = de.normalize('01 23 45 67 89');
    assert.equal(stored.kind, 'invalid');
    // …but the caller id arrives in E.164 and shares the last eight digits.
    const caller = de.normalize('+33 1 23 45 67 89', 'pbx');
    assert.equal(caller.e164, '+33123456789');
    assert.equal(suffixMatches(caller, stored.digits), true);
    assert.equal(suffixKey(caller), digitsSuffix(stored.digits));
  });

  test('a different number does not match', () => {
    const caller = de.normalize('+33 1 23 45 67 89');
    assert.equal(suffixMatches(caller, '0123456788'), false);
  });

  test('internal, withheld and short numbers have no key and never match', () => {
    for (const raw of ['2001', 'anonymous', '', '1234567']) {
      const n = de.normalize(raw);
      assert.equal(suffixKey(n), null, raw);
      assert.equal(suffixMatches(n, '12345678'), false, raw);
    }
  });

  test('a stored number shorter than the key never matches', () => {
    const caller = de.normalize('+49 30 1234567');
    assert.equal(suffixMatches(caller, '1234567'), false);
    assert.equal(suffixMatches(caller, '01234567'), true);
  });

  test('an invalid caller id with enough digits still gets a key', () => {
    const caller = de.normalize('+47 22 33 44 556');
    assert.equal(caller.kind, 'invalid');
    assert.equal(suffixKey(caller), '23344556');
  });
});
