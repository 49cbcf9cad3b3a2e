import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sleep, startTestServer, type TestServer } from '../support/server.js';

interface LogEntry {
  id: string;
  direction: string;
  outcome: string | null;
  cause: string | null;
  remoteNumber: string | null;
  identity: { name: string; company: string | null; source: string; ref: string | null } | null;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  ringMs: number | null;
  talkMs: number | null;
  mine: { state: string; answered: boolean } | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Thursday 2 May 2024, 08:00 UTC: calls are dated in the past, the way a log is read. */
const BASE = Date.parse('2024-05-02T08:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('the call log over the API', () => {
  let server: TestServer;
  let admin: string;
  let kari: { id: number; token: string };
  let ola: { id: number; token: string };
  let per: { id: number; token: string };
  let hook: Awaited<ReturnType<TestServer['pbx']>>;

  const calls = async (token: string, query = '') => {
    const response = await server.api('GET', `/api/v1/calls${query}`, { token });
    assert.equal(response.status, 200, `${query}: ${JSON.stringify(response.body)}`);
    return response.body as { calls: LogEntry[]; next: string | null };
  };
  const ids = async (token: string, query = '') => (await calls(token, query)).calls.map((c) => c.id);
  /** Polls until `ready` holds: identification runs after the webhook has been answered. */
  const eventually = async <T>(read: () => Promise<T>, ready: (value: T) => boolean): Promise<T> => {
    const deadline = Date.now() + 3000;
    for (;;) {
      const value = await read();
      if (ready(value) || Date.now() > deadline) return value;
      await sleep(20);
    }
  };

  before(async () => {
    server = await startTestServer();
    admin = await server.adminToken();
    kari = await server.user('kari', ['201'], { displayName: 'Kari Hansen' });
    ola = await server.user('ola', ['202'], { displayName: 'Ola Berg' });
    per = await server.user('per', ['203'], { displayName: 'Per Lie' });
    // Each call's events go in one request, so nothing can close the call half-way.
    hook = await server.pbx();

    const contact = (token: string, body: unknown) => server.api('POST', '/api/v1/contacts', { token, body }).then((r) => assert.equal(r.status, 201));
    await contact(kari.token, { name: 'Karis Rørlegger', numbers: [{ type: 'mobile', number: '+47 22 33 44 55' }], visibility: 'private' });
    await contact(admin, { name: 'Nordmann Rør AS', numbers: [{ type: 'work', number: '+47 900 12 345' }], visibility: 'central' });

    // c1: inbound to Kari, answered after 5 s, 60 s of talk. Times as epoch ms.
    await hook([
      { event: 'ringing', callId: 'c1', extension: '201', remoteNumber: '+4722334455', time: BASE },
      { event: 'answered', callId: 'c1', direction: 'inbound', extension: '201', time: BASE + 5_000 },
      { event: 'ended', callId: 'c1', direction: 'inbound', extension: '201', cause: 'completed', time: BASE + 65_000 },
    ]);
    // c2: inbound to a ring group of Kari and Ola, nobody answered. Times as ISO 8601, one with an offset.
    await hook([
      { event: 'ringing', callId: 'c2', extensions: ['201', '202'], remoteNumber: '+4790012345', queue: 'support', time: iso(BASE + HOUR) },
      { event: 'missed', callId: 'c2', time: '2024-05-02T11:00:20+02:00' },
    ]);
    // c3: Ola calls out, answered after 8 s.
    await hook([
      { event: 'dialing', callId: 'c3', extension: '202', remoteNumber: '+4741234567', time: BASE + 2 * HOUR },
      { event: 'answered', callId: 'c3', direction: 'outbound', extension: '202', time: BASE + 2 * HOUR + 8_000 },
      { event: 'ended', callId: 'c3', direction: 'outbound', extension: '202', time: BASE + 2 * HOUR + 68_000 },
    ]);
    // c4: Per calls out, busy.
    await hook([
      { event: 'dialing', callId: 'c4', extension: '203', remoteNumber: '22 99 88 77', time: BASE + 3 * HOUR },
      { event: 'ended', callId: 'c4', direction: 'outbound', extension: '203', cause: 'busy', time: BASE + 3 * HOUR + 3_000 },
    ]);
    // c5: a withheld caller gives up while Kari's phone rings, the next day.
    await hook([
      { event: 'ringing', callId: 'c5', extension: '201', time: BASE + DAY },
      { event: 'missed', callId: 'c5', extension: '201', cause: 'cancelled', time: BASE + DAY + 7_000 },
    ]);
    // c6: Kari calls out, no answer.
    await hook([
      { event: 'dialing', callId: 'c6', extension: '201', remoteNumber: '+4722334455', time: BASE + DAY + HOUR },
      { event: 'ended', callId: 'c6', direction: 'outbound', extension: '201', cause: 'noanswer', time: BASE + DAY + HOUR + 30_000 },
    ]);
    // c7: two days later, the same caller as c1 again; answered.
    await hook([
      { event: 'ringing', callId: 'c7', extension: '201', remoteNumber: '004722334455', time: BASE + 2 * DAY },
      { event: 'answered', callId: 'c7', direction: 'inbound', extension: '201', time: BASE + 2 * DAY + 2_000 },
      { event: 'ended', callId: 'c7', direction: 'inbound', extension: '201', time: BASE + 2 * DAY + 12_000 },
    ]);
    // Identification runs after the webhook is answered; let it finish before the log is read.
    await eventually(() => calls(kari.token), (log) => log.calls.filter((c) => c.identity).length === 4);
  });
  after(() => server.close());

  test('each user sees only the calls they took part in, newest first', async () => {
    assert.deepEqual(await ids(kari.token), ['pbx:c7', 'pbx:c6', 'pbx:c5', 'pbx:c2', 'pbx:c1']);
    assert.deepEqual(await ids(ola.token), ['pbx:c3', 'pbx:c2']);
    assert.deepEqual(await ids(per.token), ['pbx:c4']);
    assert.deepEqual(await ids(admin), [], "an admin's own log holds their own calls only");
  });

  test('admins see everyone\'s calls with ?user=all and one user\'s with ?user=ID; users may not', async () => {
    assert.deepEqual(await ids(admin, '?user=all'), ['pbx:c7', 'pbx:c6', 'pbx:c5', 'pbx:c4', 'pbx:c3', 'pbx:c2', 'pbx:c1']);
    assert.deepEqual(await ids(admin, `?user=${ola.id}`), ['pbx:c3', 'pbx:c2']);
    assert.deepEqual(await ids(kari.token, `?user=${kari.id}`), ['pbx:c7', 'pbx:c6', 'pbx:c5', 'pbx:c2', 'pbx:c1']);
    for (const query of [`?user=${ola.id}`, '?user=all']) {
      const refused = await server.api('GET', `/api/v1/calls${query}`, { token: kari.token });
      assert.equal(refused.status, 403, query);
      const missed = await server.api('GET', `/api/v1/calls/missed${query}`, { token: kari.token });
      assert.equal(missed.status, 403, `missed ${query}`);
    }
    const bad = await server.api('GET', '/api/v1/calls?user=someone', { token: admin });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^user: /);
  });

