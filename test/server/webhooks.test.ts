import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TestSocket, type TestServer } from '../support/server.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const hmac = (secret: string, body: string) => createHmac('sha256', secret).update(body).digest('hex');

/** Each dialect through the real endpoint, and every way a request can be wrong. */
describe('webhook sources over HTTP', () => {
  let server: TestServer;
  let kari: { id: number; token: string };

  before(async () => {
    server = await startTestServer({ SWITCHBOARD_NUMBERING_DEFAULT_REGION: 'DE' });
    kari = await server.user('kari', ['201', '+4921155500199'], { displayName: 'Kari Hansen' });
    await server.user('ola', ['202']);
  });
  after(() => server.close());

  const log = async (id: string) => (await server.api('GET', '/api/v1/calls?user=all', { token: await server.adminToken() })).body.calls.find((c: any) => c.id === id);

  test('native with HMAC: a signed batch is accepted; unsigned, wrongly signed or tampered bodies are not', async () => {
    const { secret } = await server.source('signed', 'native', { auth: 'hmac' });
    const body = JSON.stringify([
      { event: 'ringing', callId: 'h1', extension: '201', remoteNumber: '+4930123456', time: '2026-11-23T09:00:00Z' },
      { event: 'answered', callId: 'h1', direction: 'inbound', extension: '201', time: '2026-11-23T09:00:04Z' },
      { event: 'ended', callId: 'h1', direction: 'inbound', cause: 'completed', time: '2026-11-23T09:01:04Z' },
    ]);
    const signed = { 'content-type': 'application/json', 'x-switchboard-signature': `sha256=${hmac(secret, body)}` };
    const ok = await server.api('POST', '/api/v1/hooks/signed', { raw: body, headers: signed });
    assert.equal(ok.status, 202, JSON.stringify(ok.body));
    assert.deepEqual(ok.body, { accepted: 3, calls: ['signed:h1'] });
    const entry = await log('signed:h1');
    assert.equal(entry.outcome, 'answered');
    assert.equal(entry.ringMs, 4000);
    assert.equal(entry.talkMs, 60000);
    assert.equal(entry.remoteE164, '+4930123456');

    const unsigned = await server.api('POST', '/api/v1/hooks/signed', { raw: body, headers: { 'content-type': 'application/json' } });
    assert.equal(unsigned.status, 401);
    assert.match(unsigned.body.error.message, /signature/i);
    const wrong = await server.api('POST', '/api/v1/hooks/signed', { raw: body, headers: { ...signed, 'x-switchboard-signature': `sha256=${hmac('other', body)}` } });
    assert.equal(wrong.status, 401);
    const tampered = await server.api('POST', '/api/v1/hooks/signed', { raw: body.replace('201', '202'), headers: signed });
    assert.equal(tampered.status, 401);
    // A token is no substitute for the signature on an HMAC source.
    const token = await server.api('POST', '/api/v1/hooks/signed', { raw: body, token: secret, headers: { 'content-type': 'application/json' } });
    assert.equal(token.status, 401);
  });

  test('bad requests get a 4xx that says what is wrong, nothing is recorded, and the server stays up', async () => {
    const { secret } = await server.source('pbx', 'native');
    const post = (raw: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      server.api('POST', '/api/v1/hooks/pbx', { raw, token: secret, headers });

    const cases: [string, number, RegExp, Record<string, string>?][] = [
      ['{"event":"ringing",', 400, /JSON/],
      ['{"event":"ringing","extension":"201","remoteNumber":"+4930123456"}', 400, /callId/],
      ['{"event":"exploded","callId":"x","extension":"201"}', 400, /event/],
      ['{"event":"ringing","callId":"x","extension":"201","direction":"sideways"}', 400, /direction/],
      ['{"event":"ringing","callId":"x","extension":"999","remoteNumber":"+4930123456"}', 422, /unknown extension 999/],
      ['{"event":"ringing","callId":"x","extension":"201"}', 415, /content type/, { 'content-type': 'application/xml' }],
      ['[]', 400, /.+/],
    ];
    for (const [raw, status, message, headers] of cases) {
      const response = await post(raw, headers);
      assert.equal(response.status, status, `${raw} → ${JSON.stringify(response.body)}`);
      assert.match(response.body.error.message, message, raw);
    }
    assert.equal(await log('pbx:x'), undefined, 'nothing from the refused requests reached the call log');

    const noAuth = await server.api('POST', '/api/v1/hooks/pbx', { raw: '{"event":"ringing","callId":"y","extension":"201"}', headers: { 'content-type': 'application/json' } });
    assert.equal(noAuth.status, 401);
    const wrongToken = await server.api('POST', '/api/v1/hooks/pbx', { raw: '{"event":"ringing","callId":"y","extension":"201"}', token: 'guess', headers: { 'content-type': 'application/json' } });
    assert.equal(wrongToken.status, 401);
    const noSource = await server.api('POST', '/api/v1/hooks/nosuch', { raw: '{}', token: secret, headers: { 'content-type': 'application/json' } });
    assert.equal(noSource.status, 404);
    assert.match(noSource.body.error.message, /no webhook source named "nosuch"/);

    const health = await server.api('GET', '/api/v1/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
  });

  test('crmplus: a softphone calling one URL per event by GET, with its own parameter names', async () => {
    const { secret } = await server.source('phoner', 'crmplus', { options: { extensionParam: 'ext', numberParam: 'caller', callIdParam: 'uid' } });
    const socket = await TestSocket.connect(server.url, { token: kari.token });
    await socket.next((f) => f.type === 'hello');
    const q = `token=${encodeURIComponent(secret)}&ext=201&caller=0049301234567&uid=u-77`;
    assert.equal((await server.api('GET', `/api/v1/hooks/phoner/ringing?${q}`)).status, 202);
    const popup = await socket.next((f) => f.type === 'call' && f.call.id === 'phoner:u-77');
    assert.equal(popup.call.remoteNumber, '0049301234567');
    assert.equal((await server.api('GET', `/api/v1/hooks/phoner/connected?${q}`)).status, 202);
    assert.equal((await server.api('POST', `/api/v1/hooks/phoner/ended?token=${encodeURIComponent(secret)}`, { raw: 'ext=201&caller=0049301234567&uid=u-77', headers: form })).status, 202);
    const ended = await socket.next((f) => f.type === 'call' && f.call.id === 'phoner:u-77' && f.call.phase === 'ended');
    assert.equal(ended.call.outcome, 'answered');
    assert.equal((await log('phoner:u-77')).remoteE164, '+49301234567');
    socket.close();

    const missingParam = await server.api('GET', `/api/v1/hooks/phoner/ringing?token=${encodeURIComponent(secret)}&ext=201&caller=0301234567`);
    assert.equal(missingParam.status, 400);
    assert.match(missingParam.body.error.message, /uid/);
  });

  test('zammad / sipgate.io: form-encoded newCall to a DID, answered with the XML sipgate needs', async () => {
    const { secret } = await server.source('sipgate', 'zammad');
    const url = `/api/v1/hooks/sipgate?token=${encodeURIComponent(secret)}`;
    const newCall = await server.api('POST', url, {
      raw: 'event=newCall&from=4921155500100&to=4921155500199&direction=in&callId=7A3F&user[]=Kari+Hansen&user[]=Bob',
      headers: form,
    });
    assert.equal(newCall.status, 200);
    assert.match(newCall.headers.get('content-type') ?? '', /xml/);
    assert.match(String(newCall.body), /onAnswer="[^"]*\/api\/v1\/hooks\/sipgate\?token=/);
    const answer = await server.api('POST', url, { raw: 'event=answer&callId=7A3F&from=4921155500100&to=4921155500199&direction=in&user=Kari+Hansen', headers: form });
    assert.equal(answer.status, 202);
    const hangup = await server.api('POST', url, { raw: 'event=hangup&cause=normalClearing&callId=7A3F&from=4921155500100&to=4921155500199&direction=in', headers: form });
    assert.equal(hangup.status, 202);
    const entry = await log('sipgate:7A3F');
    assert.equal(entry.outcome, 'answered');
    assert.equal(entry.remoteE164, '+4921155500100');
    assert.equal(entry.answeredByUserId, kari.id);

    // A field named like an Object.prototype member is data, not a crash.
    const odd = await server.api('POST', url, { raw: 'event=newCall&constructor=x&__proto__=y&from=1&to=4921155500199&direction=in&callId=odd', headers: form });
    assert.ok(odd.status < 500, JSON.stringify(odd.body));
  });

  test('placetel: HMAC-signed form posts; a missed call is logged as missed', async () => {
    const { secret } = await server.source('placetel', 'placetel', { auth: 'hmac' });
    const send = (body: string, signature = hmac(secret, body)) =>
      server.api('POST', '/api/v1/hooks/placetel', { raw: body, headers: { ...form, 'x-placetel-signature': signature } });
    const incoming = 'event=IncomingCall&from=02212919199&to=201&call_id=pt1&peer=201&direction=in';
    assert.equal((await send(incoming)).status, 202);
    assert.equal((await send(incoming, hmac('wrong', incoming))).status, 401);
    assert.equal((await send('event=HungUp&from=02212919199&to=201&call_id=pt1&type=missed&duration=0&direction=in')).status, 202);
    const entry = await log('placetel:pt1');
    assert.equal(entry.outcome, 'missed');
    assert.equal(entry.remoteE164, '+492212919199');
  });
});
