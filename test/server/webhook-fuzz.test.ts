import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Whatever a phone system (or anyone who found the URL and the token) sends, the answer is a
 * 2xx or a 4xx that says why, never a 500, and the server keeps serving.
 */
let server: TestServer;
const secrets: Record<string, string> = {};
const DIALECTS = ['native', 'crmplus', 'zammad', 'placetel'] as const;

before(async () => {
  server = await startTestServer();
  await server.user('kari', ['201']);
  for (const dialect of DIALECTS) secrets[dialect] = (await server.source(`fz-${dialect}`, dialect)).secret;
});
after(() => server.close());

const fieldName = fc.constantFrom('event', 'callId', 'call_id', 'callid', 'direction', 'extension', 'extensions', 'remoteNumber', 'number', 'from', 'to', 'user[]', 'peer', 'type', 'cause', 'time', 'duration', 'answeringNumber', '__proto__', 'constructor');
const fieldValue = fc.oneof(
  fc.constantFrom('ringing', 'answered', 'ended', 'missed', 'dialing', 'newCall', 'answer', 'hangup', 'IncomingCall', 'HungUp', 'in', 'out', 'inbound', '201', '+4722334455', '', 'anonymous'),
  fc.string({ maxLength: 40 }),
  fc.integer().map(String),
);
const jsonValue = fc.oneof(fieldValue, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fieldValue, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fieldValue, { maxKeys: 2 }));

const request = fc.record({
  dialect: fc.constantFrom(...DIALECTS),
  method: fc.constantFrom('GET', 'POST'),
  pathEvent: fc.option(fc.constantFrom('ringing', 'connected', 'ended', 'notanswered', 'x', '..', '%00'), { nil: undefined }),
  kind: fc.constantFrom('json', 'form', 'garbage', 'jsonArray'),
  fields: fc.dictionary(fieldName, jsonValue, { maxKeys: 8 }),
  garbage: fc.uint8Array({ maxLength: 200 }),
});

test('random requests to every dialect never get a 500 and never stop the server', async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const secret = secrets[r.dialect]!;
      const path = `/api/v1/hooks/fz-${r.dialect}${r.pathEvent ? `/${r.pathEvent}` : ''}`;
      const stringFields = Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
      let body: string | Buffer | undefined;
      let type: string | undefined;
      let query = `token=${encodeURIComponent(secret)}`;
      if (r.method === 'GET') query += `&${new URLSearchParams(stringFields).toString()}`;
      else if (r.kind === 'json') [body, type] = [JSON.stringify(r.fields), 'application/json'];
      else if (r.kind === 'jsonArray') [body, type] = [JSON.stringify([r.fields, r.fields]), 'application/json'];
      else if (r.kind === 'form') [body, type] = [new URLSearchParams(stringFields).toString(), 'application/x-www-form-urlencoded'];
      else [body, type] = [Buffer.from(r.garbage), 'application/json'];
      const response = await server.api(r.method, `${path}?${query}`, { raw: body, headers: type ? { 'content-type': type } : {} });
      assert.ok(response.status < 500, `${r.method} ${path} ${String(body).slice(0, 200)} → ${response.status} ${JSON.stringify(response.body)}`);
      if (response.status >= 400) assert.ok(typeof response.body?.error?.message === 'string' && response.body.error.message.length > 0, 'a 4xx says why');
    }),
    { numRuns: 400 },
  );
  const health = await server.api('GET', '/api/v1/health');
  assert.equal(health.status, 200);
});