  test('durations and times come from the event times that were sent', async () => {
    const byId = new Map((await calls(admin, '?user=all')).calls.map((c) => [c.id, c]));
    const pick = (id: string) => {
      const c = byId.get(id)!;
      return { direction: c.direction, outcome: c.outcome, cause: c.cause, startedAt: c.startedAt, answeredAt: c.answeredAt, endedAt: c.endedAt, ringMs: c.ringMs, talkMs: c.talkMs };
    };
    assert.deepEqual(pick('pbx:c1'), {
      direction: 'inbound', outcome: 'answered', cause: 'completed',
      startedAt: BASE, answeredAt: BASE + 5_000, endedAt: BASE + 65_000, ringMs: 5_000, talkMs: 60_000,
    });
    assert.deepEqual(pick('pbx:c2'), {
      direction: 'inbound', outcome: 'missed', cause: 'noanswer',
      startedAt: BASE + HOUR, answeredAt: null, endedAt: BASE + HOUR + 20_000, ringMs: 20_000, talkMs: null,
    });
    assert.deepEqual(pick('pbx:c3'), {
      direction: 'outbound', outcome: 'answered', cause: 'completed',
      startedAt: BASE + 2 * HOUR, answeredAt: BASE + 2 * HOUR + 8_000, endedAt: BASE + 2 * HOUR + 68_000, ringMs: 8_000, talkMs: 60_000,
    });
    assert.deepEqual(pick('pbx:c4'), {
      direction: 'outbound', outcome: 'busy', cause: 'busy',
      startedAt: BASE + 3 * HOUR, answeredAt: null, endedAt: BASE + 3 * HOUR + 3_000, ringMs: 3_000, talkMs: null,
    });
    const c5 = byId.get('pbx:c5')!;
    assert.equal(c5.remoteNumber, null, 'a withheld caller has no number');
    assert.equal(c5.outcome, 'missed');
    assert.equal(byId.get('pbx:c6')!.outcome, 'notanswered');
  });

