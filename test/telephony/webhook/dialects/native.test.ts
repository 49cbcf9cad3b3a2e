import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebhook } from '../../../../src/telephony/webhook/parse-webhook.js';
import {
  assertWebhookError,
  fixture,
  formRequest,
  getRequest,
  jsonRequest,
  RECEIVED_AT,
  source,
} from '../request-helpers.js';

const native = source({ dialect: 'native', name: 'crm-bridge' });
const parse = (json: unknown) => parseWebhook(jsonRequest(json), native);
const minimal = { event: 'ringing', callId: 'c1', extension: '201', remoteNumber: '+4790012345' };

describe('native dialect: translation', () => {
  test('a group ringing with every optional field', () => {
    assert.deepEqual(parse(fixture('native/ringing-group.json')), [
      {
        source: 'crm-bridge',
        callId: 'c-7f3a9e',
        kind: 'ringing',
        direction: 'inbound',
        at: Date.parse('2024-05-02T09:30:00Z'),
        extensions: ['201', '202', '203'],
        remoteNumber: '+4722334455',
        remoteName: 'Fjordline AS',
        localNumber: '+4721000000',
        queue: 'support',
      },
    ]);
  });

  test('a batch keeps order and reads epoch-ms times; ringing defaults to inbound', () => {
    const events = parse(fixture('native/call-lifecycle-batch.json'));
    assert.deepEqual(
      events.map((e) => [e.kind, e.direction, e.at, e.cause]),
      [
        ['ringing', 'inbound', 1714642200000, undefined],
        ['answered', 'inbound', 1714642205000, undefined],
        ['ended', 'inbound', 1714642325000, 'completed'],
      ],
    );
  });

  test('dialing: numeric callId and extension become strings, offset time is honoured, direction implied', () => {
    assert.deepEqual(parse(fixture('native/dialing.json')), [
      {
        source: 'crm-bridge',
        callId: '4711',
        kind: 'dialing',
        direction: 'outbound',
        at: Date.parse('2024-05-02T09:30:00Z'),
        extension: '204',
        remoteNumber: '004790012345',
        localNumber: '+4721000000',
      },
    ]);
  });

  test('without time the receipt time is used', () => {
    assert.equal(parse(minimal)[0]?.at, RECEIVED_AT);
  });

  test('a numeric-string time is epoch ms', () => {
    assert.equal(parse({ ...minimal, time: '1714642200000' })[0]?.at, 1714642200000);
  });

  test('missed becomes ended with cause noanswer', () => {
    const [event] = parse({ event: 'missed', callId: 'c1', extension: '201' });
    assert.equal(event?.kind, 'ended');
    assert.equal(event?.direction, 'inbound');
    assert.equal(event?.cause, 'noanswer');
  });

  test('missed keeps a given cause and legOnly', () => {
    assert.deepEqual(parse(fixture('native/missed-leg.json')), [
      {
        source: 'crm-bridge',
        callId: 'c-7f3a9e',
        kind: 'ended',
        direction: 'inbound',
        at: RECEIVED_AT,
        extension: '202',
        cause: 'answered_elsewhere',
        legOnly: true,
      },
    ]);
  });

  test('every EndCause value is accepted as cause', () => {
    for (const cause of ['completed', 'noanswer', 'cancelled', 'busy', 'rejected', 'failed', 'voicemail', 'answered_elsewhere', 'unknown']) {
      const [event] = parse({ event: 'ended', callId: 'c1', direction: 'outbound', cause });
      assert.equal(event?.cause, cause);
      assert.equal(event?.causeText, undefined);
    }
  });

  test('a free-text cause is kept as causeText with cause unknown', () => {
    const [event] = parse(fixture('native/ended-free-text-cause.json'));
    assert.equal(event?.cause, 'unknown');
    assert.equal(event?.causeText, 'SIP 486 Busy Here');
  });

  test('strings are trimmed', () => {
    const [event] = parse({ ...minimal, remoteNumber: ' +4790012345 ', remoteName: ' Ola ' });
    assert.equal(event?.remoteNumber, '+4790012345');
    assert.equal(event?.remoteName, 'Ola');
  });
});

