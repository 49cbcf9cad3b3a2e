import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebhook } from '../../../../src/telephony/webhook/parse-webhook.js';
import { crmplusDialect } from '../../../../src/telephony/webhook/dialects/crmplus.js';
import { assertWebhookError, formRequest, getRequest, jsonRequest, RECEIVED_AT, source } from '../request-helpers.js';

const crm = source({ dialect: 'crmplus', name: 'softphones' });
/** A softphone whose URL templates use its own placeholders' names. */
const custom = source({
  dialect: 'crmplus',
  name: 'phoner',
  options: { extensionParam: 'ext', numberParam: 'caller', callIdParam: 'uid', directionParam: 'dir' },
});

describe('crmplus dialect: events from the path', () => {
  test('GET ringing with default parameter names', () => {
    const req = getRequest('extension=201&number=%2B4930123456&callid=abc-1&token=t', { pathEvent: 'ringing' });
    assert.deepEqual(parseWebhook(req, crm), [
      {
        source: 'softphones',
        callId: 'abc-1',
        kind: 'ringing',
        direction: 'inbound',
        at: RECEIVED_AT,
        extension: '201',
        remoteNumber: '+4930123456',
      },
    ]);
  });

  test('connected, ended and notanswered', () => {
    const query = 'extension=201&number=030123456&callid=abc-1';
    const kinds = ['connected', 'ended', 'notanswered'].map((pathEvent) => {
      const [event] = parseWebhook(getRequest(query, { pathEvent }), crm);
      return [event?.kind, event?.cause];
    });
    assert.deepEqual(kinds, [
      ['answered', undefined],
      ['ended', undefined],
      ['ended', 'noanswer'],
    ]);
  });

  test('event names are matched loosely (case, dashes, underscores) and aliases work', () => {
    const query = 'extension=201&callid=abc-1';
    for (const [pathEvent, kind] of [
      ['NotAnswered', 'ended'],
      ['not-answered', 'ended'],
      ['not_answered', 'ended'],
      ['Ringing', 'ringing'],
      ['answered', 'answered'],
      ['hangup', 'ended'],
      ['missed', 'ended'],
    ] as const) {
      assert.equal(parseWebhook(getRequest(query, { pathEvent }), crm)[0]?.kind, kind, pathEvent);
    }
  });

  test('dialing and outgoing start outbound calls', () => {
    for (const pathEvent of ['dialing', 'outgoing']) {
      const [event] = parseWebhook(getRequest('extension=202&number=004790012345&callid=o-9', { pathEvent }), crm);
      assert.equal(event?.kind, 'dialing');
      assert.equal(event?.direction, 'outbound');
      assert.equal(event?.extension, '202');
      assert.equal(event?.remoteNumber, '004790012345');
    }
  });

  test('ringing with direction=out is an outbound start; the direction word is case-insensitive', () => {
    for (const dir of ['out', 'outbound', 'OUTGOING']) {
      const [event] = parseWebhook(getRequest(`extension=202&callid=o-9&direction=${dir}`, { pathEvent: 'ringing' }), crm);
      assert.equal(event?.kind, 'dialing', dir);
      assert.equal(event?.direction, 'outbound', dir);
    }
  });

  test('the direction is carried on later events', () => {
    const [event] = parseWebhook(getRequest('extension=202&callid=o-9&direction=out', { pathEvent: 'connected' }), crm);
    assert.equal(event?.kind, 'answered');
    assert.equal(event?.direction, 'outbound');
    const [inbound] = parseWebhook(getRequest('extension=202&callid=o-9&direction=in', { pathEvent: 'ended' }), crm);
    assert.equal(inbound?.direction, 'inbound');
  });

  test('a caller name parameter is passed through', () => {
    const [event] = parseWebhook(getRequest('extension=201&callid=a&number=040112233&name=M%C3%BCller+GmbH', { pathEvent: 'ringing' }), crm);
    assert.equal(event?.remoteName, 'Müller GmbH');
  });

  test('an anonymous caller (empty number) is fine', () => {
    const [event] = parseWebhook(getRequest('extension=201&callid=a&number=', { pathEvent: 'ringing' }), crm);
    assert.equal(event?.remoteNumber, undefined);
    assert.equal(Object.hasOwn(event ?? {}, 'remoteNumber'), false);
  });
});