  test('each viewer sees their own part and the identity they may see', async () => {
    const kariLog = new Map((await calls(kari.token)).calls.map((c) => [c.id, c]));
    assert.deepEqual(kariLog.get('pbx:c1')!.mine, { state: 'ended', answered: true });
    assert.deepEqual(kariLog.get('pbx:c2')!.mine, { state: 'ended', answered: false });
    assert.deepEqual(kariLog.get('pbx:c1')!.identity, { name: 'Karis Rørlegger', company: null, source: 'private', ref: kariLog.get('pbx:c1')!.identity!.ref });
    assert.equal(kariLog.get('pbx:c7')!.identity?.name, 'Karis Rørlegger', '"0047…" from the PBX matches "+47 …" in the phonebook');
    assert.equal(kariLog.get('pbx:c2')!.identity?.name, 'Nordmann Rør AS');
    const olaLog = new Map((await calls(ola.token)).calls.map((c) => [c.id, c]));
    assert.equal(olaLog.get('pbx:c2')!.identity?.name, 'Nordmann Rør AS');
    // Kari's private contact never reaches anyone else's view of the call.
    const all = new Map((await calls(admin, '?user=all')).calls.map((c) => [c.id, c]));
    assert.equal(all.get('pbx:c1')!.identity, null);
    assert.equal(all.get('pbx:c1')!.mine, null, 'the admin was not on the call');
    assert.equal(all.get('pbx:c2')!.identity?.source, 'central');
    const detail = await server.api('GET', '/api/v1/calls/pbx:c1', { token: admin });
    assert.ok(!JSON.stringify(detail.body).includes('Karis Rørlegger'));
  });

  test('filters: direction, outcome, from/to, number', async () => {
    const cases: [query: string, expected: string[]][] = [
      ['?direction=inbound', ['pbx:c7', 'pbx:c5', 'pbx:c2', 'pbx:c1']],
      ['?direction=outbound', ['pbx:c6']],
      ['?outcome=missed', ['pbx:c5', 'pbx:c2']],
      ['?outcome=missed,notanswered', ['pbx:c6', 'pbx:c5', 'pbx:c2']],
      ['?outcome=answered&direction=inbound', ['pbx:c7', 'pbx:c1']],
      [`?from=${BASE + DAY}`, ['pbx:c7', 'pbx:c6', 'pbx:c5']],
      [`?to=${BASE + DAY}`, ['pbx:c2', 'pbx:c1']],
      [`?from=${BASE + HOUR}&to=${BASE + DAY + 1}`, ['pbx:c5', 'pbx:c2']],
      ['?from=2024-05-03T00:00:00Z&to=2024-05-04T00:00:00Z', ['pbx:c6', 'pbx:c5']],
      [`?from=${encodeURIComponent('2024-05-03T10:00:00+02:00')}`, ['pbx:c7', 'pbx:c6', 'pbx:c5']],
      ['?from=2024-05-04', ['pbx:c7']],
      ['?to=2024-05-03', ['pbx:c2', 'pbx:c1']],
      ['?number=2233', ['pbx:c7', 'pbx:c6', 'pbx:c1']],
      [`?number=${encodeURIComponent('+47 22 33 44 55')}`, ['pbx:c7', 'pbx:c6', 'pbx:c1']],
      ['?number=22334455', ['pbx:c7', 'pbx:c6', 'pbx:c1']],
      [`?number=${encodeURIComponent('0047 22 33 44 55')}`, ['pbx:c7', 'pbx:c6', 'pbx:c1']],
      ['?number=90012', ['pbx:c2']],
      ['?number=4455&direction=outbound', ['pbx:c6']],
      ['?number=77777', []],
      ['?number=nobody', []],
    ];
    for (const [query, expected] of cases) assert.deepEqual(await ids(kari.token, query), expected, query);
    assert.deepEqual(await ids(admin, '?user=all&number=99%2088'), ['pbx:c4'], 'the number as the PBX sent it, spaces and all');
  });

  test('bad filters are 400 and name the parameter', async () => {
    const cases: [query: string, field: RegExp][] = [
      ['?direction=sideways', /^direction: /],
      ['?outcome=missed,lost', /^outcome: "lost"/],
      ['?from=yesterday', /^from: /],
      ['?to=2024-13-45', /^to: /],
      ['?limit=0', /^limit: /],
      ['?limit=501', /^limit: /],
      ['?before=abc', /^before: /],
    ];
    for (const [query, field] of cases) {
      const response = await server.api('GET', `/api/v1/calls${query}`, { token: kari.token });
      assert.equal(response.status, 400, query);
      assert.match(response.body.error.message, field, query);
    }
  });

