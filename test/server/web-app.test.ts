import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; media-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
const INDEX = '<!doctype html><title>Switchboard</title><div id="root"></div><script type="module" src="/assets/x.js"></script>';
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

const assertSecurityHeaders = (headers: Headers, what: string) => {
  assert.equal(headers.get('content-security-policy'), CSP, what);
  assert.equal(headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(headers.get('referrer-policy'), 'same-origin', what);
  assert.equal(headers.get('x-frame-options'), 'DENY', what);
};

/** The built web app served next to the API: files, the single-page fallback, caching and security headers. */
describe('serving the web app', () => {
  let server: TestServer;
  let webRoot: string;
  const get = (url: string, headers: Record<string, string> = {}, method = 'GET') => fetch(`${server.url}${url}`, { method, headers });

  before(async () => {
    webRoot = mkdtempSync(path.join(tmpdir(), 'switchboard-web-'));
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'index.html'), INDEX);
    writeFileSync(path.join(webRoot, 'assets', 'x.js'), 'console.log("app");\n');
    writeFileSync(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(path.join(webRoot, '.env'), 'SECRET=1\n');
    server = await startTestServer({ SWITCHBOARD_SERVER_WEB_ROOT: webRoot });
  });
  after(async () => {
    await server.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  test('GET / is the app, never cached, with the security headers', async () => {
    const response = await get('/', HTML);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/html/);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.equal(await response.text(), INDEX);
    assertSecurityHeaders(response.headers, 'GET /');
  });

  test('hashed assets are cached for good; other files are revalidated', async () => {
    const script = await get('/assets/x.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type')!, /javascript/);
    assert.equal(script.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(await script.text(), 'console.log("app");\n');
    assertSecurityHeaders(script.headers, 'an asset');
    const icon = await get('/favicon.svg');
    assert.equal(icon.status, 200);
    assert.equal(icon.headers.get('cache-control'), 'no-cache');
    assert.equal((await get('/.env')).status, 404, 'dotfiles are not served');
  });

  test("a page of the app opened directly gets index.html; the app's router takes it from there", async () => {
    for (const url of ['/calls', '/card/%2B4722334455', '/settings?tab=phone']) {
      const response = await get(url, HTML);
      assert.equal(response.status, 200, url);
      assert.equal(response.headers.get('cache-control'), 'no-cache', url);
      assert.equal(await response.text(), INDEX, url);
    }
  });

  test('no fallback for the API, for POST, for missing assets, or for clients that do not want HTML', async () => {
    const api = await get('/api/v1/nope', HTML);
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type')!, /application\/json/);
    assert.deepEqual(await api.json(), { error: { code: 'not_found', message: 'no route GET /api/v1/nope' } });
    assertSecurityHeaders(api.headers, 'an API 404');

    const post = await get('/calls', HTML, 'POST');
    assert.equal(post.status, 404);
    assert.equal(((await post.json()) as { error: { code: string } }).error.code, 'not_found');

    assert.equal((await get('/assets/missing.js', HTML)).status, 404);
    const json = await get('/calls', { accept: 'application/json' });
    assert.equal(json.status, 404);
    assert.equal(((await json.json()) as { error: { code: string } }).error.code, 'not_found');
  });

  test('API responses carry the security headers too', async () => {
    const health = await get('/api/v1/health');
    assert.equal(health.status, 200);
    assertSecurityHeaders(health.headers, 'the health check');
    const refused = await get('/api/v1/auth/me');
    assert.equal(refused.status, 401);
    assertSecurityHeaders(refused.headers, 'an API error');
  });
});

describe('without a built web app', () => {
  for (const [what, make] of [
    ['a web root without index.html', () => mkdtempSync(path.join(tmpdir(), 'switchboard-web-empty-'))],
    ['a web root that does not exist', () => path.join(tmpdir(), `switchboard-web-missing-${process.pid}-${Date.now()}`)],
  ] as const) {
    test(`${what}: GET / says the server runs and how to build the app`, async () => {
      const webRoot = make();
      const server = await startTestServer({ SWITCHBOARD_SERVER_WEB_ROOT: webRoot });
      try {
        const response = await fetch(`${server.url}/`, { headers: HTML });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type')!, /^text\/plain/);
        const text = await response.text();
        assert.match(text, /^Switchboard \S+ is running\. The API is under \/api\/v1/);
        assert.match(text, /web app is not built.*npm run build:web/);
        assertSecurityHeaders(response.headers, 'the plain-text page');
        const page = await fetch(`${server.url}/calls`, { headers: HTML });
        assert.equal(page.status, 404, 'nothing to fall back to');
        assert.equal(((await page.json()) as { error: { code: string } }).error.code, 'not_found');
      } finally {
        await server.close();
        rmSync(webRoot, { recursive: true, force: true });
      }
    });
  }
});
