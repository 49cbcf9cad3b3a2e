import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticateWebhook } from '../../../src/telephony/webhook/authenticate.js';
import { signNativeBody } from '../../../src/telephony/webhook/signature.js';
import type { WebhookSource } from '../../../src/telephony/webhook/types.js';
import { assertWebhookError, fixture, formRequest, getRequest, jsonRequest, RECEIVED_AT, source } from './request-helpers.js';

const SECRET = 'Vq3kJ8-Zx0s7PqYb2mXn4T9cLw1eR6uHfA5dGiOjK2M';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('token authentication', () => {
  const crm = source({ dialect: 'crmplus', secret: SECRET });
  const ok = (headers: Record<string, string>, query = '') =>
    assert.doesNotThrow(() => authenticateWebhook(getRequest(query, { headers }), crm));

  test('accepted as Bearer, X-Switchboard-Token, basic-auth password or ?token=', () => {
    ok({ Authorization: `Bearer ${SECRET}` });
    ok({ 'X-Switchboard-Token': SECRET });
    ok({ Authorization: basic('placetel', SECRET) });
    ok({}, `token=${SECRET}&extension=201`);
  });

  test('a right token anywhere wins over a wrong one elsewhere', () => {
    ok({ Authorization: basic('admin', 'something-else') }, `token=${SECRET}`);
  });

  test('wrong token', () => {
    for (const req of [
      getRequest('token=wrong'),
      getRequest('', { headers: { authorization: `Bearer ${SECRET}x` } }),
      getRequest('', { headers: { 'x-switchboard-token': SECRET.slice(0, -1) } }),
      getRequest('', { headers: { authorization: basic(SECRET, 'nope') } }),
    ]) {
      assertWebhookError(() => authenticateWebhook(req, crm), 401, 'invalid token');
    }
  });

  test('missing token', () => {
    const missing = /^missing token: send "Authorization: Bearer <token>"/;
    assertWebhookError(() => authenticateWebhook(getRequest('extension=201'), crm), 401, missing);
    assertWebhookError(() => authenticateWebhook(getRequest('token='), crm), 401, missing);
    // An unknown scheme carries no token we can read.
    assertWebhookError(
      () => authenticateWebhook(getRequest('', { headers: { authorization: `Digest ${SECRET}` } }), crm),
      401,
      missing,
    );
  });

  test('a token in the body is not a token', () => {
    assertWebhookError(() => authenticateWebhook(formRequest(`token=${SECRET}`), crm), 401, /^missing token/);
  });
});

describe('native HMAC authentication', () => {
  const native = source({ dialect: 'native', auth: 'hmac', secret: SECRET });
  const body = JSON.stringify({ event: 'ringing', callId: 'c1', extension: '201', remoteNumber: '+4790012345' });
  const signed = (signature: string, extra: Record<string, string> = {}, raw = body) =>
    jsonRequest(raw, { headers: { 'X-Switchboard-Signature': signature, ...extra } });

  test('a right signature passes; the sha256= prefix is optional and hex case does not matter', () => {
    const signature = signNativeBody(SECRET, body);
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    authenticateWebhook(signed(signature), native);
    authenticateWebhook(signed(signature.slice('sha256='.length)), native);
    authenticateWebhook(signed(signature.toUpperCase().replace('SHA256=', 'sha256=')), native);
  });

  test('a signature made with another secret', () => {
    assertWebhookError(
      () => authenticateWebhook(signed(signNativeBody('another-secret', body)), native),
      401,
      'invalid signature: X-Switchboard-Signature must be sha256=<hex HMAC-SHA256 of the exact body>',
    );
  });

  test('a tampered body', () => {
    const tampered = body.replace('+4790012345', '+4790012346');
    assertWebhookError(() => authenticateWebhook(signed(signNativeBody(SECRET, body), {}, tampered), native), 401, /^invalid signature/);
  });

  test('a re-serialized body does not match: the raw bytes are signed', () => {
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    assertWebhookError(() => authenticateWebhook(signed(signNativeBody(SECRET, body), {}, pretty), native), 401, /^invalid signature/);
  });

  test('missing and malformed signatures', () => {
    assertWebhookError(() => authenticateWebhook(jsonRequest(body), native), 401, 'missing signature: X-Switchboard-Signature header');
    assertWebhookError(() => authenticateWebhook(signed('sha256=xyz'), native), 401, /^invalid signature/);
    assertWebhookError(() => authenticateWebhook(signed(SECRET), native), 401, /^invalid signature/);
  });

  test('a token does not satisfy an HMAC source', () => {
    const req = jsonRequest(body, { headers: { Authorization: `Bearer ${SECRET}` } });
    assertWebhookError(() => authenticateWebhook(req, native), 401, /^missing signature/);
  });

  describe('with a timestamp', () => {
    const now = Math.floor(RECEIVED_AT / 1000);

    test('signed "<timestamp>.<body>" within five minutes passes', () => {
      for (const ts of [now, now - 299, now + 299]) {
        authenticateWebhook(signed(signNativeBody(SECRET, body, ts), { 'X-Switchboard-Timestamp': String(ts) }), native);
      }
    });

    test('a stale or future timestamp is refused even with a right signature', () => {
      const ts = now - 301;
      assertWebhookError(
        () => authenticateWebhook(signed(signNativeBody(SECRET, body, ts), { 'X-Switchboard-Timestamp': String(ts) }), native),
        401,
        'X-Switchboard-Timestamp: 301 s away from our clock (at most 300 s); replayed request or clock skew',
      );
      const future = now + 3600;
      assertWebhookError(
        () => authenticateWebhook(signed(signNativeBody(SECRET, body, future), { 'X-Switchboard-Timestamp': String(future) }), native),
        401,
        /^X-Switchboard-Timestamp: 3600 s away/,
      );
    });

    test('a changed timestamp breaks the signature', () => {
      const req = signed(signNativeBody(SECRET, body, now), { 'X-Switchboard-Timestamp': String(now - 10) });
      assertWebhookError(() => authenticateWebhook(req, native), 401, /^invalid signature: .*prefixed by "<timestamp>\."/);
    });

    test('dropping the timestamp header breaks a timestamped signature', () => {
      assertWebhookError(() => authenticateWebhook(signed(signNativeBody(SECRET, body, now)), native), 401, /^invalid signature/);
    });

    test('a timestamp that is not epoch seconds', () => {
      const req = signed(signNativeBody(SECRET, body), { 'X-Switchboard-Timestamp': '2024-05-02T10:00:00Z' });
      assertWebhookError(() => authenticateWebhook(req, native), 401, 'X-Switchboard-Timestamp: expected epoch seconds');
    });

    test('requireTimestamp refuses signatures without one', () => {
      const strict: WebhookSource = { ...native, options: { requireTimestamp: 'true' } };
      assertWebhookError(
        () => authenticateWebhook(signed(signNativeBody(SECRET, body)), strict),
        401,
        'missing X-Switchboard-Timestamp header',
      );
      authenticateWebhook(signed(signNativeBody(SECRET, body, now), { 'X-Switchboard-Timestamp': String(now) }), strict);
    });
  });

  test('native sources can use token authentication instead', () => {
    const tokenSource = { ...native, auth: 'token' as const };
    authenticateWebhook(jsonRequest(body, { headers: { 'X-Switchboard-Token': SECRET } }), tokenSource);
    assertWebhookError(() => authenticateWebhook(jsonRequest(body), tokenSource), 401, /^missing token/);
  });
});

