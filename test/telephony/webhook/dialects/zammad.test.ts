import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebhook } from '../../../../src/telephony/webhook/parse-webhook.js';
import { assertWebhookError, fixture, formRequest, getRequest, jsonRequest, RECEIVED_AT, source } from '../request-helpers.js';

const zammad = source({ dialect: 'zammad', name: 'sipgate' });
const byUserId = { ...zammad, options: { extensionField: 'userId' } };
const byUser = { ...zammad, options: { extensionField: 'user' } };

const form = (name: string) => formRequest(fixture(`zammad/${name}`));
const json = (name: string) => jsonRequest(fixture(`zammad/${name}`));

describe('zammad dialect: sipgate.io form posts', () => {
  test('newCall to a group rings the dialed number', () => {
    assert.deepEqual(parseWebhook(form('sipgate-newcall-group.form'), zammad), [
      {
        source: 'sipgate',
        callId: '7A3F0E2C11',
        kind: 'ringing',
        direction: 'inbound',
        at: RECEIVED_AT,
        extension: '4921155500199',
        remoteNumber: '+4921155500100',
        localNumber: '4921155500199',
      },
    ]);
  });

  test('answer: answeringNumber is the answering extension', () => {
    const [event] = parseWebhook(form('sipgate-answer.form'), zammad);
    assert.equal(event?.kind, 'answered');
    assert.equal(event?.extension, '4921155500102');
    assert.equal(event?.remoteNumber, '+4921155500100');
  });

  test('hangup with normalClearing is completed', () => {
    const [event] = parseWebhook(form('sipgate-hangup.form'), zammad);
    assert.equal(event?.kind, 'ended');
    assert.equal(event?.cause, 'completed');
    assert.equal(event?.causeText, 'normalClearing');
    assert.equal(event?.extension, '4921155500102');
  });

  test('dtmf events carry no call state and yield nothing', () => {
    assert.deepEqual(parseWebhook(form('sipgate-dtmf.form'), zammad), []);
  });

  test('repeated userId[] keys ring each user when routing on user ids', () => {
    const [event] = parseWebhook(form('sipgate-newcall-group.form'), byUserId);
    assert.deepEqual(event?.extensions, ['w0', 'w1']);
    assert.equal(event?.extension, undefined);
  });

  test('repeated user[] keys ring each user by name', () => {
    const [event] = parseWebhook(form('sipgate-newcall-group.form'), byUser);
    assert.deepEqual(event?.extensions, ['Alice Meyer', 'Bob Schulz']);
  });

  test('answer with the singular userId names the answering user', () => {
    const [event] = parseWebhook(form('sipgate-answer.form'), byUserId);
    assert.equal(event?.extension, 'w1');
  });

  test('fullUserId routing', () => {
    const [event] = parseWebhook(form('sipgate-newcall-group.form'), { ...zammad, options: { extensionField: 'fullUserId' } });
    assert.deepEqual(event?.extensions, ['1234567w0', '1234567w1']);
  });

  test('a single user[] is the extension, not a one-item group', () => {
    const req = formRequest('event=newCall&from=4930111&to=4930222&direction=in&callId=x1&userId%5B%5D=w3');
    const [event] = parseWebhook(req, byUserId);
    assert.equal(event?.extension, 'w3');
    assert.equal(event?.extensions, undefined);
  });

  test('with user routing but no user fields, the number is used', () => {
    const [event] = parseWebhook(form('sipgate-hangup.form'), byUserId);
    assert.equal(event?.extension, '4921155500102');
  });
});

describe('zammad dialect: Zammad JSON posts', () => {
  test('outbound newCall: the calling number is the extension', () => {
    assert.deepEqual(parseWebhook(json('newcall-out.json'), zammad), [
      {
        source: 'sipgate',
        callId: 'f4ebd2be-7b9a-4d58-94c2-eb06a3c2ce76',
        kind: 'dialing',
        direction: 'outbound',
        at: RECEIVED_AT,
        extension: '493023125741',
        remoteNumber: '+492214710334',
        localNumber: '493023125741',
      },
    ]);
  });

  test('inbound newCall with a queue and a user list', () => {
    const [event] = parseWebhook(json('newcall-in-queue.json'), zammad);
    assert.equal(event?.kind, 'ringing');
    assert.equal(event?.queue, 'helpdesk');
    assert.equal(event?.extension, '492214710334');
    const [byName] = parseWebhook(json('newcall-in-queue.json'), byUser);
    assert.deepEqual(byName?.extensions, ['Christopher Miller', 'Emma Taylor']);
  });

  test('answer inbound', () => {
    const [event] = parseWebhook(json('answer-in.json'), zammad);
    assert.equal(event?.kind, 'answered');
    assert.equal(event?.extension, '214');
  });

  test('answer without answeringNumber falls back to the dialed number', () => {
    const req = jsonRequest({ event: 'answer', from: '4930111', to: '4930222', direction: 'in', callId: 'x' });
    assert.equal(parseWebhook(req, zammad)[0]?.extension, '4930222');
  });

  test('outbound hangup with cancel', () => {
    const [event] = parseWebhook(json('hangup-out-cancel.json'), zammad);
    assert.equal(event?.kind, 'ended');
    assert.equal(event?.direction, 'outbound');
    assert.equal(event?.extension, '493023125741');
    assert.equal(event?.remoteNumber, '+492214710334');
    assert.equal(event?.cause, 'cancelled');
  });

  test('a numeric callId is taken as text', () => {
    const req = jsonRequest({ event: 'newCall', from: '4930111', to: '4930222', direction: 'in', callId: 123456789 });
    assert.equal(parseWebhook(req, zammad)[0]?.callId, '123456789');
  });

  test('event and direction are case-insensitive', () => {
    const req = formRequest('event=NEWCALL&from=4930111&to=4930222&direction=OUT&callId=x');
    const [event] = parseWebhook(req, zammad);
    assert.equal(event?.kind, 'dialing');
  });

  test('anonymous callers keep "anonymous" as the number (identification decides)', () => {
    const req = formRequest('event=newCall&from=anonymous&to=4930222&direction=in&callId=x');
    assert.equal(parseWebhook(req, zammad)[0]?.remoteNumber, 'anonymous');
  });
});

