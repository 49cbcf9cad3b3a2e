import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { WebhookError } from '../../../src/telephony/webhook/errors.js';
import { parseWebhook } from '../../../src/telephony/webhook/parse-webhook.js';
import type { WebhookSource } from '../../../src/telephony/webhook/types.js';
import { assertWebhookError, getRequest, jsonRequest, source } from './request-helpers.js';

describe('parseWebhook', () => {
  test('dispatches on the source dialect and stamps the source name', () => {
    const req = getRequest('extension=201&callid=x', { pathEvent: 'ringing' });
    const [event] = parseWebhook(req, source({ dialect: 'crmplus', name: 'front-desk' }));
    assert.equal(event?.source, 'front-desk');
    assert.equal(event?.kind, 'ringing');
  });

  test('the method is matched case-insensitively', () => {
    const req = { ...getRequest('extension=201&callid=x', { pathEvent: 'ringing' }), method: 'get' };
    assert.equal(parseWebhook(req, source({ dialect: 'crmplus' })).length, 1);
  });

  test('an unknown dialect is a configuration error', () => {
    const bogus = { ...source({ dialect: 'native' }), dialect: 'fax' } as unknown as WebhookSource;
    assertWebhookError(() => parseWebhook(jsonRequest({}), bogus), 500, 'source native-test: unknown dialect "fax"');
  });

  test('unexpected failures are wrapped in a WebhookError (500) keeping the cause', () => {
    const exploding = new Proxy(
      {},
      {
        ownKeys() {
          throw new RangeError('boom');
        },
      },
    );
    const req = { ...getRequest('', { pathEvent: 'ringing' }), query: exploding };
    assert.throws(
      () => parseWebhook(req, source({ dialect: 'crmplus' })),
      (err: unknown) =>
        err instanceof WebhookError &&
        err.status === 500 &&
        err.code === 'internal' &&
        err.cause instanceof RangeError &&
        !err.message.includes('boom'),
    );
  });
});
