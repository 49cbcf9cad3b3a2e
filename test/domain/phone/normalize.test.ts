import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compileNumbering,
  type InvalidReason,
  type NormalizedNumber,
  type NumberNormalizer,
  type NumberOrigin,
} from '../../../src/domain/phone/normalize.js';

const EXTENSIONS = '\\d{3,4}';

const no = compileNumbering({ defaultRegion: 'NO', outsideLinePrefix: '', extensionPattern: EXTENSIONS });
const de = compileNumbering({ defaultRegion: 'DE', outsideLinePrefix: '0', extensionPattern: EXTENSIONS });
const it = compileNumbering({ defaultRegion: 'IT', outsideLinePrefix: '0', extensionPattern: EXTENSIONS });
const ch = compileNumbering({ defaultRegion: 'CH', outsideLinePrefix: '0', extensionPattern: EXTENSIONS });
const us = compileNumbering({ defaultRegion: 'US', outsideLinePrefix: '9', extensionPattern: EXTENSIONS });
const deWithoutPrefix = compileNumbering({
  defaultRegion: 'DE',
  outsideLinePrefix: '',
  extensionPattern: EXTENSIONS,
});

interface Case {
  raw: string;
  origin?: NumberOrigin;
  want: Omit<NormalizedNumber, 'raw'>;
}

const external = (raw: string, e164: string, origin?: NumberOrigin): Case => ({
  raw,
  ...(origin ? { origin } : {}),
  want: { e164, kind: 'external', digits: e164.slice(1) },
});
const internal = (raw: string, digits: string): Case => ({
  raw,
  want: { e164: null, kind: 'internal', digits },
});
const invalid = (raw: string, reason: InvalidReason, digits = ''): Case => ({
  raw,
  want: { e164: null, kind: 'invalid', digits, reason },
});

function runCases(normalizer: NumberNormalizer, cases: Case[]): void {
  for (const c of cases) {
    const label = `${JSON.stringify(c.raw.length > 40 ? `${c.raw.slice(0, 40)}…` : c.raw)}${c.origin ? ` (${c.origin})` : ''}`;
    test(label, () => {
      assert.deepEqual(normalizer.normalize(c.raw, c.origin), { raw: c.raw, ...c.want });
    });
  }
}

describe('NO (no trunk prefix, no outside-line prefix)', () => {
  runCases(no, [
    external('22 33 44 55', '+4722334455'),
    external('22334455', '+4722334455'),
    external('+47 22 33 44 55', '+4722334455'),
    external('0047 22 33 44 55', '+4722334455'),
    external('(+47) 22.33.44.55', '+4722334455'),
    external('+47-22-33-44-55', '+4722334455'),
    external('  412 34 567 ', '+4741234567'),
    external('+47 412 34 567', '+4741234567'),
    // Foreign numbers written with + or 00 from a Norwegian installation.
    external('+49 30 1234567', '+49301234567'),
    external('0049 30 1234567', '+49301234567'),
    external('0046 8 123 456 78', '+46812345678'),
    // A bracketed trunk 0 that Norway does not have.
    external('+47 (0)22 33 44 55', '+4722334455'),
    invalid('022334455', 'too_long', '022334455'),
    invalid('2233445', 'invalid_length', '2233445'),
    invalid('1', 'too_short', '1'),
  ]);
});

describe('DE (trunk 0, outside-line prefix 0)', () => {
  runCases(de, [
    external('030 1234567', '+49301234567'),
    external('030/1234567', '+49301234567'),
    external('(030) 123 45 67', '+49301234567'),
    external('+49 30 1234567', '+49301234567'),
    external('+49 (0)30 1234567', '+49301234567'),
    external('0049 30 1234567', '+49301234567'),
    external('0151 23456789', '+4915123456789'),
    // A DID written with the direct-dial digits after a dash is one number.
    external('030 123456-78', '+493012345678'),
    // With the outside-line prefix in front.
    external('0 0049 30 1234567', '+49301234567'),
    external('00049301234567', '+49301234567'),
    external('00301234567', '+49301234567'),
    external('00049301234567', '+49301234567', 'pbx'),
    external('00301234567', '+49301234567', 'pbx'),
    external('0301234567', '+49301234567', 'pbx'),
    external('+49301234567', '+49301234567', 'pbx'),
    external('0 0033 1 12 34 56 78', '+33112345678', 'pbx'),
    // Foreign.
    external('0033 1 12 34 56 78', '+33112345678'),
    external('+41 44 668 18 00', '+41446681800'),
    invalid('+49 30', 'too_short', '4930'),
    invalid('+999 1234567', 'invalid_country', '9991234567'),
  ]);

  test('the outside-line prefix is what makes a prefixed number readable', () => {
    assert.equal(deWithoutPrefix.normalize('00049301234567').kind, 'invalid');
    assert.equal(deWithoutPrefix.normalize('00301234567').kind, 'invalid');
  });
});

