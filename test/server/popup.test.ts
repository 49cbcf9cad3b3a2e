import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TestSocket, type TestServer } from '../support/server.js';

/** From a webhook to the popup on every screen that should show it, and only those. */
describe('popups over WebSocket', () => {
  let server: TestServer;
  let kari: { id: number; token: string };
  let ola: { id: number; token: string };
  let per: { id: number; token: string };
  let secret: string;
  let seq = 0;

  const post = (body: unknown) => server.api('POST', '/api/v1/hooks/pbx', { token: secret, body });
  const newCallId = () => `c${++seq}-${Date.now()}`;

  before(async () => {
    server = await startTestServer();
    kari = await server.user('kari', ['201'], { displayName: 'Kari Hansen' });
    ola = await server.user('ola', ['202'], { displayName: 'Ola Berg' });
    per = await server.user('per', ['203'], { displayName: 'Per Lie' });
    ({ secret } = await server.source('pbx', 'native'));
    const admin = await server.adminToken();
    const created = await server.api('POST', '/api/v1/contacts', {
      token: admin,
      body: { name: 'Nordmann Rør AS', company: 'Nordmann Rør', numbers: [{ type: 'work', number: '22 33 44 55' }], visibility: 'central' },
    });
    assert.equal(created.status, 201);
  });
  after(() => server.close());

  test('the ringing user gets the number at once, then the identified name', async () => {
    const socket = await TestSocket.connect(server.url, { token: kari.token });
    await socket.next((f) => f.type === 'hello');
    const callId = newCallId();
    const sent = Date.now();
    const response = await post({ event: 'ringing', callId, direction: 'inbound', extension: '201', remoteNumber: '+4722334455' });
    assert.equal(response.status, 202);

    const first = await socket.next((f) => f.type === 'call' && f.call.id === `pbx:${callId}`);
    assert.equal(first.call.remoteNumber, '+4722334455');
    assert.equal(first.call.phase, 'ringing');
    assert.equal(first.call.mine.extension, '201');
    const named = await socket.next((f) => f.type === 'call' && f.call.id === `pbx:${callId}` && f.call.identity);
    assert.equal(named.call.identity.name, 'Nordmann Rør AS');
    assert.equal(named.call.identity.source, 'central');
    assert.ok(Date.now() - sent < 1000, 'popup within a second');
    // Progressive: no frame before the named one claimed an identity it did not have.
    const frames = socket.callFrames(`pbx:${callId}`);
    assert.equal(frames[0].identity, null);
    assert.equal(frames[0].identifying, true);
    await post({ event: 'missed', callId, direction: 'inbound', cause: 'cancelled' });
    socket.close();
  });

  test('a ring group: both get the popup, one answers, the other sees who', async () => {
    const kariSocket = await TestSocket.connect(server.url, { token: kari.token });
    const olaSocket = await TestSocket.connect(server.url, { token: ola.token });
    const perSocket = await TestSocket.connect(server.url, { token: per.token });
    await Promise.all([kariSocket, olaSocket, perSocket].map((s) => s.next((f) => f.type === 'hello')));
    const callId = newCallId();
    const id = `pbx:${callId}`;

    assert.equal((await post({ event: 'ringing', callId, direction: 'inbound', extensions: ['201', '202'], remoteNumber: '+4722334455', queue: 'support' })).status, 202);
    const kariRing = await kariSocket.next((f) => f.type === 'call' && f.call.id === id);
    const olaRing = await olaSocket.next((f) => f.type === 'call' && f.call.id === id);
    assert.equal(kariRing.call.queue, 'support');
    assert.equal(kariRing.call.mine.extension, '201');
    assert.equal(olaRing.call.mine.extension, '202');

    assert.equal((await post({ event: 'answered', callId, direction: 'inbound', extension: '202' })).status, 202);
    const kariClosed = await kariSocket.next((f) => f.type === 'call' && f.call.id === id && f.call.answeredBy);
    assert.deepEqual(kariClosed.call.answeredBy, { extension: '202', userId: ola.id, userName: 'Ola Berg' });
    assert.equal(kariClosed.call.mine.state, 'ended');
    assert.equal(kariClosed.call.mine.cause, 'answered_elsewhere');
    const olaAnswered = await olaSocket.next((f) => f.type === 'call' && f.call.id === id && f.call.phase === 'answered');
    assert.equal(olaAnswered.call.mine.state, 'answered');

    assert.equal((await post({ event: 'ended', callId, direction: 'inbound', cause: 'completed' })).status, 202);
    const ended = await olaSocket.next((f) => f.type === 'call' && f.call.id === id && f.call.phase === 'ended');
    assert.equal(ended.call.outcome, 'answered');

    // Per's extension was not involved: nothing about this call reached him.
    await kariSocket.next((f) => f.type === 'call' && f.call.id === id && f.call.phase === 'ended');
    assert.equal(perSocket.callFrames(id).length, 0);

    // The call log: Kari and Ola both have it; Per does not.
    const kariLog = await server.api('GET', '/api/v1/calls', { token: kari.token });
    const entry = kariLog.body.calls.find((c: any) => c.id === id);
    assert.equal(entry.outcome, 'answered');
    assert.equal(entry.answeredBy, '202');
    assert.equal(entry.mine.answered, false);
    assert.equal(entry.identity.name, 'Nordmann Rør AS');
    const perLog = await server.api('GET', '/api/v1/calls', { token: per.token });
    assert.equal(perLog.body.calls.some((c: any) => c.id === id), false);
    [kariSocket, olaSocket, perSocket].forEach((s) => s.close());
  });

  test('every session of a user gets the popup, and a late tab gets the call in its hello', async () => {
    const tab1 = await TestSocket.connect(server.url, { token: kari.token });
    const tab2 = await TestSocket.connect(server.url, { token: kari.token });
    await Promise.all([tab1.next((f) => f.type === 'hello'), tab2.next((f) => f.type === 'hello')]);
    const callId = newCallId();
    const id = `pbx:${callId}`;
    await post({ event: 'ringing', callId, direction: 'inbound', extension: '201', remoteNumber: '004722334455' });
    await tab1.next((f) => f.type === 'call' && f.call.id === id && f.call.identity);
    await tab2.next((f) => f.type === 'call' && f.call.id === id && f.call.identity);

    const tab3 = await TestSocket.connect(server.url, { token: kari.token });
    const hello = await tab3.next((f) => f.type === 'hello');
    const current = hello.calls.find((c: any) => c.id === id);
    assert.ok(current, 'the ringing call is in the hello frame');
    assert.equal(current.identity.name, 'Nordmann Rør AS');
    assert.equal(current.phase, 'ringing');

    await post({ event: 'missed', callId, direction: 'inbound' });
    for (const tab of [tab1, tab2, tab3]) {
      const missed = await tab.next((f) => f.type === 'call' && f.call.id === id && f.call.phase === 'ended');
      assert.equal(missed.call.outcome, 'missed');
      tab.close();
    }
    const missedList = await server.api('GET', '/api/v1/calls/missed', { token: kari.token });
    assert.ok(missedList.body.calls.some((c: any) => c.id === id));
  });

  test('a private contact names the caller only for its owner', async () => {
    const mine = await server.api('POST', '/api/v1/contacts', {
      token: kari.token,
      body: { name: 'Mor', numbers: [{ type: 'mobile', number: '+47 912 34 567' }], visibility: 'private' },
    });
    assert.equal(mine.status, 201);
    const kariSocket = await TestSocket.connect(server.url, { token: kari.token });
    const olaSocket = await TestSocket.connect(server.url, { token: ola.token });
    await Promise.all([kariSocket.next((f) => f.type === 'hello'), olaSocket.next((f) => f.type === 'hello')]);
    const callId = newCallId();
    const id = `pbx:${callId}`;
    await post({ event: 'ringing', callId, direction: 'inbound', extensions: ['201', '202'], remoteNumber: '+4791234567' });
    const kariNamed = await kariSocket.next((f) => f.type === 'call' && f.call.id === id && f.call.identity);
    assert.equal(kariNamed.call.identity.name, 'Mor');
    assert.equal(kariNamed.call.identity.source, 'private');
    await olaSocket.next((f) => f.type === 'call' && f.call.id === id && !f.call.identifying);
    await post({ event: 'missed', callId, direction: 'inbound' });
    await olaSocket.next((f) => f.type === 'call' && f.call.id === id && f.call.phase === 'ended');
    assert.equal(olaSocket.callFrames(id).some((c) => c.identity !== null), false, 'Ola never saw Kari\'s private contact');
    // Nor does Ola's call log, nor the admin's report.
    const olaEntry = (await server.api('GET', '/api/v1/calls', { token: ola.token })).body.calls.find((c: any) => c.id === id);
    assert.equal(olaEntry.identity, null);
    const adminEntry = (await server.api('GET', '/api/v1/calls?user=all', { token: await server.adminToken() })).body.calls.find((c: any) => c.id === id);
    assert.equal(adminEntry.identity, null);
    const kariEntry = (await server.api('GET', '/api/v1/calls', { token: kari.token })).body.calls.find((c: any) => c.id === id);
    assert.equal(kariEntry.identity.name, 'Mor');
    kariSocket.close();
    olaSocket.close();
  });

  test('a colleague calling from their extension is named from the user list', async () => {
    const socket = await TestSocket.connect(server.url, { token: kari.token });
    await socket.next((f) => f.type === 'hello');
    const callId = newCallId();
    await post({ event: 'ringing', callId, direction: 'inbound', extension: '201', remoteNumber: '203' });
    const named = await socket.next((f) => f.type === 'call' && f.call.id === `pbx:${callId}` && f.call.identity);
    assert.equal(named.call.identity.name, 'Per Lie');
    assert.equal(named.call.identity.source, 'users');
    await post({ event: 'missed', callId, direction: 'inbound' });
    socket.close();
  });

  test('admins can watch every call; users cannot', async () => {
    const adminSocket = await TestSocket.connect(server.url, { token: await server.adminToken(), query: '?all=1' });
    const hello = await adminSocket.next((f) => f.type === 'hello');
    assert.equal(hello.watchAll, true);
    const userSocket = await TestSocket.connect(server.url, { token: per.token });
    await userSocket.next((f) => f.type === 'hello');
    userSocket.send({ type: 'watch', all: true });
    const refused = await userSocket.next((f) => f.type === 'error');
    assert.match(refused.message, /only admins/);

    const callId = newCallId();
    await post({ event: 'ringing', callId, direction: 'inbound', extension: '202', remoteNumber: '+4722334455' });
    const seen = await adminSocket.next((f) => f.type === 'call' && f.call.id === `pbx:${callId}` && f.call.identity);
    assert.equal(seen.call.identity.name, 'Nordmann Rør AS');
    assert.equal(seen.call.mine, null);
    await post({ event: 'missed', callId, direction: 'inbound' });
    await adminSocket.next((f) => f.type === 'call' && f.call.id === `pbx:${callId}` && f.call.phase === 'ended');
    assert.equal(userSocket.callFrames(`pbx:${callId}`).length, 0);
    adminSocket.close();
    userSocket.close();
  });

  test('sockets without valid credentials are refused, and a foreign page cannot ride the cookie', async () => {
    const anonymous = await TestSocket.connect(server.url);
    await anonymous.next((f) => f.type === 'error');
    await new Promise((resolve) => anonymous.ws.once('close', resolve));
    assert.equal(anonymous.closed?.code, 4401);

    const badToken = await TestSocket.connect(server.url, { token: 'sbt_not-a-token' });
    await new Promise((resolve) => badToken.ws.once('close', resolve));
    assert.equal(badToken.closed?.code, 4401);

    const login = await server.api('POST', '/api/v1/auth/login', { body: { username: 'kari', password: 'kari-password' } });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const own = await TestSocket.connect(server.url, { cookie, origin: server.url });
    const hello = await own.next((f) => f.type === 'hello');
    assert.equal(hello.user.username, 'kari');
    own.close();
    const foreign = await TestSocket.connect(server.url, { cookie, origin: 'https://evil.example' });
    await new Promise((resolve) => foreign.ws.once('close', resolve));
    assert.equal(foreign.closed?.code, 4401);
    assert.equal(foreign.frames.some((f) => f.type === 'hello'), false);
  });
});
