import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, sleep, startTestServer, type TestServer } from '../support/server.js';

/** A parsed Set-Cookie header: the value and its attributes, names lower-cased. */
interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
}

function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...rest] = header.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  const attributes = new Map<string, string>();
  for (const part of rest) {
    const i = part.indexOf('=');
    attributes.set((i < 0 ? part : part.slice(0, i)).toLowerCase(), i < 0 ? '' : part.slice(i + 1));
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes };
}

function sessionCookie(headers: Headers): SetCookie {
  const cookies = headers.getSetCookie().map(parseSetCookie).filter((c) => c.name === 'sb_session');
  assert.equal(cookies.length, 1, `expected one sb_session cookie, got ${JSON.stringify(headers.getSetCookie())}`);
  return cookies[0]!;
}

async function login(server: TestServer, username: string, password: string, headers: Record<string, string> = {}) {
  const response = await server.api('POST', '/api/v1/auth/login', { body: { username, password }, headers });
  const cookie = response.status === 200 ? sessionCookie(response.headers) : undefined;
  return { ...response, cookie, cookieHeader: cookie ? `sb_session=${cookie.value}` : undefined };
}

/** Every route a caller must be signed in for (everything but health, login and the webhooks). */
const PROTECTED: [method: string, url: string][] = [
  ['GET', '/api/v1/auth/me'],
  ['POST', '/api/v1/auth/logout'],
  ['GET', '/api/v1/tokens'],
  ['POST', '/api/v1/tokens'],
  ['DELETE', '/api/v1/tokens/1'],
  ['GET', '/api/v1/users'],
  ['POST', '/api/v1/users'],
  ['GET', '/api/v1/users/1'],
  ['PATCH', '/api/v1/users/1'],
  ['DELETE', '/api/v1/users/1'],
  ['PUT', '/api/v1/users/1/password'],
  ['POST', '/api/v1/users/1/devices'],
  ['DELETE', '/api/v1/users/1/devices/1'],
  ['PUT', '/api/v1/users/1/default-device'],
  ['GET', '/api/v1/sources'],
  ['GET', '/api/v1/sources/dialects'],
  ['POST', '/api/v1/sources'],
  ['GET', '/api/v1/sources/pbx'],
  ['POST', '/api/v1/sources/pbx/rotate-secret'],
  ['DELETE', '/api/v1/sources/pbx'],
  ['PATCH', '/api/v1/sources/pbx'],
  ['POST', '/api/v1/calls/pbx:1.1/answer'],
  ['POST', '/api/v1/calls/pbx:1.1/hangup'],
  ['POST', '/api/v1/calls/pbx:1.1/transfer'],
  ['POST', '/api/v1/calls/pbx:1.1/transfer/cancel'],
  ['POST', '/api/v1/calls/pbx:1.1/park'],
  ['POST', '/api/v1/calls/pbx:1.1/record'],
  ['POST', '/api/v1/calls/pbx:1.1/spy'],
  ['POST', '/api/v1/parking/701/pickup'],
  ['GET', '/api/v1/me/forwarding'],
  ['PUT', '/api/v1/me/forwarding'],
  ['POST', '/api/v1/queues/support/members/me'],
  ['GET', '/api/v1/contacts'],
  ['GET', '/api/v1/contacts?q=a'],
  ['GET', '/api/v1/contacts/speeddial'],
  ['GET', '/api/v1/contacts/export'],
  ['POST', '/api/v1/contacts/import'],
  ['GET', '/api/v1/contacts/1'],
  ['POST', '/api/v1/contacts'],
  ['PUT', '/api/v1/contacts/1'],
  ['DELETE', '/api/v1/contacts/1'],
  ['GET', '/api/v1/identify?number=22334455'],
  ['GET', '/api/v1/calls'],
  ['GET', '/api/v1/calls/missed'],
  ['GET', '/api/v1/calls/active'],
  ['GET', '/api/v1/calls/pbx:1'],
  ['GET', '/api/v1/calls/pbx:1/notes'],
  ['POST', '/api/v1/calls/pbx:1/notes'],
  ['GET', '/api/v1/settings/numbering'],
  ['PUT', '/api/v1/settings/numbering'],
  ['POST', '/api/v1/numbers/check'],
];

