import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileNumbering, formatForDisplay } from '../../../src/domain/phone/normalize.js';

const settings = { outsideLinePrefix: '', extensionPattern: '\\d{3,4}' };
const no = compileNumbering({ ...settings, defaultRegion: 'NO' });
const de = compileNumbering({ ...settings, defaultRegion: 'DE' });
const it = compileNumbering({ ...settings, defaultRegion: 'IT' });
const ch = compileNumbering({ ...settings, defaultRegion: 'CH' });
const us = compileNumbering({ ...settings, defaultRegion: 'US' });

describe('formatForDisplay', () => {
  test('national format for numbers of the default region', () => {
    assert.equal(formatForDisplay(no.normalize('+4722334455'), 'NO'), '22 33 44 55');
    assert.equal(formatForDisplay(de.normalize('+49301234567'), 'DE'), '030 1234567');
    assert.equal(formatForDisplay(it.normalize('+390612345678'), 'IT'), '06 1234 5678');
    assert.equal(formatForDisplay(ch.normalize('+41446681800'), 'CH'), '044 668 18 00');
  });

  test('international format for numbers of other regions', () => {
    assert.equal(formatForDisplay(no.normalize('+49301234567'), 'NO'), '+49 30 1234567');
    assert.equal(formatForDisplay(de.normalize('+4722334455'), 'DE'), '+47 22 33 44 55');
    assert.equal(formatForDisplay(ch.normalize('+390612345678'), 'CH'), '+39 06 1234 5678');
  });

  test('the region shown in is the one passed, not the normalizer region', () => {
    const swiss = ch.normalize('044 668 18 00');
    assert.equal(formatForDisplay(swiss, 'CH'), '044 668 18 00');
    assert.equal(formatForDisplay(swiss, 'DE'), '+41 44 668 18 00');
  });

  test('same calling code counts as national (Vatican range of Rome, NANP)', () => {
    assert.equal(formatForDisplay(it.normalize('06 6982 1234'), 'IT'), '06 6982 1234');
    assert.equal(formatForDisplay(us.normalize('+1 416 555 0123'), 'US'), '(416) 555-0123');
  });

  test('internal numbers show the extension, invalid ones what was typed', () => {
    assert.equal(formatForDisplay(no.normalize('sip:201@pbx.example'), 'NO'), '201');
    assert.equal(formatForDisplay(no.normalize(' 20 01 '), 'NO'), '2001');
    assert.equal(formatForDisplay(no.normalize(' 12 34 5 '), 'NO'), '12 34 5');
    assert.equal(formatForDisplay(no.normalize('anonymous'), 'NO'), 'anonymous');
    assert.equal(formatForDisplay(no.normalize('+999 1234567'), 'NO'), '+999 1234567');
  });
});