describe('native dialect: malformed requests (400)', () => {
  const cases: [string, unknown, string | RegExp][] = [
    ['missing callId', { event: 'ringing', extension: '201' }, 'callId: missing'],
    ['missing event', { callId: 'c1' }, 'event: missing'],
    [
      'unknown event',
      { ...minimal, event: 'ring' },
      'event: expected one of "ringing", "dialing", "answered", "ended", "missed", got "ring"',
    ],
    ['short direction', { ...minimal, direction: 'in' }, 'direction: expected "inbound" or "outbound", got "in"'],
    ['empty callId', { ...minimal, callId: '  ' }, 'callId: empty'],
    ['object callId', { ...minimal, callId: { id: 1 } }, 'callId: expected a string, got an object'],
    ['fractional callId', { ...minimal, callId: 1.5 }, 'callId: expected a string, got a number'],
    [
      'numeric phone number',
      { ...minimal, remoteNumber: 4790012345 },
      'remoteNumber: expected a string; quote phone numbers so "+" and leading zeros survive',
    ],
    ['typo in a field name', { ...minimal, extention: '201' }, 'extention: unknown field (check the spelling)'],
    ['empty extensions list', { ...minimal, extension: undefined, extensions: [] }, 'extensions: empty list'],
    ['extensions not a list', { ...minimal, extension: undefined, extensions: '201' }, 'extensions: expected a list of extensions, got a string'],
    ['bad extension in list', { ...minimal, extension: undefined, extensions: ['201', true] }, 'extensions[1]: expected a string, got a boolean'],
    ['too long remoteName', { ...minimal, remoteName: 'x'.repeat(256) }, 'remoteName: longer than 255 characters'],
    ['legOnly as string', { ...minimal, event: 'ended', direction: 'inbound', legOnly: 'yes' }, 'legOnly: expected true or false, got a string'],
    [
      'time in epoch seconds',
      { ...minimal, time: 1714642200 },
      'time: looks like epoch seconds; send epoch milliseconds or an ISO 8601 time',
    ],
    ['time without zone', { ...minimal, time: '2024-05-02T09:30:00' }, 'time: ISO 8601 time needs a zone ("Z" or "+01:00")'],
    ['time not a date', { ...minimal, time: 'yesterday' }, 'time: expected an ISO 8601 time like "2024-05-02T09:30:00Z", got "yesterday"'],
    ['impossible date', { ...minimal, time: '2024-13-45T09:30:00Z' }, /^time: expected an ISO 8601 time/],
    ['time as boolean', { ...minimal, time: true }, 'time: expected an ISO 8601 string or epoch milliseconds, got a boolean'],
    ['negative time', { ...minimal, time: -5 }, 'time: expected whole epoch milliseconds'],
    ['answered without direction', { event: 'answered', callId: 'c1', extension: '201' }, 'direction: missing (required with "answered")'],
    ['ended without direction', { event: 'ended', callId: 'c1' }, 'direction: missing (required with "ended")'],
    ['dialing without extension', { event: 'dialing', callId: 'c1', remoteNumber: '+4790012345' }, 'extension: missing (required with "dialing": who places the call)'],
    ['legOnly without extension', { event: 'ended', callId: 'c1', direction: 'inbound', legOnly: true }, 'legOnly: needs "extension": whose leg ended'],
  ];
  for (const [name, body, message] of cases) {
    test(name, () => assertWebhookError(() => parse(body), 400, message));
  }

  test('several problems are listed together', () => {
    assertWebhookError(
      () => parse({ event: 'ringing', direction: 'sideways', extention: '1' }),
      400,
      'callId: missing; direction: expected "inbound" or "outbound", got "sideways"; extention: unknown field (check the spelling)',
    );
  });

  test('batch errors name the index', () => {
    assertWebhookError(
      () => parse([minimal, { ...minimal, direction: 'in' }]),
      400,
      '[1].direction: expected "inbound" or "outbound", got "in"',
    );
    assertWebhookError(() => parse([minimal, 'ringing']), 400, '[1]: expected an event object, got a string');
    assertWebhookError(() => parse([minimal, { event: 'answered', callId: 'x' }]), 400, '[1].direction: missing (required with "answered")');
  });

  test('empty and oversized batches', () => {
    assertWebhookError(() => parse([]), 400, 'body: empty list; send at least one event');
    assertWebhookError(() => parse(Array(101).fill(minimal)), 400, 'body: 101 events; at most 100 per request');
  });

  test('a body that is not JSON objects', () => {
    assertWebhookError(() => parse('"ringing"'), 400, /^body: expected a JSON event object/);
    assertWebhookError(() => parse(null), 400, /^body: expected a JSON event object/);
    const noBody = { ...jsonRequest(minimal), body: undefined, rawBody: Buffer.alloc(0) };
    assertWebhookError(() => parseWebhook(noBody, native), 400, /^body: expected a JSON event object/);
  });
});

