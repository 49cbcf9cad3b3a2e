import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { PbxConnectionStatus } from '../../src/sources/connection-status.js';
import { SourceService } from '../../src/sources/source-service.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { selfSigned } from '../support/tls.js';

const SECRET = 'ami-Secret-7f3c!';
const CONNECTED: PbxConnectionStatus = { state: 'connected', since: 1_700_000_000_000, lastError: null, connectedAt: 1_700_000_000_000, nextAttemptAt: null };
const RECONNECTING: PbxConnectionStatus = {
  state: 'reconnecting',
  since: 1_700_000_100_000,
  lastError: 'connect ECONNREFUSED 192.0.2.5:5038',
  connectedAt: 1_700_000_000_000,
  nextAttemptAt: 1_700_000_104_000,
};

/**
 * AMI sources through the admin API. The server's own SourceService knows no connections (the
 * composition root wires them); here one built with a fake status callback takes its place, so what
 * the API reports as `connection` is visibly the callback's, and `onChange` calls are recorded.
 */
describe('AMI sources over HTTP', () => {
  let server: TestServer;
  let admin: string;
  let kari: { id: number; token: string };
  let original: SourceService;
  const statuses = new Map<string, PbxConnectionStatus>();
  const changes: string[] = [];

  const api = (method: string, url: string, body?: unknown, token = admin) => server.api(method, `/api/v1${url}`, { token, body });
  const create = (name: string, ami: Record<string, unknown>) => api('POST', '/sources', { name, dialect: 'ami', ami });
  const stored = (name: string) => server.sb.sources.amiConnection(name);
  /** The secret must not be anywhere in what the API sends back. */
  const assertNoSecret = (body: unknown, secret = SECRET) => {
    const text = JSON.stringify(body);
    assert.ok(!text.includes(secret), `the secret leaked: ${text}`);
    assert.doesNotMatch(text, /"(secret|url|urlWithToken)"/, `no secret or URL fields: ${text}`);
  };

  before(async () => {
    server = await startTestServer();
    admin = await server.adminToken();
    kari = await server.user('kari', ['201']);
    original = server.sb.sources;
    server.sb.sources = new SourceService(server.sb.repos.sources, server.sb.config, {
      connectionStatus: (name) => statuses.get(name),
      onChange: (name) => changes.push(name),
    });
  });
  after(() => server.close());
  beforeEach(() => {
    changes.length = 0;
  });
  const cleanup: (() => void)[] = [];
  after(() => cleanup.forEach((fn) => fn()));

  test('create: defaults filled in, the secret kept for the login but never sent back', async () => {
    statuses.set('pbx', CONNECTED);
    const created = await create('pbx', { host: 'PBX.Example.com', username: 'switchboard', secret: SECRET });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const source = created.body.source;
    assert.equal(source.name, 'pbx');
    assert.equal(source.dialect, 'ami');
    assert.equal(source.auth, 'md5');
    assert.equal(source.enabled, true);
    assert.deepEqual(source.ami, { host: 'pbx.example.com', port: 5038, username: 'switchboard', tls: false, tlsCa: null, auth: 'md5', deviceRules: [] });
    assert.deepEqual(source.options, { host: 'pbx.example.com', port: '5038', username: 'switchboard', tls: 'off' });
    assert.deepEqual(source.connection, CONNECTED);
    assertNoSecret(created.body);
    assert.deepEqual(changes, ['pbx']);

    // What whoever opens the connection gets: the same settings, with the secret.
    assert.deepEqual(await stored('pbx'), { name: 'pbx', host: 'pbx.example.com', port: 5038, username: 'switchboard', tls: false, tlsCa: null, auth: 'md5', deviceRules: [], secret: SECRET, enabled: true });
    // The service without a status callback (as in the CLI) reports no connection rather than a guess.
    const plain = await original.get('pbx', true);
    assert.equal(plain?.dialect, 'ami');
    assert.equal(plain?.connection, null);
    assert.equal(plain?.secret, undefined);
  });

  test('TLS defaults to port 5039; an IPv6 address may come in brackets; plain auth is kept', async () => {
    const tls = await create('secure', { host: '[2001:DB8::5]', username: 'sb', secret: 'other-secret', tls: true, auth: 'plain', deviceRules: [] });
    assert.equal(tls.status, 201, JSON.stringify(tls.body));
    assert.deepEqual(tls.body.source.ami, { host: '2001:db8::5', port: 5039, username: 'sb', tls: true, tlsCa: null, auth: 'plain', deviceRules: [] });
    assert.equal(tls.body.source.auth, 'plain');
    // No status known for this one: null, not an invented state.
    assert.equal(tls.body.source.connection, null);
    const chosen = await create('chosen', { host: '192.0.2.5', port: 15038, username: 'sb', secret: 'other-secret', tls: true });
    assert.equal(chosen.body.source.ami.port, 15038);
  });

  test('read: the list and one source carry settings and connection, never the secret', async () => {
    statuses.set('pbx', RECONNECTING);
    const list = await api('GET', '/sources');
    assert.equal(list.status, 200);
    assertNoSecret(list.body);
    assertNoSecret(list.body, 'other-secret');
    const pbx = list.body.sources.find((s: any) => s.name === 'pbx');
    assert.deepEqual(pbx.connection, RECONNECTING);
    assert.equal(pbx.ami.host, 'pbx.example.com');

    const one = await api('GET', '/sources/pbx');
    assert.equal(one.status, 200);
    assertNoSecret(one.body);
    assert.deepEqual(one.body.source.connection, RECONNECTING);
    assert.deepEqual(one.body.source.ami, { host: 'pbx.example.com', port: 5038, username: 'switchboard', tls: false, tlsCa: null, auth: 'md5', deviceRules: [] });
  });

  test('patch: settings and secret change, only what is given, and the change is announced', async () => {
    const patched = await api('PATCH', '/sources/pbx', { ami: { secret: 'new-secret-2', username: 'cti', auth: 'plain', deviceRules: [] } });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assertNoSecret(patched.body, 'new-secret-2');
    assert.deepEqual(patched.body.source.ami, { host: 'pbx.example.com', port: 5038, username: 'cti', tls: false, tlsCa: null, auth: 'plain', deviceRules: [] });
    assert.equal((await stored('pbx'))?.secret, 'new-secret-2');
    assert.deepEqual(changes, ['pbx']);

    // A port left at its default follows TLS; a port chosen by hand stays.
    const tls = await api('PATCH', '/sources/pbx', { ami: { tls: true } });
    assert.deepEqual(tls.body.source.ami, { host: 'pbx.example.com', port: 5039, username: 'cti', tls: true, tlsCa: null, auth: 'plain', deviceRules: [] });
    const manual = await api('PATCH', '/sources/chosen', { ami: { tls: false } });
    assert.equal(manual.body.source.ami.port, 15038);
    const moved = await api('PATCH', '/sources/pbx', { ami: { host: '192.0.2.7', port: 6000, tls: false } });
    assert.deepEqual(moved.body.source.ami, { host: '192.0.2.7', port: 6000, username: 'cti', tls: false, tlsCa: null, auth: 'plain', deviceRules: [] });
    // Untouched by all of that.
    assert.equal((await stored('pbx'))?.secret, 'new-secret-2');
  });

  test('device rules: stored with the source, read back, replaced and cleared by PATCH', async () => {
    const rules = ['phone:^PJSIP/(?<ext>\\d+)-desk-[0-9a-f]+$', 'trunk:^PJSIP/telenor-'];
    const created = await create('rules', { host: 'pbx.example.com', username: 'sb', secret: SECRET, deviceRules: rules });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.source.ami.deviceRules, rules);
    assert.equal(created.body.source.options.deviceRules, rules.join('\n'), 'stored as one option, a rule a line');
    assert.deepEqual((await stored('rules'))?.deviceRules, rules, 'what the connection is built with');
    assert.deepEqual((await api('GET', '/sources/rules')).body.source.ami.deviceRules, rules);
    const listed = (await api('GET', '/sources')).body.sources.find((s: any) => s.name === 'rules');
    assert.deepEqual(listed.ami.deviceRules, rules);

    // A PATCH with rules replaces the whole list; one without leaves them alone.
    const replaced = await api('PATCH', '/sources/rules', { ami: { deviceRules: ['  other:^Local/park@  '] } });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.deepEqual(replaced.body.source.ami.deviceRules, ['other:^Local/park@'], 'trimmed');
    const moved = await api('PATCH', '/sources/rules', { ami: { host: '192.0.2.9' } });
    assert.deepEqual(moved.body.source.ami.deviceRules, ['other:^Local/park@']);
    assert.deepEqual((await stored('rules'))?.deviceRules, ['other:^Local/park@']);

    const cleared = await api('PATCH', '/sources/rules', { ami: { deviceRules: [] } });
    assert.deepEqual(cleared.body.source.ami.deviceRules, []);
    assert.equal(cleared.body.source.options.deviceRules, undefined, 'no empty option left behind');
    assert.deepEqual(changes, ['rules', 'rules', 'rules', 'rules']);
  });

  test('a bad device rule is refused, named, on create and on PATCH; nothing changes', async () => {
    const good = 'trunk:^PJSIP/telenor-';
    assert.equal((await api('PATCH', '/sources/rules', { ami: { deviceRules: [good] } })).status, 200);
    changes.length = 0;
    const base = { host: 'pbx.example.com', username: 'sb', secret: SECRET };
    const cases: [string, unknown, RegExp][] = [
      ['a phone rule without (?<ext>)', [good, 'phone:^PJSIP/\\d+-desk-'], /^ami\.deviceRules: device rule "phone:\^PJSIP\/\\d\+-desk-": a phone rule needs a named group/],
      ['no kind', ['PJSIP/201'], /^ami\.deviceRules: device rule "PJSIP\/201": expected phone:<regex>, trunk:<regex> or other:<regex>$/],
      ['an unknown kind', ['mobile:^PJSIP/'], /^ami\.deviceRules: device rule "mobile:\^PJSIP\/": expected/],
      ['a broken regular expression', ['trunk:^PJSIP/(telenor'], /^ami\.deviceRules: device rule "trunk:\^PJSIP\/\(telenor": Invalid regular expression/],
      ['an empty rule', [good, ''], /^ami\.deviceRules: device rule "": expected/],
      ['two rules on one line', ['trunk:^a\nother:^b'], /^ami\.deviceRules: device rule "trunk:\^a\\nother:\^b": must be one line/],
      ['too many', Array.from({ length: 51 }, (_, i) => `trunk:^PJSIP/t${i}-`), /^ami\.deviceRules: /],
      ['too long', [`trunk:^${'x'.repeat(300)}`], /^ami\.deviceRules\.0: /],
      ['not a list', good, /^ami\.deviceRules: /],
      ['not text', [42], /^ami\.deviceRules\.0: /],
    ];
    const before = await stored('rules');
    for (const [what, deviceRules, message] of cases) {
      const created = await create('bad', { ...base, deviceRules });
      assert.equal(created.status, 400, `create, ${what}: ${JSON.stringify(created.body)}`);
      assert.match(created.body.error.message, message, `create, ${what}`);
      const patched = await api('PATCH', '/sources/rules', { ami: { deviceRules } });
      assert.equal(patched.status, 400, `patch, ${what}: ${JSON.stringify(patched.body)}`);
      assert.match(patched.body.error.message, message, `patch, ${what}`);
    }
    assert.equal(await stored('bad'), undefined);
    assert.deepEqual(await stored('rules'), before);
    assert.deepEqual(changes, []);
  });

  test('trusted certificate: stored with the source, read back and given to the connection; a bad one refused, named; null clears it', async () => {
    const { cert } = selfSigned(cleanup, 'asterisk');
    const created = await create('pinned', { host: '192.0.2.8', username: 'sb', secret: SECRET, tls: true, tlsCa: `\n${cert}\n\n` });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.source.ami.tlsCa, cert.trim(), 'trimmed');
    assert.equal((await api('GET', '/sources/pinned')).body.source.ami.tlsCa, cert.trim());
    assert.equal((await stored('pinned'))?.tlsCa, cert.trim(), 'what the connection is built with');

    const before = await stored('pinned');
    changes.length = 0;
    for (const [what, tlsCa, message] of [
      ['not a certificate', 'hello', /^ami\.tlsCa: paste the certificate in PEM form/],
      ['a damaged one', cert.replace(/\n[A-Za-z0-9+/]{16}/, '\n????'), /^ami\.tlsCa: certificate 1 of 1 cannot be read/],
      ['too long', cert + 'x'.repeat(70_000), /^ami\.tlsCa: /],
      ['not text', 42, /^ami\.tlsCa: /],
    ] as const) {
      const refused = await api('PATCH', '/sources/pinned', { ami: { tlsCa } });
      assert.equal(refused.status, 400, `${what}: ${JSON.stringify(refused.body)}`);
      assert.match(refused.body.error.message, message, what);
      const notCreated = await create('pinned-bad', { host: '192.0.2.8', username: 'sb', secret: SECRET, tls: true, tlsCa });
      assert.equal(notCreated.status, 400, `create, ${what}`);
    }
    assert.deepEqual(await stored('pinned'), before);
    assert.equal(await stored('pinned-bad'), undefined);
    assert.deepEqual(changes, []);

    const cleared = await api('PATCH', '/sources/pinned', { ami: { tlsCa: null } });
    assert.equal(cleared.body.source.ami.tlsCa, null);
    assert.equal(cleared.body.source.options.tlsCa, undefined, 'no empty option left behind');
    assert.equal((await stored('pinned'))?.tlsCa, null);
  });

  test('disable and enable: stored, announced, and an AMI source never takes webhooks', async () => {
    const off = await api('PATCH', '/sources/pbx', { enabled: false });
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.equal(off.body.source.enabled, false);
    assert.equal((await stored('pbx'))?.enabled, false);
    assert.equal((await api('GET', '/sources/pbx')).body.source.enabled, false);
    assert.deepEqual(changes, ['pbx']);

    const on = await api('PATCH', '/sources/pbx', { enabled: true });
    assert.equal(on.body.source.enabled, true);
    assert.deepEqual(changes, ['pbx', 'pbx']);
    const hook = await server.api('POST', '/api/v1/hooks/pbx', { token: 'new-secret-2', body: { event: 'ringing', callId: 'x', extension: '201' } });
    assert.equal(hook.status, 404, 'the AMI secret is no webhook token');
  });

  test('a webhook source can be switched off and on by PATCH; its settings are not AMI settings', async () => {
    const { secret } = await server.source('hook', 'native');
    const ring = (callId: string) => server.api('POST', '/api/v1/hooks/hook', { token: secret, body: { event: 'ringing', callId, extension: '201', remoteNumber: '+4722334455' } });
    assert.equal((await api('PATCH', '/sources/hook', { enabled: false })).body.source.enabled, false);
    assert.equal((await ring('w1')).status, 404);
    const on = await api('PATCH', '/sources/hook', { enabled: true });
    assert.equal(on.body.source.enabled, true);
    assert.equal(on.body.source.secret, undefined, 'PATCH does not hand out a webhook secret either');
    assert.equal((await ring('w2')).status, 202);

    const ami = await api('PATCH', '/sources/hook', { ami: { host: 'pbx.example.com' } });
    assert.equal(ami.status, 400);
    assert.match(ami.body.error.message, /^ami: "hook" is a native webhook source/);
  });

  test('bad input is refused with the field named, and nothing is stored', async () => {
    const base = { host: 'pbx.example.com', username: 'sb', secret: SECRET };
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no host', { username: 'sb', secret: SECRET }, /^ami\.host: /],
      ['empty host', { ...base, host: '' }, /^ami\.host: /],
      ['not a host', { ...base, host: 'pbx example.com' }, /^ami\.host: "pbx example\.com" is not a host name or IP address$/],
      ['a broken IPv4 address', { ...base, host: '10.0.0.256' }, /^ami\.host: /],
      ['a URL for a host', { ...base, host: 'tcp://pbx:5038' }, /^ami\.host: /],
      ['port 0', { ...base, port: 0 }, /^ami\.port: /],
      ['port 65536', { ...base, port: 65536 }, /^ami\.port: /],
      ['port as text', { ...base, port: '5038' }, /^ami\.port: /],
      ['fractional port', { ...base, port: 5038.5 }, /^ami\.port: /],
      ['no username', { host: 'pbx', secret: SECRET }, /^ami\.username: /],
      ['no secret', { host: 'pbx', username: 'sb' }, /^ami\.secret: /],
      ['empty secret', { ...base, secret: '' }, /^ami\.secret: /],
      ['tls as text', { ...base, tls: 'yes' }, /^ami\.tls: /],
      ['unknown auth', { ...base, auth: 'sha1' }, /^ami\.auth: /],
      ['unknown field', { ...base, password: 'x' }, /^ami\.password: unknown field$/],
    ];
    for (const [what, ami, message] of cases) {
      const response = await create('bad', ami);
      assert.equal(response.status, 400, `${what}: ${JSON.stringify(response.body)}`);
      assert.match(response.body.error.message, message, what);
      assertNoSecret(response.body);
    }
    // A secret on two lines would add headers to the Login action; the message does not echo it.
    const twoLines = await create('bad', { ...base, secret: 'first-line\r\nAction: Originate' });
    assert.equal(twoLines.status, 400);
    assert.match(twoLines.body.error.message, /^ami\.secret: must be one line/);
    assert.doesNotMatch(twoLines.body.error.message, /first-line|Originate/);
    const noAmi = await api('POST', '/sources', { name: 'bad', dialect: 'ami' });
    assert.equal(noAmi.status, 400);
    assert.match(noAmi.body.error.message, /^ami: /);
    const webhookFields = await api('POST', '/sources', { name: 'bad', dialect: 'ami', auth: 'token', ami: base });
    assert.equal(webhookFields.status, 400);
    assert.match(webhookFields.body.error.message, /^auth: unknown field$/);
    assert.equal(await server.sb.sources.get('bad', false), undefined);
    assert.deepEqual(changes, [], 'nothing refused was announced');

    const duplicate = await create('pbx', base);
    assert.equal(duplicate.status, 409);
    assert.match(duplicate.body.error.message, /^name: a source named "pbx" exists$/);

    const patches: [unknown, RegExp][] = [
      [{ ami: { port: 0 } }, /^ami\.port: /],
      [{ ami: { host: 'under_score.example' } }, /^ami\.host: /],
      [{ ami: { secret: '' } }, /^ami\.secret: /],
      [{ ami: { secret: 'a\nb' } }, /^ami\.secret: /],
      [{ enabled: 'no' }, /^enabled: /],
      [{ name: 'renamed' }, /^name: unknown field$/],
    ];
    const before = await stored('pbx');
    for (const [body, message] of patches) {
      const response = await api('PATCH', '/sources/pbx', body);
      assert.equal(response.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
      assert.match(response.body.error.message, message, JSON.stringify(body));
    }
    assert.deepEqual(await stored('pbx'), before, 'a refused patch changes nothing');
    assert.deepEqual(changes, []);
    assert.equal((await api('PATCH', '/sources/nosuch', { enabled: false })).status, 404);
  });

  test('a new secret cannot be rotated in: the secret is the PBX\'s own', async () => {
    const rotate = await api('POST', '/sources/pbx/rotate-secret');
    assert.equal(rotate.status, 409);
    assert.match(rotate.body.error.message, /^secret: "pbx" is an AMI source/);
    assert.equal((await stored('pbx'))?.secret, 'new-secret-2');
  });

  test('non-admins are refused everything', async () => {
    const requests: [string, string, unknown?][] = [
      ['GET', '/sources'],
      ['GET', '/sources/pbx'],
      ['POST', '/sources', { name: 'mine', dialect: 'ami', ami: { host: 'pbx', username: 'u', secret: 's' } }],
      ['PATCH', '/sources/pbx', { enabled: false }],
      ['PATCH', '/sources/pbx', { ami: { host: 'evil.example.com' } }],
      ['POST', '/sources/pbx/rotate-secret'],
      ['DELETE', '/sources/pbx'],
    ];
    const before = await stored('pbx');
    for (const [method, url, body] of requests) {
      const response = await api(method, url, body, kari.token);
      assert.equal(response.status, 403, `${method} ${url}: ${JSON.stringify(response.body)}`);
      assertNoSecret(response.body, 'new-secret-2');
      const anonymous = await server.api(method, `/api/v1${url}`, { body });
      assert.equal(anonymous.status, 401, `${method} ${url} without a token`);
    }
    assert.deepEqual(await stored('pbx'), before);
    assert.equal(await stored('mine'), undefined);
    assert.deepEqual(changes, []);
  });

  test('delete: gone, and announced so its connection can be closed', async () => {
    assert.equal((await api('DELETE', '/sources/secure')).status, 200);
    assert.equal(await stored('secure'), undefined);
    assert.deepEqual(changes, ['secure']);
    assert.equal((await api('GET', '/sources/secure')).status, 404);
  });
});
