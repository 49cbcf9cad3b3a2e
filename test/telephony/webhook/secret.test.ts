import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSecret, secretsEqual } from '../../../src/telephony/webhook/secret.js';

describe('generateSecret', () => {
  test('32 random bytes as base64url', () => {
    const secret = generateSecret();
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(secret, 'base64url').length, 32);
  });

  test('different every time', () => {
    const secrets = new Set(Array.from({ length: 50 }, generateSecret));
    assert.equal(secrets.size, 50);
  });
});

describe('secretsEqual', () => {
  test('equal, different content, different length', () => {
    assert.equal(secretsEqual('abc', 'abc'), true);
    assert.equal(secretsEqual('abd', 'abc'), false);
    assert.equal(secretsEqual('abc', 'abcd'), false);
    assert.equal(secretsEqual('', 'abc'), false);
  });
});