describe('native dialect: contradictions (422)', () => {
  const cases: [string, unknown, string][] = [
    ['outbound ringing', { ...minimal, direction: 'outbound' }, 'direction: "ringing" is for inbound calls; an outbound call starts with "dialing"'],
    ['inbound dialing', { event: 'dialing', callId: 'c1', extension: '201', direction: 'inbound' }, 'direction: "dialing" is for outbound calls; an inbound call starts with "ringing"'],
    ['extension and extensions', { ...minimal, extensions: ['202'] }, 'extensions: give either "extension" or "extensions", not both'],
    ['extensions on answered', { event: 'answered', callId: 'c1', direction: 'inbound', extensions: ['201'] }, 'extensions: only allowed with "ringing"; other events name one "extension"'],
    ['cause on ringing', { ...minimal, cause: 'busy' }, 'cause: only allowed with "ended" or "missed"'],
    ['legOnly on answered', { event: 'answered', callId: 'c1', direction: 'inbound', extension: '201', legOnly: true }, 'legOnly: only allowed with "ended" or "missed"'],
    ['missed but completed', { event: 'missed', callId: 'c1', cause: 'completed' }, 'cause: "completed" contradicts "missed"; use "ended"'],
  ];
  for (const [name, body, message] of cases) {
    test(name, () => assertWebhookError(() => parse(body), 422, message));
  }

  test('batch contradictions name the index', () => {
    assertWebhookError(() => parse([minimal, { ...minimal, cause: 'busy' }]), 422, '[1].cause: only allowed with "ended" or "missed"');
  });
});

describe('native dialect: routing', () => {
  test('GET is refused with 405', () => {
    assertWebhookError(() => parseWebhook(getRequest('event=ringing&callId=1'), native), 405, 'GET not accepted: native sources take POST');
  });

  test('an event path segment is refused with 404', () => {
    assertWebhookError(
      () => parseWebhook(jsonRequest(minimal, { pathEvent: 'ringing' }), native),
      404,
      'native sources take no event in the path: send to /api/v1/hooks/crm-bridge',
    );
  });

  test('a form body with the same fields is read too', () => {
    const [event] = parseWebhook(formRequest('event=ringing&callId=c9&extension=201&remoteNumber=%2B4790012345'), native);
    assert.equal(event?.remoteNumber, '+4790012345');
    assert.equal(event?.callId, 'c9');
  });

  test('unknown options on the source are a configuration error (500)', () => {
    assertWebhookError(
      () => parseWebhook(jsonRequest(minimal), { ...native, options: { requireTimestamp: 'yes' } }),
      500,
      'native options: requireTimestamp: expected "true" or "false", got "yes"',
    );
  });
});
