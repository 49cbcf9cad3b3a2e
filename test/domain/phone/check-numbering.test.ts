import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileNumbering } from '../../../src/domain/phone/normalize.js';
import { DEFAULT_NUMBERING, type NumberingSettings } from '../../../src/domain/phone/numbering.js';

/** Settings as they may arrive from a config file, before any typing is guaranteed. */
const withSetting = (key: keyof NumberingSettings, value: unknown): NumberingSettings =>
  ({ ...DEFAULT_NUMBERING, [key]: value }) as NumberingSettings;

describe('compileNumbering settings validation', () => {
  test('accepts the defaults and the regions Switchboard is used in', () => {
    for (const defaultRegion of ['NO', 'DE', 'IT', 'CH', 'US'] as const) {
      const normalizer = compileNumbering({ ...DEFAULT_NUMBERING, defaultRegion });
      assert.equal(normalizer.settings.defaultRegion, defaultRegion);
    }
  });

  const rejected: [keyof NumberingSettings, unknown, RegExp][] = [
    ['defaultRegion', 'XX', /^numbering\.defaultRegion: "XX" is not a supported region/],
    ['defaultRegion', 'de', /^numbering\.defaultRegion: "de"/],
    ['defaultRegion', 'DEU', /^numbering\.defaultRegion: "DEU"/],
    ['defaultRegion', '', /^numbering\.defaultRegion: ""/],
    ['defaultRegion', undefined, /^numbering\.defaultRegion: undefined/],
    ['outsideLinePrefix', '0a', /^numbering\.outsideLinePrefix: "0a" must be digits only/],
    ['outsideLinePrefix', '+', /^numbering\.outsideLinePrefix: "\+"/],
    ['outsideLinePrefix', ' 0', /^numbering\.outsideLinePrefix: " 0"/],
    ['outsideLinePrefix', 0, /^numbering\.outsideLinePrefix: 0 must be digits only/],
    ['extensionPattern', '\\d{3', /^numbering\.extensionPattern: invalid regular expression "\\\\d\{3"/],
    ['extensionPattern', '(\\d{3}', /^numbering\.extensionPattern: invalid regular expression/],
    ['extensionPattern', '[0-9', /^numbering\.extensionPattern: invalid regular expression/],
    ['extensionPattern', 42, /^numbering\.extensionPattern: 42 must be a string/],
  ];
  for (const [key, value, message] of rejected) {
    test(`rejects ${key} = ${JSON.stringify(value) ?? String(value)}`, () => {
      assert.throws(() => compileNumbering(withSetting(key, value)), { message });
    });
  }

  test('a stray ")" cannot break out of the anchors', () => {
    // Wrapped naively this would be ^(?:\d{3})|(?:.*)$, which matches anything.
    assert.throws(
      () => compileNumbering(withSetting('extensionPattern', '\\d{3})|(?:.*')),
      { message: /^numbering\.extensionPattern: invalid regular expression/ },
    );
  });

  test('a very long bad value is shortened in the message', () => {
    const error = assertThrows(() => compileNumbering(withSetting('defaultRegion', 'X'.repeat(500))));
    assert.match(error.message, /^numbering\.defaultRegion: "X+\.\.\. is not/);
    assert.ok(error.message.length < 200);
  });

  test('an empty outside-line prefix and an empty extension pattern are allowed', () => {
    const normalizer = compileNumbering({ defaultRegion: 'NO', outsideLinePrefix: '', extensionPattern: '' });
    // With no extension pattern nothing is internal; short numbers are simply not valid numbers.
    assert.equal(normalizer.normalize('201').kind, 'invalid');
    assert.equal(normalizer.normalize('').reason, 'empty');
  });

  test('the pattern is matched whole, not searched', () => {
    const normalizer = compileNumbering({ defaultRegion: 'NO', outsideLinePrefix: '', extensionPattern: '2\\d\\d' });
    assert.equal(normalizer.normalize('201').kind, 'internal');
    assert.equal(normalizer.normalize('2011').kind, 'invalid');
    assert.equal(normalizer.normalize('1201').kind, 'invalid');
  });

  test('the returned settings are a frozen copy', () => {
    const settings: NumberingSettings = { defaultRegion: 'DE', outsideLinePrefix: '0', extensionPattern: '\\d{3}' };
    const normalizer = compileNumbering(settings);
    settings.outsideLinePrefix = '9';
    assert.equal(normalizer.settings.outsideLinePrefix, '0');
    assert.equal(Object.isFrozen(normalizer.settings), true);
    assert.equal(normalizer.normalize('0 0049 30 1234567').e164, '+49301234567');
  });
});

function assertThrows(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof Error);
    return error;
  }
  assert.fail('expected an error');
}
