import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS, findDialect, getDialect } from '../../../../src/telephony/webhook/dialects/index.js';
import { DIALECT_NAMES } from '../../../../src/telephony/webhook/types.js';

describe('DIALECTS registry', () => {
  test('lists every dialect name once, in order', () => {
    assert.deepEqual(
      DIALECTS.map((d) => d.name),
      [...DIALECT_NAMES],
    );
  });

  test('default auth modes', () => {
    assert.deepEqual(
      Object.fromEntries(DIALECTS.map((d) => [d.name, d.defaultAuth])),
      { native: 'hmac', crmplus: 'token', zammad: 'token', placetel: 'hmac' },
    );
  });

  test('every dialect has a description, accepts its default options and documents each option', () => {
    for (const dialect of DIALECTS) {
      assert.ok(dialect.description.length > 20, dialect.name);
      assert.ok(dialect.authModes.includes(dialect.defaultAuth), dialect.name);
      const defaults = dialect.parseOptions({});
      assert.deepEqual(Object.keys(defaults).sort(), Object.keys(dialect.optionsHelp).sort(), dialect.name);
      assert.equal(dialect.optionsSchema.safeParse({}).success, true, dialect.name);
      assert.equal(dialect.optionsSchema.safeParse({ nonsense: 'x' }).success, false, dialect.name);
    }
  });

  test('only HMAC-capable dialects have a signature scheme', () => {
    for (const dialect of DIALECTS) {
      assert.equal(dialect.signatureScheme({}) !== undefined, dialect.authModes.includes('hmac'), dialect.name);
    }
  });

  test('findDialect takes untrusted names', () => {
    assert.equal(findDialect('zammad'), getDialect('zammad'));
    assert.equal(findDialect('constructor'), undefined);
    assert.equal(findDialect('Zammad'), undefined);
  });
});
