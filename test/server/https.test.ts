import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../support/server.js';

const haveOpenssl = spawnSync('openssl', ['version']).status === 0;

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  authorized: boolean;
}

/** One HTTPS request that trusts exactly our self-signed certificate. */
function httpsRequest(url: string, ca: Buffer, options: { method?: string; body?: unknown } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      { method: options.method ?? 'GET', ca, headers: body ? { 'content-type': 'application/json' } : {} },
      (res) => {
        let text = '';
        const authorized = (res.socket as TLSSocket).authorized;
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, authorized }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTPS', { skip: haveOpenssl ? false : 'openssl is not installed' }, () => {
  let dir: string;
  let cert: Buffer;
  let server: TestServer;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'switchboard-tls-'));
    const made = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-days', '1', '-keyout', 'key.pem', '-out', 'cert.pem'],
      { cwd: dir, encoding: 'utf8' },
    );
    assert.equal(made.status, 0, made.stderr);
    cert = readFileSync(path.join(dir, 'cert.pem'));
    server = await startTestServer({ SWITCHBOARD_SERVER_TLS_CERT: path.join(dir, 'cert.pem'), SWITCHBOARD_SERVER_TLS_KEY: path.join(dir, 'key.pem') });
  });
  after(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the server speaks HTTPS with the configured certificate', async () => {
    assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await httpsRequest(`${server.url}/api/v1/health`, cert);
    assert.equal(health.authorized, true, 'the certificate we generated, verified');
    assert.equal(health.status, 200);
    assert.equal(JSON.parse(health.body).status, 'ok');
    // Plain HTTP on the same port gets no API answer.
    const plain = await fetch(`${server.url.replace(/^https/, 'http')}/api/v1/health`).then(
      (r) => r.status,
      () => 'refused',
    );
    assert.notEqual(plain, 200);
  });

  test('webhook URLs are printed with https', async () => {
    const { url } = await server.source('pbx', 'native');
    assert.equal(url, `${server.url}/api/v1/hooks/pbx`);
  });

  test('the session cookie is Secure and HttpOnly over HTTPS', async () => {
    const login = await httpsRequest(`${server.url}/api/v1/auth/login`, cert, { method: 'POST', body: { username: 'admin', password: ADMIN_PASSWORD } });
    assert.equal(login.status, 200, login.body);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('sb_session='));
    assert.ok(cookie, 'a session cookie is set');
    assert.match(cookie, /;\s*Secure\b/i);
    assert.match(cookie, /;\s*HttpOnly\b/i);
  });

  test('over plain HTTP the same cookie is not marked Secure (it could not be sent back)', async () => {
    const plain = await startTestServer();
    try {
      const login = await plain.api('POST', '/api/v1/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } });
      assert.equal(login.status, 200);
      const cookie = login.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^sb_session=/);
      assert.doesNotMatch(cookie, /;\s*Secure\b/i);
    } finally {
      await plain.close();
    }
  });
});
