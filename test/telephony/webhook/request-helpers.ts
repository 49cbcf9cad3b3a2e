import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { WebhookError } from '../../../src/telephony/webhook/errors.js';
import type { ParamValue, WebhookRequest, WebhookSource } from '../../../src/telephony/webhook/types.js';

/** Shared builders for the webhook tests: they shape requests the way the server does. */

export const RECEIVED_AT = Date.parse('2024-05-02T10:00:00Z');

const fixturesDir = fileURLToPath(new URL('../../fixtures/webhooks/', import.meta.url));

export const fixture = (name: string): string => readFileSync(fixturesDir + name, 'utf8');

/** Form/query decoding as the server does it: repeated keys become arrays, `user[]` keeps its name. */
export function decodeForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const previous = Object.hasOwn(out, key) ? out[key] : undefined;
    if (previous === undefined) out[key] = value;
    else out[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}

interface Extra {
  query?: string;
  pathEvent?: string;
  headers?: Record<string, string>;
  method?: string;
  receivedAt?: number;
}

function base(extra: Extra, rawBody: Buffer, body: unknown, contentType?: string): WebhookRequest {
  const headers: Record<string, string> = { ...(contentType ? { 'content-type': contentType } : {}) };
  for (const [name, value] of Object.entries(extra.headers ?? {})) headers[name.toLowerCase()] = value;
  const req: WebhookRequest = {
    method: extra.method ?? 'POST',
    query: decodeForm(extra.query ?? '') as Record<string, ParamValue>,
    body,
    rawBody,
    headers,
    receivedAt: extra.receivedAt ?? RECEIVED_AT,
  };
  if (extra.pathEvent !== undefined) req.pathEvent = extra.pathEvent;
  return req;
}

export const formRequest = (form: string, extra: Extra = {}): WebhookRequest =>
  base(extra, Buffer.from(form, 'utf8'), decodeForm(form), 'application/x-www-form-urlencoded');

/** `json` is sent as is when it is a string, so tests can post exact bytes. */
export function jsonRequest(json: unknown, extra: Extra = {}): WebhookRequest {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  return base(extra, Buffer.from(text, 'utf8'), JSON.parse(text) as unknown, 'application/json');
}

export const getRequest = (query: string, extra: Extra = {}): WebhookRequest =>
  base({ ...extra, method: 'GET', query }, Buffer.alloc(0), undefined);

export const source = (overrides: Partial<WebhookSource> & Pick<WebhookSource, 'dialect'>): WebhookSource => ({
  name: `${overrides.dialect}-test`,
  secret: 'test-secret',
  auth: 'token',
  options: {},
  ...overrides,
});

/** Runs `fn` and checks it throws a WebhookError with this status whose message matches. */
export function assertWebhookError(fn: () => unknown, status: number, message: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof WebhookError, `expected a WebhookError, got ${String(err)}`);
    assert.equal(err.status, status, `status of "${err.message}"`);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    return true;
  });
}
