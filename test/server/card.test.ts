import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sleep, startTestServer, type TestServer } from '../support/server.js';

const BASE = Date.parse('2024-05-02T08:00:00Z');
const HOUR = 3_600_000;

/** GET /card?number=: everything about one number that the asking user may know. */
describe('customer card', () => {
  let server: TestServer;
  let admin: string;
  let kari: { id: number; token: string };
  let ola: { id: number; token: string };
  let hook: Awaited<ReturnType<TestServer['pbx']>>;

  const card = async (token: string, number: string) => {
    const response = await server.api('GET', `/api/v1/card?number=${encodeURIComponent(number)}`, { token });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body;
  };
  const contact = async (token: string, body: unknown) => assert.equal((await server.api('POST', '/api/v1/contacts', { token, body })).status, 201);
  const note = async (token: string, callId: string, text: string) =>
    assert.equal((await server.api('POST', `/api/v1/calls/${callId}/notes`, { token, body: { text } })).status, 201);

  before(async () => {
    server = await startTestServer();
    admin = await server.adminToken();
    kari = await server.user('kari', ['201'], { displayName: 'Kari Hansen' });
    ola = await server.user('ola', ['202'], { displayName: 'Ola Berg' });
    hook = await server.pbx();

    await contact(kari.token, { name: 'Karis Rørlegger', numbers: [{ type: 'mobile', number: '+47 22 33 44 55' }], visibility: 'private' });
    await contact(ola.token, { name: 'Olas Rørlegger', numbers: [{ type: 'work', number: '22334455' }], visibility: 'private' });
    await contact(admin, { name: 'Nordmann Rør AS', numbers: [{ type: 'work', number: '0047 22 33 44 55' }], visibility: 'central' });
    await contact(admin, { name: 'Somebody Else', numbers: [{ type: 'work', number: '+47 900 12 345' }], visibility: 'central' });

    // c1: the number calls Kari; c2: the same number (another spelling) calls Ola; c3: another number calls Kari.
    await hook([
      { event: 'ringing', callId: 'c1', extension: '201', remoteNumber: '+4722334455', time: BASE },
      { event: 'answered', callId: 'c1', direction: 'inbound', extension: '201', time: BASE + 5_000 },
      { event: 'ended', callId: 'c1', direction: 'inbound', extension: '201', time: BASE + 65_000 },
    ]);
    await hook([
      { event: 'ringing', callId: 'c2', extension: '202', remoteNumber: '004722334455', time: BASE + HOUR },
      { event: 'missed', callId: 'c2', extension: '202', time: BASE + HOUR + 9_000 },
    ]);
    await hook([
      { event: 'ringing', callId: 'c3', extension: '201', remoteNumber: '+4790012345', time: BASE + 2 * HOUR },
      { event: 'missed', callId: 'c3', extension: '201', time: BASE + 2 * HOUR + 9_000 },
    ]);
    await note(kari.token, 'pbx:c1', 'Wants a quote for the bathroom');
    await sleep(2);
    await note(ola.token, 'pbx:c2', 'Called back, no answer');
    await note(kari.token, 'pbx:c3', 'Not about this number');
  });
  after(() => server.close());

  test("a user's card: their identity, the contacts they may see, their calls and the notes on them", async () => {
    const body = await card(kari.token, '22 33 44 55');
    assert.deepEqual(body.number, { input: '22 33 44 55', e164: '+4722334455', display: '22 33 44 55', valid: true });
    assert.equal(body.identity.name, 'Karis Rørlegger', 'their own private contact first');
    assert.equal(body.identity.source, 'private');
    assert.deepEqual(body.contacts.map((c: { name: string }) => c.name), ['Karis Rørlegger', 'Nordmann Rør AS'], "never Ola's private contact");
    assert.deepEqual(body.calls.map((c: { id: string }) => c.id), ['pbx:c1'], "Kari's calls with this number only");
    assert.equal(body.calls[0].mine.answered, true, 'call-log entries as the user sees them');
    assert.equal(body.notes.length, 1);
    const [only] = body.notes;
    assert.deepEqual({ ...only, id: undefined, createdAt: undefined }, { callId: 'pbx:c1', id: undefined, text: 'Wants a quote for the bathroom', author: 'Kari Hansen', createdAt: undefined });
    assert.equal(typeof only.id, 'number');
    assert.equal(typeof only.createdAt, 'number');
  });

  test("another user's card of the same number shows their own view", async () => {
    const body = await card(ola.token, '+47 22 33 44 55');
    assert.equal(body.identity.name, 'Olas Rørlegger');
    assert.deepEqual(body.contacts.map((c: { name: string }) => c.name), ['Olas Rørlegger', 'Nordmann Rør AS']);
    assert.deepEqual(body.calls.map((c: { id: string }) => c.id), ['pbx:c2']);
    assert.deepEqual(body.notes.map((n: { text: string; author: string }) => [n.text, n.author]), [['Called back, no answer', 'Ola Berg']]);
  });

  test("an admin sees everyone's calls and notes with the number, but no one's private contacts", async () => {
    const body = await card(admin, '004722334455');
    assert.equal(body.identity.name, 'Nordmann Rør AS');
    assert.deepEqual(body.contacts.map((c: { name: string }) => c.name), ['Nordmann Rør AS']);
    assert.deepEqual(body.calls.map((c: { id: string }) => c.id), ['pbx:c2', 'pbx:c1']);
    assert.deepEqual(body.notes.map((n: { callId: string }) => n.callId), ['pbx:c2', 'pbx:c1'], 'newest note first');
  });

  test('foreign numbers, extensions and numbers that are not valid', async () => {
    const foreign = await card(kari.token, '+49 30 1234567');
    assert.deepEqual(foreign.number, { input: '+49 30 1234567', e164: '+49301234567', display: '+49 30 1234567', valid: true });
    assert.deepEqual([foreign.identity, foreign.contacts, foreign.calls, foreign.notes], [null, [], [], []]);

    const colleague = await card(kari.token, '202');
    assert.deepEqual(colleague.number, { input: '202', e164: null, display: '202', valid: true });
    assert.equal(colleague.identity.name, 'Ola Berg');

    const short = await card(kari.token, '+47 123');
    assert.equal(short.number.valid, false);
    assert.equal(short.number.display, '+47 123', 'shown as typed');

    for (const query of ['', '?number=', '?number=call%20me']) {
      const response = await server.api('GET', `/api/v1/card${query}`, { token: kari.token });
      assert.equal(response.status, 400, query);
    }
    assert.equal((await server.api('GET', '/api/v1/card?number=call%20me', { token: kari.token })).body.error.code, 'invalid_number');
    assert.equal((await server.api('GET', '/api/v1/card?number=22334455')).status, 401);
  });
});