describe('placetel HMAC authentication', () => {
  const placetel = source({ dialect: 'placetel', auth: 'hmac', secret: '12345' });
  const body = fixture('placetel/readme-signed-example.form');
  // The value Placetel's README gives for this body and secret.
  const documented = 'c4f823c5b8806432fe2b83b1fc2ee714422e0cdfb4b5129152a7d0bbcd7792d0';
  const withSignature = (signature: string, raw = body) => formRequest(raw, { headers: { 'X-PLACETEL-SIGNATURE': signature } });

  test('the documented example verifies', () => {
    authenticateWebhook(withSignature(documented), placetel);
  });

  test('wrong secret, tampered body, missing or malformed header', () => {
    assertWebhookError(
      () => authenticateWebhook(withSignature(documented), { ...placetel, secret: '123456' }),
      401,
      'invalid signature: X-Placetel-Signature must be <hex HMAC-SHA256 of the exact body>',
    );
    assertWebhookError(() => authenticateWebhook(withSignature(documented, body.replace('0123456789', '0123456780')), placetel), 401, /^invalid signature/);
    assertWebhookError(() => authenticateWebhook(formRequest(body), placetel), 401, 'missing signature: X-Placetel-Signature header');
    assertWebhookError(() => authenticateWebhook(withSignature(Buffer.from(documented, 'hex').toString('base64')), placetel), 401, /^invalid signature/);
  });

  test('Placetel without a shared secret: basic auth in the URL, as Placetel documents', () => {
    const tokenSource = { ...placetel, auth: 'token' as const, secret: SECRET };
    authenticateWebhook(formRequest(body, { headers: { authorization: basic('admin', SECRET) } }), tokenSource);
  });
});

describe('source configuration errors (500)', () => {
  test('an auth mode the dialect does not support', () => {
    assertWebhookError(
      () => authenticateWebhook(getRequest(`token=${SECRET}`), source({ dialect: 'crmplus', auth: 'hmac', secret: SECRET })),
      500,
      'source crmplus-test: crmplus does not support hmac authentication',
    );
  });

  test('an empty secret never authenticates', () => {
    assertWebhookError(() => authenticateWebhook(getRequest('token='), source({ dialect: 'zammad', secret: '' })), 500, 'source zammad-test has no secret');
  });

  test('an unknown dialect', () => {
    const bogus = { ...source({ dialect: 'zammad' }), dialect: 'asterisk' } as unknown as WebhookSource;
    assertWebhookError(() => authenticateWebhook(getRequest('token=test-secret'), bogus), 500, 'source zammad-test: unknown dialect "asterisk"');
  });
});