describe('crmplus dialect: GET vs POST and custom parameter names', () => {
  const expected = {
    source: 'phoner',
    callId: 'u-77',
    kind: 'ringing',
    direction: 'inbound',
    at: RECEIVED_AT,
    extension: '31',
    remoteNumber: '0049301234567',
  };

  test('GET with the parameters in the query string', () => {
    const req = getRequest('ext=31&caller=0049301234567&uid=u-77&token=t', { pathEvent: 'ringing' });
    assert.deepEqual(parseWebhook(req, custom), [expected]);
  });

  test('POST with a form body', () => {
    const req = formRequest('ext=31&caller=0049301234567&uid=u-77', { pathEvent: 'ringing', query: 'token=t' });
    assert.deepEqual(parseWebhook(req, custom), [expected]);
  });

  test('POST with a JSON body and a numeric extension', () => {
    const req = jsonRequest({ ext: 31, caller: '0049301234567', uid: 'u-77' }, { pathEvent: 'ringing' });
    assert.deepEqual(parseWebhook(req, custom), [expected]);
  });

  test('body parameters win over query parameters of the same name', () => {
    const req = formRequest('ext=31&caller=0049301234567&uid=u-77', { pathEvent: 'ringing', query: 'ext=99' });
    assert.equal(parseWebhook(req, custom)[0]?.extension, '31');
  });

  test('the custom direction parameter is read, the default name is not', () => {
    const req = getRequest('ext=31&uid=u-77&dir=out&direction=in', { pathEvent: 'ringing' });
    assert.equal(parseWebhook(req, custom)[0]?.direction, 'outbound');
  });

  test('default names are ignored once custom names are set', () => {
    assertWebhookError(
      () => parseWebhook(getRequest('extension=31&callid=u-77', { pathEvent: 'ringing' }), custom),
      400,
      'uid: missing',
    );
  });
});

describe('crmplus dialect: event parameter when the URL has no event segment', () => {
  test('event=… in the query', () => {
    const [event] = parseWebhook(getRequest('event=connected&extension=201&callid=a'), crm);
    assert.equal(event?.kind, 'answered');
  });

  test('a custom event parameter name', () => {
    const s = { ...crm, options: { eventParam: 'state' } };
    const [event] = parseWebhook(formRequest('state=notanswered&extension=201&callid=a'), s);
    assert.equal(event?.cause, 'noanswer');
  });

  test('the path segment wins over the parameter', () => {
    const [event] = parseWebhook(getRequest('event=ended&extension=201&callid=a', { pathEvent: 'ringing' }), crm);
    assert.equal(event?.kind, 'ringing');
  });
});

