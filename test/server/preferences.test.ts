import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TestSocket, type TestServer } from '../support/server.js';

const BUILT_IN = { urlTemplate: null, urlOpen: 'button', notifications: true, ringtone: true, cardNumberType: 'work', dialScheme: 'tel' };

/** Per-user preferences, presence and capabilities, and how open tabs of the same user keep up. */
describe('preferences, presence and capabilities', () => {
  let server: TestServer;
  let admin: string;
  let kari: { id: number; token: string };
  let ola: { id: number; token: string };

  const prefs = (token: string) => server.api('GET', '/api/v1/me/preferences', { token });
  const putPrefs = (token: string, body: unknown) => server.api('PUT', '/api/v1/me/preferences', { token, body });
  /** Two tabs of Kari and one of Ola, each past its hello. */
  const sockets = async () => {
    const tabs = await Promise.all([kari, kari, ola].map((u) => TestSocket.connect(server.url, { token: u.token })));
    await Promise.all(tabs.map((s) => s.next((f) => f.type === 'hello')));
    return tabs;
  };

  before(async () => {
    server = await startTestServer();
    admin = await server.adminToken();
    kari = await server.user('kari', ['201'], { displayName: 'Kari Hansen' });
    ola = await server.user('ola', ['202'], { displayName: 'Ola Berg' });
  });
  after(() => server.close());

  test('a user who chose nothing gets the built-in preferences and the admin defaults', async () => {
    const response = await prefs(kari.token);
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, { preferences: BUILT_IN, defaults: { urlTemplate: null, urlOpen: 'button' } });
    assert.equal((await server.api('GET', '/api/v1/me/preferences')).status, 401, 'needs sign-in');
  });

  test('changes are partial, persist, and stay with their user', async () => {
    const put = await putPrefs(kari.token, { dialScheme: 'sip', notifications: false, urlTemplate: ' https://crm.example.com/find?phone={e164}&name={name} ' });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    const expected = { ...BUILT_IN, dialScheme: 'sip', notifications: false, urlTemplate: 'https://crm.example.com/find?phone={e164}&name={name}' };
    assert.deepEqual(put.body.preferences, expected);
    assert.deepEqual((await prefs(kari.token)).body.preferences, expected, 'read back');

    const more = await putPrefs(kari.token, { cardNumberType: 'mobile' });
    assert.deepEqual(more.body.preferences, { ...expected, cardNumberType: 'mobile' }, 'a second change keeps the first');
    assert.deepEqual((await prefs(ola.token)).body.preferences, BUILT_IN, "Ola's are untouched");

    const cleared = await putPrefs(kari.token, { urlTemplate: '' });
    assert.equal(cleared.body.preferences.urlTemplate, null, 'an empty template means none');
    assert.equal((await putPrefs(kari.token, { urlTemplate: 'http://{host}/x' })).status, 200, 'a placeholder may stand in the host');
    assert.equal((await putPrefs(kari.token, { urlTemplate: null })).body.preferences.urlTemplate, null);
  });

  test('invalid preferences are refused with the field named, and nothing is stored', async () => {
    const before = (await prefs(kari.token)).body.preferences;
    const cases: [unknown, RegExp][] = [
      [{ urlTemplate: 'javascript:alert(1)//{number}' }, /urlTemplate: must be an http/],
      [{ urlTemplate: 'ftp://example.com/{number}' }, /urlTemplate/],
      [{ urlTemplate: 'https://example.com/a b' }, /urlTemplate/],
      [{ urlTemplate: `https://example.com/${'x'.repeat(2000)}` }, /urlTemplate/],
      [{ urlOpen: 'always' }, /urlOpen/],
      [{ dialScheme: 'skype' }, /dialScheme/],
      [{ notifications: 'yes' }, /notifications/],
      [{ colour: 'blue' }, /colour: unknown field/],
    ];
    for (const [body, message] of cases) {
      const response = await putPrefs(kari.token, body);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.error.code, 'invalid');
      assert.match(response.body.error.message, message);
    }
    assert.deepEqual((await prefs(kari.token)).body.preferences, before);
  });

  test('admins set the defaults; everyone reads them; an unchosen urlOpen follows them', async () => {
    const defaults = { urlTemplate: 'https://crm.example.com/?q={number}', urlOpen: 'ring' };
    assert.equal((await server.api('PUT', '/api/v1/settings/preferences-defaults', { token: kari.token, body: defaults })).status, 403);
    const bad = await server.api('PUT', '/api/v1/settings/preferences-defaults', { token: admin, body: { urlTemplate: 'data:text/html,hi' } });
    assert.equal(bad.status, 400);
    const put = await server.api('PUT', '/api/v1/settings/preferences-defaults', { token: admin, body: defaults });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    assert.deepEqual(put.body.defaults, defaults);
    assert.deepEqual((await server.api('GET', '/api/v1/settings/preferences-defaults', { token: ola.token })).body.defaults, defaults);

    const olas = (await prefs(ola.token)).body;
    assert.deepEqual(olas.defaults, defaults);
    assert.equal(olas.preferences.urlOpen, 'ring', 'Ola never chose: the default applies');
    assert.equal(olas.preferences.urlTemplate, null, "the template stays null: the app uses the default's");
    await putPrefs(ola.token, { urlOpen: 'button' });
    assert.equal((await prefs(ola.token)).body.preferences.urlOpen, 'button', 'a choice wins over the default');
    await server.api('PUT', '/api/v1/settings/preferences-defaults', { token: admin, body: { urlTemplate: null, urlOpen: 'button' } });
  });

  test("new defaults reach every open tab, so no one's effective preferences go stale", async () => {
    const tabs = await sockets();
    const defaults = { urlTemplate: 'https://crm.example.com/find?phone=$CALLER_NUMBER', urlOpen: 'answer' };
    assert.equal((await server.api('PUT', '/api/v1/settings/preferences-defaults', { token: admin, body: defaults })).status, 200);
    for (const tab of tabs) assert.deepEqual((await tab.next((f) => f.type === 'defaults')).defaults, defaults);
    await server.api('PUT', '/api/v1/settings/preferences-defaults', { token: admin, body: { urlTemplate: null, urlOpen: 'button' } });
    for (const tab of tabs) tab.close();
  });

  test('presence: available by default, set by the user, shown on the account', async () => {
    const me = await server.api('GET', '/api/v1/auth/me', { token: kari.token });
    assert.equal(me.body.user.presence, 'available');
    const set = await server.api('PUT', '/api/v1/me/presence', { token: kari.token, body: { presence: 'dnd' } });
    assert.equal(set.status, 200);
    assert.equal((await server.api('GET', '/api/v1/auth/me', { token: kari.token })).body.user.presence, 'dnd');
    assert.equal((await server.api('GET', `/api/v1/users/${kari.id}`, { token: kari.token })).body.user.presence, 'dnd');
    const list = (await server.api('GET', '/api/v1/users', { token: admin })).body.users as { username: string; presence: string }[];
    assert.equal(list.find((u) => u.username === 'kari')?.presence, 'dnd');
    assert.equal(list.find((u) => u.username === 'ola')?.presence, 'available');

    const bad = await server.api('PUT', '/api/v1/me/presence', { token: kari.token, body: { presence: 'asleep' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /presence/);
    await server.api('PUT', '/api/v1/me/presence', { token: kari.token, body: { presence: 'available' } });
  });

  test("a change reaches the user's other tabs, and no one else's", async () => {
    const [tab1, tab2, olaTab] = await sockets();
    // Frames arrive in order: once Ola's tab has a frame sent after Kari's change, it would have had Kari's too.
    const olaMarker = async (presence: string) => {
      await server.api('PUT', '/api/v1/me/presence', { token: ola.token, body: { presence } });
      await olaTab!.next((f) => f.type === 'presence' && f.presence === presence);
    };

    await putPrefs(kari.token, { ringtone: false });
    const pushed = await tab2!.next((f) => f.type === 'preferences');
    assert.equal(pushed.preferences.ringtone, false);
    assert.equal(pushed.preferences.dialScheme, 'sip', 'the whole preferences, not only the change');
    await tab1!.next((f) => f.type === 'preferences');

    await server.api('PUT', '/api/v1/me/presence', { token: kari.token, body: { presence: 'away' } });
    assert.equal((await tab2!.next((f) => f.type === 'presence')).presence, 'away');
    await tab1!.next((f) => f.type === 'presence');

    await server.api('PATCH', `/api/v1/users/${kari.id}`, { token: admin, body: { displayName: 'Kari H. Hansen' } });
    const renamed = await tab2!.next((f) => f.type === 'user' && f.user.displayName === 'Kari H. Hansen');
    assert.equal(renamed.user.presence, 'away', 'the user frame is the whole account, presence included');
    assert.equal(renamed.user.id, kari.id);

    const added = await server.api('POST', `/api/v1/users/${kari.id}/devices`, { token: admin, body: { extension: '211', label: 'Softphone' } });
    assert.equal(added.status, 201);
    await tab2!.next((f) => f.type === 'user' && f.user.devices.some((d: { extension: string }) => d.extension === '211'));
    await server.api('PUT', `/api/v1/users/${kari.id}/default-device`, { token: kari.token, body: { deviceId: added.body.device.id } });
    const moved = await tab1!.next((f) => f.type === 'user' && f.user.devices.find((d: { isDefault: boolean }) => d.isDefault)?.extension === '211');
    assert.ok(moved);
    await server.api('DELETE', `/api/v1/users/${kari.id}/devices/${added.body.device.id}`, { token: admin });
    await tab2!.next((f) => f.type === 'user' && f.user.devices.every((d: { extension: string }) => d.extension !== '211'));

    await olaMarker('dnd');
    assert.deepEqual(
      olaTab!.frames.filter((f) => f.type !== 'hello').map((f) => f.type),
      ['presence'],
      "Ola's tab heard only about Ola",
    );

    // A password change is not an account change the tabs need to hear about.
    const userFrames = tab1!.frames.filter((f) => f.type === 'user').length;
    await server.api('PUT', `/api/v1/users/${kari.id}/password`, { token: admin, body: { password: 'another-kari-password' } });
    await putPrefs(kari.token, { ringtone: true });
    await tab1!.next((f) => f.type === 'preferences' && f.preferences.ringtone === true);
    assert.equal(tab1!.frames.filter((f) => f.type === 'user').length, userFrames);

    // A new tab starts from the current presence.
    const tab3 = await TestSocket.connect(server.url, { token: kari.token });
    assert.equal((await tab3.next((f) => f.type === 'hello')).user.presence, 'away');
    for (const s of [tab1, tab2, olaTab, tab3]) s!.close();
    await server.api('PUT', '/api/v1/me/presence', { token: kari.token, body: { presence: 'available' } });
  });

  test('capabilities: on webhooks the softphone dials and nothing acts on calls', async () => {
    const response = await server.api('GET', '/api/v1/capabilities', { token: kari.token });
    assert.equal(response.status, 200);
    const unavailable = { available: false, reason: 'no_pbx_connection' };
    assert.deepEqual(response.body, {
      backend: 'webhook',
      dial: 'client',
      actions: { answer: unavailable, hangup: unavailable, transfer: unavailable, park: unavailable, record: unavailable, hold: unavailable },
    });
    assert.equal((await server.api('GET', '/api/v1/capabilities')).status, 401);
  });

  test("preferences go when their user goes", async () => {
    const per = await server.user('per', ['203']);
    await putPrefs(per.token, { dialScheme: 'callto' });
    assert.equal((await server.api('DELETE', `/api/v1/users/${per.id}`, { token: admin })).status, 200);
    const left = server.sb.store.sqlite.prepare('SELECT count(*) AS n FROM user_preferences WHERE user_id = ?').get(per.id) as { n: number };
    assert.equal(left.n, 0);
  });
});