describe('authentication and sessions', () => {
  let server: TestServer;
  let admin: string;
  let kari: { id: number; token: string };
  let ola: { id: number; token: string };

  before(async () => {
    server = await startTestServer();
    admin = await server.adminToken();
    kari = await server.user('kari', ['201']);
    ola = await server.user('ola', ['202']);
  });
  after(() => server.close());

  test('health is public and says the database answers', async () => {
    const response = await server.api('GET', '/api/v1/health');
    assert.equal(response.status, 200);
    assert.equal(response.body.status, 'ok');
    assert.equal(response.body.database, 'ok');
    assert.match(response.body.version, /^\d+\.\d+\.\d+/);
  });

  test('every other endpoint answers 401 without credentials, and with wrong ones', async () => {
    for (const [method, url] of PROTECTED) {
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer sbt_not-a-real-token' }, { cookie: 'sb_session=forged' }];
      for (const headers of attempts) {
        const response = await server.api(method, url, { body, headers });
        assert.equal(response.status, 401, `${method} ${url} with ${JSON.stringify(headers)}: ${response.status} ${JSON.stringify(response.body)}`);
        assert.equal(response.body.error.code, 'unauthenticated', `${method} ${url}`);
      }
    }
    // The same routes exist: with a token they are not 401 (guards the list against typos).
    for (const [method, url] of PROTECTED.filter(([m]) => m === 'GET')) {
      const response = await server.api(method, url, { token: admin });
      assert.notEqual(response.status, 401, `${method} ${url} with a token`);
    }
  });

  test('a wrong password is refused with the same answer as an unknown user, and sets no cookie', async () => {
    const wrong = await login(server, 'kari', 'not-her-password');
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.headers.getSetCookie(), []);
    const unknown = await login(server, 'nobody-here', 'whatever-password');
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.message, wrong.body.error.message);
  });

  test('the right password sets an HttpOnly, SameSite=Lax session cookie, not Secure over plain http', async () => {
    const response = await login(server, 'kari', 'kari-password');
    assert.equal(response.status, 200);
    assert.equal(response.body.user.username, 'kari');
    assert.equal(response.body.user.id, kari.id);
    assert.equal(response.body.user.password_hash, undefined);
    const cookie = response.cookie!;
    assert.ok(cookie.value.length >= 40, 'a long random session id');
    assert.ok(cookie.attributes.has('httponly'));
    assert.equal(cookie.attributes.get('samesite')?.toLowerCase(), 'lax');
    assert.equal(cookie.attributes.get('path'), '/');
    assert.equal(cookie.attributes.has('secure'), false);
    const expires = Date.parse(cookie.attributes.get('expires') ?? '');
    assert.ok(Math.abs(expires - response.body.expiresAt) < 1000, 'the cookie expires with the session');
    // Usernames are case-insensitive.
    assert.equal((await login(server, '  KARI ', 'kari-password')).status, 200);
  });

  test('/auth/me answers with the cookie, for the user it belongs to', async () => {
    const { cookieHeader } = await login(server, 'ola', 'ola-password');
    const me = await server.api('GET', '/api/v1/auth/me', { headers: { cookie: cookieHeader! } });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, ola.id);
    assert.equal(me.body.user.username, 'ola');
    assert.deepEqual(
      me.body.user.devices.map((d: { extension: string }) => d.extension),
      ['202'],
    );
  });

  test('logout ends the session on the server: the same cookie no longer works', async () => {
    const { cookieHeader } = await login(server, 'kari', 'kari-password');
    assert.equal((await server.api('GET', '/api/v1/auth/me', { headers: { cookie: cookieHeader! } })).status, 200);
    const out = await server.api('POST', '/api/v1/auth/logout', { headers: { cookie: cookieHeader! } });
    assert.equal(out.status, 200);
    const cleared = sessionCookie(out.headers);
    assert.equal(cleared.value, '');
    assert.ok(Date.parse(cleared.attributes.get('expires') ?? '') < Date.now(), 'the browser is told to drop it');
    // A client that ignores the clearing header still cannot use the old cookie.
    const again = await server.api('GET', '/api/v1/auth/me', { headers: { cookie: cookieHeader! } });
    assert.equal(again.status, 401);
  });

  test('with a cookie, an unsafe request from a foreign origin is refused; same-origin and token requests pass', async () => {
    const { cookieHeader } = await login(server, 'kari', 'kari-password');
    const cookie = { cookie: cookieHeader! };
    const before = (await server.api('GET', '/api/v1/tokens', { headers: cookie })).body.tokens.length;

    for (const origin of ['https://evil.example', 'null', `${server.url.replace('127.0.0.1', 'localhost')}`]) {
      const foreign = await server.api('POST', '/api/v1/tokens', { body: { name: 'csrf' }, headers: { ...cookie, origin } });
      assert.equal(foreign.status, 403, `origin ${origin}`);
      assert.equal(foreign.body.error.code, 'forbidden');
    }
    const refusedLogout = await server.api('POST', '/api/v1/auth/logout', { headers: { ...cookie, origin: 'https://evil.example' } });
    assert.equal(refusedLogout.status, 403);
    assert.equal((await server.api('GET', '/api/v1/tokens', { headers: cookie })).body.tokens.length, before, 'nothing was created');

    // Reading is not guarded by Origin (the browser's same-origin policy keeps the answer from the page).
    assert.equal((await server.api('GET', '/api/v1/auth/me', { headers: { ...cookie, origin: 'https://evil.example' } })).status, 200);

    const same = await server.api('POST', '/api/v1/tokens', { body: { name: 'same-origin' }, headers: { ...cookie, origin: server.url } });
    assert.equal(same.status, 201);
    const noOrigin = await server.api('POST', '/api/v1/tokens', { body: { name: 'no-origin' }, headers: cookie });
    assert.equal(noOrigin.status, 201);
    // Browsers never attach bearer tokens by themselves: no origin check for them.
    const withToken = await server.api('POST', '/api/v1/tokens', { token: kari.token, body: { name: 'script' }, headers: { origin: 'https://evil.example' } });
    assert.equal(withToken.status, 201);
  });

  test('the stored password is an argon2id hash, not the password', async () => {
    const row = await server.sb.repos.users.byUsername('kari');
    assert.ok(row);
    const [, algorithm, version, params, salt, hash] = row.password_hash.split('$');
    assert.equal(algorithm, 'argon2id');
    assert.equal(version, 'v=19');
    const cost = Object.fromEntries(params!.split(',').map((kv) => kv.split('=') as [string, string]));
    // OWASP's argon2id baseline: 19 MiB, 2 passes.
    assert.ok(Number(cost.m) >= 19456, `argon2 memory ${cost.m} KiB`);
    assert.ok(Number(cost.t) >= 2, `argon2 passes ${cost.t}`);
    assert.ok(salt!.length >= 16 && hash!.length >= 32);
    assert.ok(!row.password_hash.includes('kari-password'));
    // A salt per user: the same password twice gives two different hashes.
    const admin = await server.sb.repos.users.byUsername('admin');
    assert.notEqual(admin!.password_hash, row.password_hash);
  });

  test('API tokens: the created token works, the list never shows it, deleting revokes it', async () => {
    const created = await server.api('POST', '/api/v1/tokens', { token: ola.token, body: { name: 'crm bridge' } });
    assert.equal(created.status, 201);
    const { token, id } = created.body;
    assert.match(token, /^sbt_[A-Za-z0-9_-]{40,}$/);
    assert.equal(created.body.name, 'crm bridge');

    const me = await server.api('GET', '/api/v1/auth/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, ola.id);

    const listed = await server.api('GET', '/api/v1/tokens', { token: ola.token });
    assert.equal(listed.status, 200);
    const entry = listed.body.tokens.find((t: { id: number }) => t.id === id);
    assert.ok(entry, 'the new token is listed');
    assert.equal(entry.name, 'crm bridge');
    assert.ok(token.startsWith(entry.prefix) && entry.prefix.length < 16, 'only a short prefix identifies it');
    assert.equal(typeof entry.lastUsedAt, 'number', 'using it was recorded');
    const text = JSON.stringify(listed.body);
    assert.ok(!text.includes(token), 'the list does not reveal the token');
    assert.ok(!text.includes(token.slice(12)), 'nor most of it');
    assert.ok(!/hash/i.test(text), 'nor its hash');
    const stored = await server.sb.repos.credentials.tokenByHash(token);
    assert.equal(stored, undefined, 'the database holds a hash, not the token');

    // Someone else's token list does not show it, and they cannot delete it.
    const kariList = await server.api('GET', '/api/v1/tokens', { token: kari.token });
    assert.ok(!kariList.body.tokens.some((t: { id: number }) => t.id === id));
    assert.equal((await server.api('DELETE', `/api/v1/tokens/${id}`, { token: kari.token })).status, 404);
    assert.equal((await server.api('GET', '/api/v1/auth/me', { token })).status, 200);

    assert.equal((await server.api('DELETE', `/api/v1/tokens/${id}`, { token: ola.token })).status, 200);
    assert.equal((await server.api('GET', '/api/v1/auth/me', { token })).status, 401);
    assert.equal((await server.api('DELETE', `/api/v1/tokens/${id}`, { token: ola.token })).status, 404);
    assert.equal((await server.api('POST', '/api/v1/tokens', { token: ola.token, body: { name: '  ' } })).status, 400);
  });

  test("a user's token cannot reach admin routes", async () => {
    const adminOnly: [string, string, unknown?][] = [
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users', { username: 'mallory', password: 'mallory-password', role: 'admin' }],
      ['DELETE', `/api/v1/users/${ola.id}`],
      ['POST', `/api/v1/users/${kari.id}/devices`, { extension: '299' }],
      ['GET', '/api/v1/sources'],
      ['POST', '/api/v1/sources', { name: 'mine', dialect: 'native' }],
      ['PUT', '/api/v1/settings/numbering', { defaultRegion: 'DE', outsideLinePrefix: '', extensionPattern: '\\d{3}' }],
      ['POST', '/api/v1/numbers/check'],
    ];
    for (const [method, url, body] of adminOnly) {
      const response = await server.api(method, url, { token: kari.token, body });
      assert.equal(response.status, 403, `${method} ${url}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.error.code, 'forbidden');
    }
    assert.equal(await server.sb.repos.users.byUsername('mallory'), undefined);
    assert.equal((await server.sb.sources.list()).length, 0);
    assert.equal(server.sb.numbering.settings().defaultRegion, 'NO');
    // The same requests with the admin's token go through.
    assert.equal((await server.api('GET', '/api/v1/users', { token: admin })).status, 200);
  });

  test('changing one\'s own password needs the current one, and ends every session', async () => {
    const user = await server.user('petter', ['205']);
    const first = await login(server, 'petter', 'petter-password');
    const second = await login(server, 'petter', 'petter-password');
    const url = `/api/v1/users/${user.id}/password`;

    const missing = await server.api('PUT', url, { token: user.token, body: { password: 'new-password-1' } });
    assert.equal(missing.status, 403);
    assert.match(missing.body.error.message, /currentPassword/);
    const wrong = await server.api('PUT', url, { token: user.token, body: { password: 'new-password-1', currentPassword: 'guess-guess' } });
    assert.equal(wrong.status, 403);
    const short = await server.api('PUT', url, { token: user.token, body: { password: 'short', currentPassword: 'petter-password' } });
    assert.equal(short.status, 400);
    assert.match(short.body.error.message, /^password: .*8/);
    // Nothing changed so far: the sessions still work.
    assert.equal((await server.api('GET', '/api/v1/auth/me', { headers: { cookie: first.cookieHeader! } })).status, 200);

    // Changed from the first session, with a cookie, from our own origin.
    const changed = await server.api('PUT', url, {
      headers: { cookie: first.cookieHeader!, origin: server.url },
      body: { password: 'new-password-1', currentPassword: 'petter-password' },
    });
    assert.equal(changed.status, 200);
    for (const session of [first, second]) {
      assert.equal((await server.api('GET', '/api/v1/auth/me', { headers: { cookie: session.cookieHeader! } })).status, 401);
    }
    assert.equal((await login(server, 'petter', 'petter-password')).status, 401);
    assert.equal((await login(server, 'petter', 'new-password-1')).status, 200);

    // Someone else's password: a user may not, an admin may without knowing the old one.
    const other = await server.api('PUT', url, { token: kari.token, body: { password: 'kari-sets-this', currentPassword: 'new-password-1' } });
    assert.equal(other.status, 403);
    const reset = await server.api('PUT', url, { token: admin, body: { password: 'reset-by-admin' } });
    assert.equal(reset.status, 200);
    assert.equal((await login(server, 'petter', 'reset-by-admin')).status, 200);
    // …but an admin changing their own password proves they know it, like everyone else.
    const adminRow = await server.sb.repos.users.byUsername('admin');
    const adminSelf = await server.api('PUT', `/api/v1/users/${adminRow!.id}/password`, { token: admin, body: { password: 'a-new-admin-password' } });
    assert.equal(adminSelf.status, 403);
    assert.equal((await login(server, 'admin', ADMIN_PASSWORD)).status, 200);
  });

  test('a disabled user can neither sign in nor use a session or token; enabling restores the token', async () => {
    const user = await server.user('siri', ['206']);
    const session = await login(server, 'siri', 'siri-password');
    assert.equal(session.status, 200);

    const disabled = await server.api('PATCH', `/api/v1/users/${user.id}`, { token: admin, body: { disabled: true } });
    assert.equal(disabled.status, 200);
    assert.equal(disabled.body.user.disabled, true);

    const refused = await login(server, 'siri', 'siri-password');
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.headers.getSetCookie(), []);
    assert.equal((await server.api('GET', '/api/v1/auth/me', { token: user.token })).status, 401);
    assert.equal((await server.api('GET', '/api/v1/auth/me', { headers: { cookie: session.cookieHeader! } })).status, 401);

    assert.equal((await server.api('PATCH', `/api/v1/users/${user.id}`, { token: admin, body: { disabled: false } })).status, 200);
    assert.equal((await server.api('GET', '/api/v1/auth/me', { token: user.token })).status, 200);
    // Disabling ended the session for good: it does not come back with the account.
    assert.equal((await server.api('GET', '/api/v1/auth/me', { headers: { cookie: session.cookieHeader! } })).status, 401);
    assert.equal((await login(server, 'siri', 'siri-password')).status, 200);
  });
});

describe('the session cookie is Secure when it should be', () => {
  test("secureCookie 'always' marks it Secure even over plain http", async () => {
    const server = await startTestServer({ SWITCHBOARD_AUTH_SECURE_COOKIE: 'always' });
    try {
      const response = await login(server, 'admin', ADMIN_PASSWORD);
      assert.equal(response.status, 200);
      assert.ok(response.cookie!.attributes.has('secure'));
      assert.ok(response.cookie!.attributes.has('httponly'));
    } finally {
      await server.close();
    }
  });

  test("'auto' behind a trusted proxy follows X-Forwarded-Proto; an untrusted header is ignored", async () => {
    const proxied = await startTestServer({ SWITCHBOARD_SERVER_TRUST_PROXY: 'true' });
    const direct = await startTestServer();
    try {
      const https = await login(proxied, 'admin', ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
      assert.ok(https.cookie!.attributes.has('secure'));
      const http = await login(proxied, 'admin', ADMIN_PASSWORD, { 'x-forwarded-proto': 'http' });
      assert.equal(http.cookie!.attributes.has('secure'), false);
      const spoofed = await login(direct, 'admin', ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
      assert.equal(spoofed.cookie!.attributes.has('secure'), false);
    } finally {
      await proxied.close();
      await direct.close();
    }
  });
});

/**
 * The limiter counts failures per address and per username. Decided here: an account under
 * attack is throttled from every address (otherwise an attacker rotating addresses guesses
 * freely), the attacking address is throttled for every account (password spraying), and nobody
 * else is affected. The throttle ends when the window passes; it is not a permanent lock.
 */
describe('login rate limit', () => {
  let server: TestServer;
  const WINDOW_SECONDS = 3;
  const from = (ip: string) => ({ 'x-forwarded-for': ip });

  before(async () => {
    server = await startTestServer({
      SWITCHBOARD_AUTH_LOGIN_ATTEMPTS: '3',
      SWITCHBOARD_AUTH_LOGIN_WINDOW_SECONDS: String(WINDOW_SECONDS),
      SWITCHBOARD_SERVER_TRUST_PROXY: 'true',
    });
    await server.user('kari', ['201']);
    await server.user('ola', ['202']);
  });
  after(() => server.close());

  test('after too many failures: 429 with Retry-After, even for the right password; others unaffected; over when the window passes', async () => {
    const attacker = from('203.0.113.7');
    let firstFailureBefore = 0;
    for (let i = 0; i < 3; i++) {
      assert.equal((await login(server, 'kari', `guess-${i}-guess`, attacker)).status, 401);
      if (i === 0) firstFailureBefore = Date.now();
    }

    const limited = await login(server, 'kari', 'kari-password', attacker);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'rate_limited');
    assert.deepEqual(limited.headers.getSetCookie(), []);
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW_SECONDS, `Retry-After ${limited.headers.get('retry-after')}`);

    // The attacked account, from another address: still throttled.
    assert.equal((await login(server, 'kari', 'kari-password', from('198.51.100.20'))).status, 429);
    // The attacking address, for another account: throttled (spraying).
    assert.equal((await login(server, 'ola', 'ola-password', attacker)).status, 429);
    // Anyone else, anywhere else: unaffected.
    assert.equal((await login(server, 'ola', 'ola-password', from('198.51.100.21'))).status, 200);
    assert.equal((await login(server, 'admin', ADMIN_PASSWORD, from('198.51.100.22'))).status, 200);

    assert.ok(Date.now() - firstFailureBefore < WINDOW_SECONDS * 1000, 'the checks above ran inside the window; raise WINDOW_SECONDS if this fails');
    // Once the oldest failure leaves the window, the account is below the limit again.
    await sleep(firstFailureBefore + WINDOW_SECONDS * 1000 + 50 - Date.now());
    assert.equal((await login(server, 'kari', 'kari-password', from('198.51.100.20'))).status, 200);
  });

  test('failures below the limit lock nobody out, and a success starts the count afresh', async () => {
    const office = from('192.0.2.10');
    for (let round = 0; round < 2; round++) {
      assert.equal((await login(server, 'ola', 'typo-typo', office)).status, 401);
      assert.equal((await login(server, 'ola', 'typo-typo-2', office)).status, 401);
      assert.equal((await login(server, 'ola', 'ola-password', office)).status, 200, `round ${round}`);
    }
  });
});