describe('outside-line prefix: both readings valid, the origin decides', () => {
  // "0" + "0331 12345678" (Potsdam) is also "0033 1 12 34 56 78" (Paris).
  runCases(de, [
    external('0033112345678', '+33112345678', 'entered'),
    external('0033112345678', '+4933112345678', 'pbx'),
    external('0033112345678', '+33112345678'),
  ]);
  // "0" + a German mobile is also a valid North American number behind 00:
  // "0157 12345678" is also 571 234 5678 (Virginia), "0151 23456789" is 512 345 6789 (Texas).
  runCases(de, [
    external('0015712345678', '+15712345678', 'entered'),
    external('0015712345678', '+4915712345678', 'pbx'),
    external('0 0151 23456789', '+15123456789'),
    external('0 0151 23456789', '+4915123456789', 'pbx'),
  ]);
  // "0" + "351 123 4567" (Italian mobile) is also "0351 1234567" (Bergamo landline).
  runCases(it, [
    external('03511234567', '+3903511234567', 'entered'),
    external('03511234567', '+393511234567', 'pbx'),
  ]);

  describe('a rest that is an extension is never stripped', () => {
    const threeDigit = compileNumbering({
      defaultRegion: 'DE',
      outsideLinePrefix: '0',
      extensionPattern: '\\d{3}',
    });
    runCases(threeDigit, [
      internal('201', '201'),
      // "0" + "201" would be the extension 201 behind the outside line; keep it as written.
      invalid('0201', 'invalid_for_region', '0201'),
      { ...invalid('0201', 'invalid_for_region', '0201'), origin: 'pbx' },
    ]);
  });
});

describe('IT (the leading 0 belongs to the number)', () => {
  runCases(it, [
    external('06 1234 5678', '+390612345678'),
    external('+39 06 1234 5678', '+390612345678'),
    external('0039 06 1234 5678', '+390612345678'),
    external('+39 (0)6 1234 5678', '+390612345678'),
    external('02 1234 5678', '+390212345678'),
    external('347 123 4567', '+393471234567'),
    external('+39 347 123 4567', '+393471234567'),
    // The Vatican range of Rome still gets a +39 06 E.164.
    external('06 6982 1234', '+390669821234'),
    // Outside-line prefix in front of a landline and of a mobile.
    external('0 06 1234 5678', '+390612345678'),
    external('0 06 1234 5678', '+390612345678', 'pbx'),
    external('0 347 123 4567', '+393471234567'),
    external('0 347 123 4567', '+393471234567', 'pbx'),
    external('0 0049 30 1234567', '+49301234567', 'pbx'),
  ]);

  test('E.164 keeps the leading zero of Italian landlines', () => {
    assert.equal(it.normalize('06 1234 5678').e164?.startsWith('+3906'), true);
    assert.equal(no.normalize('+39 06 1234 5678').e164, '+390612345678');
  });
});

describe('CH (trunk 0, outside-line prefix 0)', () => {
  runCases(ch, [
    external('044 668 18 00', '+41446681800'),
    external('044/668.18.00', '+41446681800'),
    external('+41 44 668 18 00', '+41446681800'),
    external('+41 (0)44 668 18 00', '+41446681800'),
    external('0041 44 668 18 00', '+41446681800'),
    external('079 123 45 67', '+41791234567'),
    external('0 044 668 18 00', '+41446681800'),
    external('00446681800', '+41446681800', 'pbx'),
    external('0 0041 44 668 18 00', '+41446681800', 'pbx'),
    external('0 079 123 45 67', '+41791234567', 'pbx'),
    invalid('044 668 18', 'too_short', '04466818'),
  ]);
});

describe('other international prefixes', () => {
  runCases(us, [
    // The region's own international prefix, handled by libphonenumber.
    external('011 47 22 33 44 55', '+4722334455'),
    // 00 is not the US international prefix, but it is unambiguous there and people write it.
    external('00 47 22 33 44 55', '+4722334455'),
    external('(650) 253-0000', '+16502530000'),
    external('9 650 253 0000', '+16502530000', 'pbx'),
    external('9 011 47 22 33 44 55', '+4722334455', 'pbx'),
  ]);
});

describe('extensions', () => {
  runCases(no, [
    internal('201', '201'),
    internal('2001', '2001'),
    internal(' 20-01 ', '2001'),
    internal('sip:201@pbx.example', '201'),
    internal('"Reception" <sip:2001@10.0.0.1:5060>', '2001'),
    internal('tel:201', '201'),
    // Outside the pattern: too short or too long to be an extension, so read as numbers.
    invalid('20', 'too_short', '20'),
    invalid('20011', 'invalid_for_region', '20011'),
    // A plus sign means a public number, even when the digits would fit the pattern.
    invalid('+201', 'too_short', '201'),
  ]);

  test('an alphanumeric pattern accepts SIP user names as extensions', () => {
    const named = compileNumbering({
      defaultRegion: 'NO',
      outsideLinePrefix: '',
      extensionPattern: '\\d{3,4}|[a-z]+',
    });
    assert.deepEqual(named.normalize('sip:alice@pbx.example'), {
      raw: 'sip:alice@pbx.example',
      e164: null,
      kind: 'internal',
      digits: 'alice',
    });
    assert.equal(no.normalize('sip:alice@pbx.example').reason, 'not_a_number');
  });

  test('the pattern is anchored: a longer number containing an extension is not one', () => {
    assert.equal(no.normalize('22334455').kind, 'external');
    assert.equal(no.normalize('12013').kind, 'invalid');
  });
});