describe('zammad dialect: hangup causes', () => {
  const cases: [string, string][] = [
    ['normalClearing', 'completed'],
    ['busy', 'busy'],
    ['cancel', 'cancelled'],
    ['noAnswer', 'rejected'],
    ['congestion', 'failed'],
    ['notFound', 'failed'],
    ['forwarded', 'answered_elsewhere'],
    ['somethingNew', 'unknown'],
    ['constructor', 'unknown'],
    ['NORMALCLEARING', 'completed'],
  ];
  for (const [cause, expected] of cases) {
    test(`${cause} → ${expected}`, () => {
      const req = formRequest(`event=hangup&cause=${cause}&callId=x&from=4930111&to=4930222&direction=in`);
      const [event] = parseWebhook(req, zammad);
      assert.equal(event?.cause, expected);
      assert.equal(event?.causeText, cause);
    });
  }

  test('no cause: neither cause nor causeText', () => {
    const [event] = parseWebhook(formRequest('event=hangup&callId=x&direction=in'), zammad);
    assert.equal(Object.hasOwn(event ?? {}, 'cause'), false);
    assert.equal(Object.hasOwn(event ?? {}, 'causeText'), false);
  });
});

describe('zammad dialect: malformed requests', () => {
  const cases: [string, string, string][] = [
    ['missing event', 'callId=x&direction=in', 'event: missing'],
    ['unknown event', 'event=ringing&callId=x&direction=in', 'event: unknown "ringing"; expected "newCall", "answer" or "hangup"'],
    ['missing callId', 'event=answer&direction=in', 'callId: missing'],
    ['missing direction', 'event=answer&callId=x', 'direction: missing'],
    ['bad direction', 'event=answer&callId=x&direction=both', 'direction: expected "in" or "out", got "both"'],
    ['newCall without from', 'event=newCall&callId=x&direction=in&to=4930222', 'from: missing'],
    ['newCall without to', 'event=newCall&callId=x&direction=in&from=4930111', 'to: missing'],
    ['callId twice', 'event=answer&callId=x&callId=y&direction=in', 'callId: given 2 times, expected once'],
  ];
  for (const [name, body, message] of cases) {
    test(name, () => assertWebhookError(() => parseWebhook(formRequest(body), zammad), 400, message));
  }

  test('a JSON field of the wrong type', () => {
    const req = jsonRequest({ event: 'newCall', from: '4930111', to: true, direction: 'in', callId: 'x' });
    assertWebhookError(() => parseWebhook(req, zammad), 400, 'to: expected text, got a boolean');
  });

  test('no body at all', () => {
    assertWebhookError(() => parseWebhook({ ...formRequest(''), body: undefined }, zammad), 400, 'event: missing');
  });

  test('GET is refused (the format is POST only)', () => {
    assertWebhookError(() => parseWebhook(getRequest('event=newCall'), zammad), 405, 'GET not accepted: zammad sources take POST');
  });

  test('unknown extensionField option is a configuration error', () => {
    assertWebhookError(
      () => parseWebhook(form('sipgate-answer.form'), { ...zammad, options: { extensionField: 'login' } }),
      500,
      'zammad options: extensionField: expected one of "number", "user", "userId", "fullUserId", got "login"',
    );
  });
});

describe('zammad dialect: number format', () => {
  test('international digits get their "+"; national numbers and words stay as sent', () => {
    const numberOf = (from: string, options: Record<string, string> = {}) =>
      parseWebhook(formRequest(`event=newCall&from=${from}&to=201&direction=in&callId=n`), source({ dialect: 'zammad', name: 's', options }))[0]?.remoteNumber;
    assert.equal(numberOf('4921155500100'), '+4921155500100');
    assert.equal(numberOf('021155500100'), '021155500100');
    assert.equal(numberOf('anonymous'), 'anonymous');
    assert.equal(numberOf('4921155500100', { numberFormat: 'asis' }), '4921155500100');
  });
});