  test('paging with limit and next walks the whole log once', async () => {
    const pages: string[][] = [];
    let next: string | null = null;
    do {
      const page = await calls(kari.token, `?limit=2${next ? `&before=${encodeURIComponent(next)}` : ''}`);
      pages.push(page.calls.map((c) => c.id));
      next = page.next;
      assert.ok(pages.length < 10, 'paging ends');
    } while (next);
    assert.deepEqual(pages, [['pbx:c7', 'pbx:c6'], ['pbx:c5', 'pbx:c2'], ['pbx:c1']]);
    // Filters apply on every page.
    const first = await calls(kari.token, '?limit=1&direction=inbound');
    assert.deepEqual(first.calls.map((c) => c.id), ['pbx:c7']);
    const second = await calls(kari.token, `?limit=1&direction=inbound&before=${encodeURIComponent(first.next!)}`);
    assert.deepEqual(second.calls.map((c) => c.id), ['pbx:c5']);
  });

  test('/calls/missed lists the inbound calls a user missed', async () => {
    assert.deepEqual(await ids(kari.token, '/missed'), ['pbx:c5', 'pbx:c2']);
    assert.deepEqual(await ids(ola.token, '/missed'), ['pbx:c2']);
    assert.deepEqual(await ids(per.token, '/missed'), [], 'a busy outbound call is not a missed call');
    assert.deepEqual(await ids(kari.token, `/missed?from=${BASE + DAY}`), ['pbx:c5']);
    assert.deepEqual(await ids(admin, '/missed?user=all'), ['pbx:c5', 'pbx:c2']);
  });

  test('one call: its parties for those who were on it, 404 for everyone else', async () => {
    const detail = await server.api('GET', '/api/v1/calls/pbx:c2', { token: ola.token });
    assert.equal(detail.status, 200);
    assert.equal(detail.body.call.id, 'pbx:c2');
    assert.equal(detail.body.call.queue, 'support');
    assert.deepEqual(
      detail.body.parties.map((p: { extension: string; userId: number; userName: string; answered: boolean }) => [p.extension, p.userId, p.userName, p.answered]),
      [
        ['201', kari.id, 'Kari Hansen', false],
        ['202', ola.id, 'Ola Berg', false],
      ],
    );
    assert.equal((await server.api('GET', '/api/v1/calls/pbx:c2', { token: admin })).status, 200);

    for (const [token, id] of [[per.token, 'pbx:c2'], [per.token, 'pbx:c1'], [ola.token, 'pbx:c1'], [kari.token, 'pbx:c4'], [kari.token, 'pbx:nope']] as const) {
      const response = await server.api('GET', `/api/v1/calls/${id}`, { token });
      assert.equal(response.status, 404, id);
      assert.equal(response.body.error.code, 'not_found');
      assert.equal((await server.api('GET', `/api/v1/calls/${id}/notes`, { token })).status, 404);
    }
  });

  test('notes: added by a party, shared with the other parties, stored and returned verbatim as JSON', async () => {
    const text = '<b>Call back</b> <script>alert("x")</script> & ask for Ødegård\nline 2';
    const added = await server.api('POST', '/api/v1/calls/pbx:c2/notes', { token: kari.token, body: { text } });
    assert.equal(added.status, 201);
    assert.match(added.headers.get('content-type')!, /^application\/json/);
    assert.equal(added.body.note.text, text);
    assert.equal(added.body.note.userId, kari.id);

    const listed = await server.api('GET', '/api/v1/calls/pbx:c2/notes', { token: ola.token });
    assert.equal(listed.status, 200);
    assert.match(listed.headers.get('content-type')!, /^application\/json/);
    assert.equal(listed.body.notes.length, 1);
    assert.equal(listed.body.notes[0].text, text);
    assert.equal(listed.body.notes[0].author, 'Kari Hansen');

    await server.api('POST', '/api/v1/calls/pbx:c2/notes', { token: ola.token, body: { text: 'Called back, all good' } });
    const detail = await server.api('GET', '/api/v1/calls/pbx:c2', { token: kari.token });
    assert.deepEqual(
      detail.body.notes.map((n: { text: string; author: string }) => [n.author, n.text]),
      [
        ['Kari Hansen', text],
        ['Ola Berg', 'Called back, all good'],
      ],
    );

    const outsider = await server.api('POST', '/api/v1/calls/pbx:c2/notes', { token: per.token, body: { text: 'not mine' } });
    assert.equal(outsider.status, 404);
    for (const body of [{ text: '   ' }, {}, { text: 'x', pinned: true }, { text: 'x'.repeat(5001) }]) {
      const bad = await server.api('POST', '/api/v1/calls/pbx:c2/notes', { token: kari.token, body });
      assert.equal(bad.status, 400, JSON.stringify(body).slice(0, 80));
      assert.match(bad.body.error.message, /^(text|pinned): /);
    }
    const after = await server.api('GET', '/api/v1/calls/pbx:c2/notes', { token: kari.token });
    assert.equal(after.body.notes.length, 2, 'refused notes were not stored');
  });
});
