import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebhook } from '../../../../src/telephony/webhook/parse-webhook.js';
import { assertWebhookError, fixture, formRequest, jsonRequest, RECEIVED_AT, source } from '../request-helpers.js';

const placetel = source({ dialect: 'placetel', name: 'placetel', auth: 'hmac' });
const stripped = { ...placetel, options: { sipDomain: 'strip' } };
const CALL_ID = 'f4591ba315d81671d7a06c2a3b4f963dafd119de39cb26edd8a6476676b2f447';
const OUT_CALL_ID = '0b2e6c1c7f9d4a7e8e5b0c3d2a1f6e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a39';

const parse = (name: string, s = placetel) => parseWebhook(formRequest(fixture(`placetel/${name}`)), s);

describe('placetel dialect: inbound call', () => {
  test('IncomingCall rings the called number', () => {
    assert.deepEqual(parse('incoming.form'), [
      {
        source: 'placetel',
        callId: CALL_ID,
        kind: 'ringing',
        direction: 'inbound',
        at: RECEIVED_AT,
        extension: '022199998560',
        remoteNumber: '022129191999',
        localNumber: '022199998560',
      },
    ]);
  });

  test('CallAccepted: the peer is the answering extension', () => {
    const [event] = parse('accepted.form');
    assert.equal(event?.kind, 'answered');
    assert.equal(event?.direction, 'inbound');
    assert.equal(event?.extension, '7777abcdefg@fpbx.de');
  });

  test('sipDomain=strip turns the SIP peer into a bare user', () => {
    assert.equal(parse('accepted.form', stripped)[0]?.extension, '7777abcdefg');
  });

  test('HungUp accepted is completed; inbound gets no synthetic answer', () => {
    const events = parse('hungup-in-accepted.form');
    assert.equal(events.length, 1);
    assert.equal(events[0]?.kind, 'ended');
    assert.equal(events[0]?.cause, 'completed');
    assert.equal(events[0]?.causeText, 'accepted');
  });

  test('HungUp missed is noanswer', () => {
    const [event] = parse('hungup-in-missed.form');
    assert.equal(event?.cause, 'noanswer');
    assert.equal(event?.extension, '022199998560');
  });
});

describe('placetel dialect: outbound call', () => {
  test('OutgoingCall: peer is the extension, from the presented caller id', () => {
    assert.deepEqual(parse('outgoing.form'), [
      {
        source: 'placetel',
        callId: OUT_CALL_ID,
        kind: 'dialing',
        direction: 'outbound',
        at: RECEIVED_AT,
        extension: '7777abcdefg@fpbx.de',
        remoteNumber: '015799912345',
        localNumber: '022199998560',
      },
    ]);
  });

  test('OutgoingCall without peer (older format): from is the SIP user', () => {
    const req = formRequest(`event=OutgoingCall&from=7777abcdefg%40fpbx.de&to=015799912345&call_id=${OUT_CALL_ID}&direction=out`);
    const [event] = parseWebhook(req, stripped);
    assert.equal(event?.extension, '7777abcdefg');
    assert.equal(event?.localNumber, undefined);
  });

  test('HungUp accepted with a duration yields the answer Placetel never sent, then the end', () => {
    const events = parse('hungup-out-accepted.form');
    assert.deepEqual(
      events.map((e) => [e.kind, e.at, e.cause, e.extension]),
      [
        ['answered', RECEIVED_AT - 42_000, undefined, '022199998560'],
        ['ended', RECEIVED_AT, 'completed', '022199998560'],
      ],
    );
  });

  test('outbound HungUp with duration 0 yields only the end', () => {
    const req = formRequest(`event=HungUp&from=022199998560&to=015799912345&call_id=${OUT_CALL_ID}&type=busy&duration=0&direction=out`);
    const events = parseWebhook(req, placetel);
    assert.deepEqual(events.map((e) => [e.kind, e.cause]), [['ended', 'busy']]);
  });
});

describe('placetel dialect: hangup types', () => {
  const cases: [string, string][] = [
    ['accepted', 'completed'],
    ['missed', 'noanswer'],
    ['voicemail', 'voicemail'],
    ['blocked', 'rejected'],
    ['busy', 'busy'],
    ['canceled', 'cancelled'],
    ['unavailable', 'failed'],
    ['congestion', 'failed'],
    ['teleported', 'unknown'],
    ['toString', 'unknown'],
  ];
  for (const [type, cause] of cases) {
    test(`${type} → ${cause}`, () => {
      const req = formRequest(`event=HungUp&from=022129191999&to=022199998560&call_id=${CALL_ID}&type=${type}&duration=0&direction=in`);
      const [event] = parseWebhook(req, placetel);
      assert.equal(event?.cause, cause);
      assert.equal(event?.causeText, type);
    });
  }

  test('HungUp without direction (older format) is taken as inbound', () => {
    const req = formRequest(`event=HungUp&from=022129191999&to=022199998560&call_id=${CALL_ID}&type=missed`);
    assert.equal(parseWebhook(req, placetel)[0]?.direction, 'inbound');
  });
});

describe('placetel dialect: malformed requests', () => {
  const cases: [string, string, number, string][] = [
    ['missing event', `call_id=${CALL_ID}&from=1&to=2`, 400, 'event: missing'],
    [
      'unknown event',
      `event=CallRinging&call_id=${CALL_ID}`,
      400,
      'event: unknown "CallRinging"; expected "IncomingCall", "OutgoingCall", "CallAccepted" or "HungUp"',
    ],
    ['missing call_id', 'event=IncomingCall&from=022129191999&to=022199998560', 400, 'call_id: missing'],
    ['camelCase callId is not call_id', `event=IncomingCall&callId=${CALL_ID}&from=1&to=2`, 400, 'call_id: missing'],
    ['IncomingCall without to', `event=IncomingCall&call_id=${CALL_ID}&from=022129191999`, 400, 'to: missing'],
    ['OutgoingCall without from', `event=OutgoingCall&call_id=${CALL_ID}&to=022129191999`, 400, 'from: missing'],
    ['bad duration', `event=HungUp&call_id=${CALL_ID}&type=accepted&duration=ten&direction=out`, 400, 'duration: expected whole seconds, got "ten"'],
    ['bad direction', `event=HungUp&call_id=${CALL_ID}&type=missed&direction=up`, 400, 'direction: expected "in" or "out", got "up"'],
    [
      'direction contradicting the event',
      `event=IncomingCall&call_id=${CALL_ID}&from=1&to=2&direction=out`,
      422,
      'direction: "out" contradicts event IncomingCall, which is inbound',
    ],
  ];
  for (const [name, body, status, message] of cases) {
    test(name, () => assertWebhookError(() => parseWebhook(formRequest(body), placetel), status, message));
  }

  test('an inherited property name is not an event', () => {
    assertWebhookError(
      () => parseWebhook(formRequest(`event=toString&call_id=${CALL_ID}`), placetel),
      400,
      /^event: unknown "toString"/,
    );
  });

  test('a JSON list body', () => {
    assertWebhookError(() => parseWebhook(jsonRequest([]), placetel), 400, /^body: expected form fields/);
  });

  test('an event path segment is refused', () => {
    assertWebhookError(
      () => parseWebhook(formRequest(fixture('placetel/incoming.form'), { pathEvent: 'incoming' }), placetel),
      404,
      'placetel sources take no event in the path: send to /api/v1/hooks/placetel',
    );
  });
});
