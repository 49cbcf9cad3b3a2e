import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';

interface Device {
  id: number;
  kind: string;
  extension: string;
  e164: string | null;
  label: string;
  isDefault: boolean;
}

const defaults = (devices: Device[]) => devices.filter((d) => d.isDefault).map((d) => d.extension);

describe('users over the API', () => {
  let server: TestServer;
  let admin: string;

  const createUser = (body: unknown) => server.api('POST', '/api/v1/users', { token: admin, body });
  const getUser = async (id: number) => (await server.api('GET', `/api/v1/users/${id}`, { token: admin })).body.user as { devices: Device[] } & Record<string, unknown>;

  before(async () => {
    server = await startTestServer();
    admin = await server.adminToken();
  });
  after(() => server.close());

  test('an admin creates a user with devices; the first device is the default', async () => {
    const response = await createUser({
      username: 'Kari.Nordmann',
      password: 'kari-password',
      displayName: '  Kari Nordmann ',
      language: 'nb',
      devices: [
        { extension: '201', label: 'Desk' },
        { extension: '+47 912 34 567'.replace(/ /g, ''), kind: 'mobile' },
      ],
    });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const { user } = response.body;
    assert.equal(user.username, 'kari.nordmann', 'usernames are stored lower-case');
    assert.equal(user.displayName, 'Kari Nordmann');
    assert.equal(user.role, 'user');
    assert.equal(user.language, 'nb');
    assert.equal(user.disabled, false);
    assert.equal(user.password, undefined);
    assert.equal(user.password_hash, undefined);
    assert.equal(user.devices.length, 2);
    const [desk, mobile] = user.devices as Device[];
    assert.deepEqual({ extension: desk!.extension, kind: desk!.kind, label: desk!.label, isDefault: desk!.isDefault, e164: desk!.e164 }, {
      extension: '201',
      kind: 'desk',
      label: 'Desk',
      isDefault: true,
      e164: null,
    });
    assert.deepEqual({ extension: mobile!.extension, kind: mobile!.kind, isDefault: mobile!.isDefault, e164: mobile!.e164 }, {
      extension: '+4791234567',
      kind: 'mobile',
      isDefault: false,
      e164: '+4791234567',
    });

    // The new user signs in with that password, and the list shows them.
    const login = await server.api('POST', '/api/v1/auth/login', { body: { username: 'kari.nordmann', password: 'kari-password' } });
    assert.equal(login.status, 200);
    const list = await server.api('GET', '/api/v1/users', { token: admin });
    assert.ok(list.body.users.some((u: { id: number }) => u.id === user.id));
    assert.ok(!JSON.stringify(list.body).includes('argon2'), 'no password hashes in the list');
  });

  test('a user without devices can be created; a device whose kind is not given is guessed from the number', async () => {
    const response = await createUser({ username: 'reception', password: 'reception-password' });
    assert.equal(response.status, 201);
    assert.deepEqual(response.body.user.devices, []);
    assert.equal(response.body.user.displayName, 'reception');
    const added = await server.api('POST', `/api/v1/users/${response.body.user.id}/devices`, { token: admin, body: { extension: '+4741234567' } });
    assert.equal(added.status, 201);
    assert.equal(added.body.device.kind, 'mobile');
    assert.equal(added.body.device.isDefault, true, 'the first device becomes the default even when added later');
  });

  test('a taken username is 409, whatever its case', async () => {
    await createUser({ username: 'ola', password: 'ola-password', devices: [{ extension: '202' }] });
    for (const username of ['ola', 'OLA', ' Ola ']) {
      const response = await createUser({ username, password: 'other-password' });
      assert.equal(response.status, 409, username);
      assert.match(response.body.error.message, /^username: /);
    }
  });

  test('an extension that belongs to another device is 409, when creating a user and when adding a device', async () => {
    const taken = await createUser({ username: 'per', password: 'per-password', devices: [{ extension: '203' }, { extension: '202' }] });
    assert.equal(taken.status, 409);
    assert.match(taken.body.error.message, /^extension: 202 /);
    assert.equal(await server.sb.repos.users.byUsername('per'), undefined, 'nothing is created half-way');

    const twice = await createUser({ username: 'per', password: 'per-password', devices: [{ extension: '203' }, { extension: '203' }] });
    assert.equal(twice.status, 400);
    assert.match(twice.body.error.message, /^extension: /);

    const per = await createUser({ username: 'per', password: 'per-password', devices: [{ extension: '203' }] });
    assert.equal(per.status, 201);
    const addTaken = await server.api('POST', `/api/v1/users/${per.body.user.id}/devices`, { token: admin, body: { extension: '201' } });
    assert.equal(addTaken.status, 409);
    assert.match(addTaken.body.error.message, /^extension: 201 /);
  });

  test('bad input is 400 and the message names the field', async () => {
    const cases: [body: Record<string, unknown>, field: RegExp][] = [
      [{ username: 'lise', password: 'lise-password', devices: [{ extension: '20 1' }] }, /^extension: "20 1" /],
      [{ username: 'lise', password: 'lise-password', devices: [{ extension: 'abc' }] }, /^extension: "abc" /],
      [{ username: 'lise', password: 'lise-password', devices: [{ extension: '' }] }, /^devices\.0\.extension: /],
      [{ username: 'lise', password: 'lise-password', devices: [{ extension: '204' }, { extension: '205', kind: 'fax' }] }, /^devices\.1\.kind: /],
      [{ username: 'lise', password: 'short' }, /^password: .*8 characters/],
      [{ username: 'lise', password: '' }, /^password: /],
      [{ username: 'lise' }, /^password: /],
      [{ username: 'lise nilsen', password: 'lise-password' }, /^username: /],
      [{ username: '-lise', password: 'lise-password' }, /^username: /],
      [{ username: 'lise', password: 'lise-password', role: 'root' }, /^role: /],
      [{ username: 'lise', password: 'lise-password', language: 'fr' }, /^language: /],
      [{ username: 'lise', password: 'lise-password', extension: '204' }, /^extension: unknown field/],
    ];
    for (const [body, field] of cases) {
      const response = await createUser(body);
      assert.equal(response.status, 400, `${JSON.stringify(body)} → ${response.status} ${JSON.stringify(response.body)}`);
      assert.equal(response.body.error.code, 'invalid');
      assert.match(response.body.error.message, field, JSON.stringify(body));
    }
    assert.equal(await server.sb.repos.users.byUsername('lise'), undefined);
  });

  test('default device: set it, add a new default, remove the default and another is promoted', async () => {
    const created = await createUser({
      username: 'nina',
      password: 'nina-password',
      devices: [{ extension: '210' }, { extension: '211', kind: 'softphone' }, { extension: '212' }],
    });
    const id = created.body.user.id as number;
    const [d210, d211, d212] = created.body.user.devices as Device[];
    assert.deepEqual(defaults(created.body.user.devices), ['210']);

    // Nina chooses her own default.
    const nina = await tokenFor('nina', 'nina-password');
    const chosen = await server.api('PUT', `/api/v1/users/${id}/default-device`, { token: nina, body: { deviceId: d212!.id } });
    assert.equal(chosen.status, 200);
    assert.deepEqual(defaults(chosen.body.user.devices), ['212']);

    // Another user's device cannot be made hers.
    const ola = (await server.sb.repos.users.byUsername('ola'))!;
    const olaDevice = (await server.sb.repos.users.devices(ola.id))[0]!;
    const foreign = await server.api('PUT', `/api/v1/users/${id}/default-device`, { token: nina, body: { deviceId: olaDevice.id } });
    assert.equal(foreign.status, 404);
    assert.deepEqual(defaults((await getUser(id)).devices), ['212']);
    assert.deepEqual(defaults((await getUser(ola.id)).devices), ['202']);
    const bad = await server.api('PUT', `/api/v1/users/${id}/default-device`, { token: nina, body: { deviceId: 'x' } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /^deviceId: /);

    // A device added as default takes over.
    const added = await server.api('POST', `/api/v1/users/${id}/devices`, { token: admin, body: { extension: '213', isDefault: true } });
    assert.equal(added.status, 201);
    assert.equal(added.body.device.isDefault, true);
    assert.deepEqual(defaults((await getUser(id)).devices), ['213']);

    // Removing the default promotes the oldest remaining device; removing another changes nothing.
    assert.equal((await server.api('DELETE', `/api/v1/users/${id}/devices/${added.body.device.id}`, { token: admin })).status, 200);
    assert.deepEqual(defaults((await getUser(id)).devices), ['210']);
    assert.equal((await server.api('DELETE', `/api/v1/users/${id}/devices/${d211!.id}`, { token: admin })).status, 200);
    assert.deepEqual(defaults((await getUser(id)).devices), ['210']);
    assert.equal((await server.api('DELETE', `/api/v1/users/${id}/devices/${d210!.id}`, { token: admin })).status, 200);
    const left = (await getUser(id)).devices;
    assert.deepEqual(left.map((d) => d.extension), ['212']);
    assert.deepEqual(defaults(left), ['212']);
    // A device of someone else, through this user's URL: not found, and untouched.
    assert.equal((await server.api('DELETE', `/api/v1/users/${id}/devices/${olaDevice.id}`, { token: admin })).status, 404);
    assert.equal((await getUser(ola.id)).devices.length, 1);
    // A removed extension is free again.
    const reuse = await server.api('POST', `/api/v1/users/${ola.id}/devices`, { token: admin, body: { extension: '211' } });
    assert.equal(reuse.status, 201);
  });

  test('a user reads and changes their own name and language, but not their role, nor anyone else', async () => {
    const created = await createUser({ username: 'tor', password: 'tor-password', devices: [{ extension: '220' }] });
    const id = created.body.user.id as number;
    const tor = await tokenFor('tor', 'tor-password');
    const ola = (await server.sb.repos.users.byUsername('ola'))!;

    const self = await server.api('GET', `/api/v1/users/${id}`, { token: tor });
    assert.equal(self.status, 200);
    assert.equal(self.body.user.username, 'tor');

    const patched = await server.api('PATCH', `/api/v1/users/${id}`, { token: tor, body: { displayName: 'Tor Olsen', language: 'de' } });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.user.displayName, 'Tor Olsen');
    assert.equal(patched.body.user.language, 'de');
    const me = await server.api('GET', '/api/v1/auth/me', { token: tor });
    assert.equal(me.body.user.displayName, 'Tor Olsen');
    assert.equal(me.body.user.language, 'de');

    for (const body of [{ role: 'admin' }, { disabled: true }, { displayName: 'Tor', role: 'admin' }]) {
      const refused = await server.api('PATCH', `/api/v1/users/${id}`, { token: tor, body });
      assert.equal(refused.status, 403, JSON.stringify(body));
    }
    const unchanged = await getUser(id);
    assert.equal(unchanged.role, 'user');
    assert.equal(unchanged.displayName, 'Tor Olsen', 'a refused request changes nothing, not even the allowed part');

    const badLanguage = await server.api('PATCH', `/api/v1/users/${id}`, { token: tor, body: { language: 'fr' } });
    assert.equal(badLanguage.status, 400);
    assert.match(badLanguage.body.error.message, /^language: /);
    const emptyName = await server.api('PATCH', `/api/v1/users/${id}`, { token: tor, body: { displayName: '   ' } });
    assert.equal(emptyName.status, 400);
    assert.match(emptyName.body.error.message, /^displayName: /);

    assert.equal((await server.api('GET', `/api/v1/users/${ola.id}`, { token: tor })).status, 403);
    assert.equal((await server.api('PATCH', `/api/v1/users/${ola.id}`, { token: tor, body: { displayName: 'Hacked' } })).status, 403);
    assert.equal((await server.api('PUT', `/api/v1/users/${ola.id}/default-device`, { token: tor, body: { deviceId: 1 } })).status, 403);
    assert.equal((await server.api('GET', '/api/v1/users', { token: tor })).status, 403);
    assert.equal((await server.api('POST', `/api/v1/users/${id}/devices`, { token: tor, body: { extension: '221' } })).status, 403);
    assert.notEqual((await getUser(ola.id)).displayName, 'Hacked');

    // An admin may change roles, but cannot demote, disable or delete themselves.
    const promoted = await server.api('PATCH', `/api/v1/users/${id}`, { token: admin, body: { role: 'admin' } });
    assert.equal(promoted.status, 200);
    assert.equal(promoted.body.user.role, 'admin');
    assert.equal((await server.api('GET', '/api/v1/users', { token: tor })).status, 200, 'the new role applies at once');
    const adminId = (await server.sb.repos.users.byUsername('admin'))!.id;
    assert.equal((await server.api('PATCH', `/api/v1/users/${adminId}`, { token: admin, body: { role: 'user' } })).status, 403);
    assert.equal((await server.api('PATCH', `/api/v1/users/${adminId}`, { token: admin, body: { disabled: true } })).status, 403);
    assert.equal((await server.api('DELETE', `/api/v1/users/${adminId}`, { token: admin })).status, 403);
    assert.equal((await getUser(adminId)).role, 'admin');
  });

  test('deleting a user ends their token and frees their extensions', async () => {
    const created = await createUser({ username: 'vidar', password: 'vidar-password', devices: [{ extension: '230' }] });
    const id = created.body.user.id as number;
    const vidar = await tokenFor('vidar', 'vidar-password');
    assert.equal((await server.api('GET', '/api/v1/auth/me', { token: vidar })).status, 200);
    assert.equal((await server.api('DELETE', `/api/v1/users/${id}`, { token: admin })).status, 200);
    assert.equal((await server.api('GET', '/api/v1/auth/me', { token: vidar })).status, 401);
    assert.equal((await server.api('GET', `/api/v1/users/${id}`, { token: admin })).status, 404);
    assert.equal((await server.api('DELETE', `/api/v1/users/${id}`, { token: admin })).status, 404);
    const again = await createUser({ username: 'vidar', password: 'vidar-password', devices: [{ extension: '230' }] });
    assert.equal(again.status, 201);
  });

  /** Signs in over the API (the way a user would) and turns the session into an API token. */
  async function tokenFor(username: string, password: string): Promise<string> {
    const login = await server.api('POST', '/api/v1/auth/login', { body: { username, password } });
    assert.equal(login.status, 200);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('sb_session='))!.split(';')[0]!;
    const token = await server.api('POST', '/api/v1/tokens', { headers: { cookie }, body: { name: 'test' } });
    assert.equal(token.status, 201);
    return token.body.token as string;
  }
});