describe('crmplus dialect: malformed requests', () => {
  test('no event anywhere', () => {
    assertWebhookError(
      () => parseWebhook(getRequest('extension=201&callid=a'), crm),
      400,
      'event: missing; call /api/v1/hooks/softphones/ringing (or connected, ended, notanswered, dialing) or pass event=…',
    );
  });

  test('unknown event', () => {
    assertWebhookError(
      () => parseWebhook(getRequest('extension=201&callid=a', { pathEvent: 'klingelt' }), crm),
      400,
      'event: unknown "klingelt"; expected ringing, connected, ended, notanswered, dialing or outgoing',
    );
  });

  test('missing call id and missing extension name the configured parameter', () => {
    assertWebhookError(() => parseWebhook(getRequest('extension=201', { pathEvent: 'ringing' }), crm), 400, 'callid: missing');
    assertWebhookError(() => parseWebhook(getRequest('callid=a', { pathEvent: 'ringing' }), crm), 400, 'extension: missing');
    assertWebhookError(() => parseWebhook(getRequest('uid=a&ext=', { pathEvent: 'ringing' }), custom), 400, 'ext: missing');
  });

  test('a parameter given twice', () => {
    assertWebhookError(
      () => parseWebhook(getRequest('extension=201&callid=a&callid=b', { pathEvent: 'ringing' }), crm),
      400,
      'callid: given 2 times, expected once',
    );
  });

  test('an unreadable direction', () => {
    assertWebhookError(
      () => parseWebhook(getRequest('extension=201&callid=a&direction=sideways', { pathEvent: 'ringing' }), crm),
      400,
      'direction: expected "in" or "out", got "sideways"',
    );
  });

  test('dialing that says inbound is a contradiction (422)', () => {
    assertWebhookError(
      () => parseWebhook(getRequest('extension=201&callid=a&direction=in', { pathEvent: 'dialing' }), crm),
      422,
      'direction: says inbound, but "dialing" starts an outbound call',
    );
  });

  test('a JSON list as body', () => {
    assertWebhookError(
      () => parseWebhook(jsonRequest([{ extension: '201' }], { pathEvent: 'ringing' }), crm),
      400,
      'body: expected form fields (application/x-www-form-urlencoded) or a JSON object',
    );
  });

  test('a JSON value of the wrong type', () => {
    assertWebhookError(
      () => parseWebhook(jsonRequest({ extension: ['201'], callid: { id: 1 } }, { pathEvent: 'ringing' }), crm),
      400,
      'callid: expected text, got an object',
    );
  });

  test('an overlong value', () => {
    assertWebhookError(
      () => parseWebhook(getRequest(`extension=201&callid=${'a'.repeat(300)}`, { pathEvent: 'ringing' }), crm),
      400,
      'callid: longer than 255 characters',
    );
  });

  test('names of Object.prototype members are neither events nor parameters', () => {
    assertWebhookError(
      () => parseWebhook(getRequest('extension=201&callid=a', { pathEvent: 'constructor' }), crm),
      400,
      /^event: unknown "constructor"/,
    );
    const odd = { ...crm, options: { extensionParam: 'constructor' } };
    assertWebhookError(() => parseWebhook(getRequest('callid=a', { pathEvent: 'ringing' }), odd), 400, 'constructor: missing');
    assert.equal(parseWebhook(getRequest('callid=a&constructor=201', { pathEvent: 'ringing' }), odd)[0]?.extension, '201');
  });

  test('PUT is refused', () => {
    assertWebhookError(
      () => parseWebhook({ ...getRequest('extension=201&callid=a'), method: 'PUT' }, crm),
      405,
      'PUT not accepted: crmplus sources take GET or POST',
    );
  });
});

describe('crmplus dialect: options', () => {
  test('defaults are filled in', () => {
    assert.deepEqual(crmplusDialect.parseOptions({}), {
      extensionParam: 'extension',
      numberParam: 'number',
      callIdParam: 'callid',
      directionParam: 'direction',
      nameParam: 'name',
      eventParam: 'event',
    });
  });

  test('token is reserved, names must be distinct and plain, unknown options are refused', () => {
    assertWebhookError(
      () => crmplusDialect.parseOptions({ callIdParam: 'token' }),
      500,
      'crmplus options: callIdParam: "token" is reserved for authentication',
    );
    assertWebhookError(
      () => crmplusDialect.parseOptions({ numberParam: 'extension' }),
      500,
      'crmplus options: numberParam: "extension" is already used by extensionParam',
    );
    assertWebhookError(
      () => crmplusDialect.parseOptions({ numberParam: 'the number' }),
      500,
      /^crmplus options: numberParam: expected a parameter name/,
    );
    assertWebhookError(() => crmplusDialect.parseOptions({ extParam: 'x' }), 500, 'crmplus options: extParam: unknown field (check the spelling)');
  });

  test('a source with bad options fails parse with 500, not 400', () => {
    assertWebhookError(
      () => parseWebhook(getRequest('extension=201&callid=a', { pathEvent: 'ringing' }), { ...crm, options: { callIdParam: 'token' } }),
      500,
      /^crmplus options:/,
    );
  });
});