describe('URIs and dial strings', () => {
  runCases(no, [
    external('tel:+4722334455', '+4722334455'),
    external('tel:+47-22-33-44-55;ext=12', '+4722334455'),
    external('TEL:+47.22.33.44.55;phone-context=example.com', '+4722334455'),
    external('sip:+4722334455@pbx.example', '+4722334455'),
    external('sip:+4722334455@pbx.example;user=phone', '+4722334455'),
    external('sips:004722334455@pbx.example:5061', '+4722334455'),
    external('<sip:22334455@pbx.example>', '+4722334455'),
    external('"Ola Nordmann" <sip:+4722334455@pbx.example>', '+4722334455'),
    external('sip:%2B4722334455@pbx.example', '+4722334455'),
    external('+47 22 33 44 55 ext. 12', '+4722334455'),
    external('+47 22 33 44 55 x12', '+4722334455'),
    external('22334455,,1234', '+4722334455'),
    external('＋４７ ２２ ３３ ４４ ５５', '+4722334455'),
    external('\u200e+47\u00a022\u00a033\u00a044\u00a055', '+4722334455'),
    invalid('tel:', 'empty'),
  ]);
});

describe('withheld, empty and garbage', () => {
  runCases(no, [
    invalid('', 'empty'),
    invalid('   ', 'empty'),
    invalid('()', 'empty'),
    invalid('anonymous', 'withheld'),
    invalid('Anonymous', 'withheld'),
    invalid('Unknown', 'withheld'),
    invalid('<unknown>', 'withheld'),
    invalid('restricted', 'withheld'),
    invalid('Private Number', 'withheld'),
    invalid('Unbekannt', 'withheld'),
    invalid('sconosciuto', 'withheld'),
    invalid('sip:anonymous@anonymous.invalid', 'withheld'),
    invalid('"Anonymous" <sip:anonymous@anonymous.invalid>', 'withheld'),
    invalid('abc', 'not_a_number'),
    // Letters inside digits are not a vanity number we try to decode: flagged, not guessed.
    invalid('123abc456', 'not_a_number'),
    // Digits between words are not a label (see number-text.ts): flagged, not cut down.
    invalid('22 33 44 55 or 99 88 77 66', 'not_a_number'),
    invalid('*31#22334455', 'not_a_number'),
    invalid('+', 'not_a_number'),
    invalid('+47 22 33 +44 55', 'not_a_number'),
    invalid('12345678901234567890', 'too_long', '12345678901234567890'),
    invalid('1'.repeat(40), 'too_long', '1'.repeat(40)),
    invalid('1'.repeat(10_000), 'too_long'),
    invalid(`tel:+47${'2'.repeat(300)}`, 'too_long'),
  ]);
});

describe('raw form', () => {
  test('is kept exactly as given, surrounding whitespace included', () => {
    for (const raw of ['  22 33 44 55\t', 'sip:201@pbx', 'abc', '']) {
      assert.equal(no.normalize(raw).raw, raw);
    }
  });

  test('a valid number never carries a reason', () => {
    assert.equal('reason' in no.normalize('22334455'), false);
    assert.equal('reason' in no.normalize('201'), false);
  });
});

describe('E.164 without the plus, as cloud PBXs report it', () => {
  const de = compileNumbering({ defaultRegion: 'DE', outsideLinePrefix: '', extensionPattern: '\\d{2,4}' });
  const no = compileNumbering({ defaultRegion: 'NO', outsideLinePrefix: '', extensionPattern: '\\d{3}' });
  test('is read as international for PBX traffic when no national reading is valid', () => {
    assert.equal(no.normalize('4722334455', 'pbx').e164, '+4722334455');
    assert.equal(no.normalize('4930123456', 'pbx').e164, '+4930123456');
  });
  test('never replaces a valid national reading', () => {
    assert.equal(no.normalize('22334455', 'pbx').e164, '+4722334455');
    assert.equal(de.normalize('030123456', 'pbx').e164, '+4930123456');
    // Also a valid German national number: the national reading wins, hence the dialects' own rules.
    assert.equal(de.normalize('4921155500100', 'pbx').e164, '+494921155500100');
  });
  test('is not applied to numbers people type', () => {
    assert.equal(no.normalize('4930123456').e164, null);
  });
});
