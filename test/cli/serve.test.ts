import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { createLogger } from '../../src/app/logger.js';
import { createSwitchboard } from '../../src/app/switchboard.js';
import { loadConfig } from '../../src/config/load.js';
import { databaseFile } from '../../src/store/database.js';
import { runCli, startServe, type ServeProcess } from '../support/cli.js';

/** Waits for the process to end, failing if it takes longer than `ms`. */
async function exitWithin(serve: ServeProcess, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      serve.child.kill('SIGKILL');
      reject(new Error(`still running ${ms} ms after SIGTERM\nstdout: ${serve.stdout().slice(-2000)}\nstderr: ${serve.stderr()}`));
    }, ms);
  });
  try {
    return await Promise.race([serve.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const login = (url: string, password: string) =>
  fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });

describe('switchboard serve as a process', () => {
  let root: string;
  let dataDir: string;

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'switchboard-serve-'));
    dataDir = path.join(root, 'data');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('the first start prints a generated admin password that signs in; SIGTERM stops it cleanly', async () => {
    const serve = await startServe({ SWITCHBOARD_DATA_DIR: dataDir });
    try {
      const printed = [...serve.stdout().matchAll(/^\s+password: (\S+)$/gm)].map((m) => m[1]!);
      assert.equal(printed.length, 1, `the password is printed once:\n${serve.stdout()}`);
      const password = printed[0]!;
      assert.ok(password.length >= 12, 'a strong password');
      assert.match(serve.stdout(), /username: admin/);
      assert.equal((await login(serve.url, `${password}x`)).status, 401);
      const signedIn = await login(serve.url, password);
      assert.equal(signedIn.status, 200, await signedIn.text());
      assert.doesNotMatch(serve.stderr(), /error/i);
    } finally {
      serve.child.kill('SIGTERM');
    }
    const started = Date.now();
    const { code, signal } = await exitWithin(serve, 5_000);
    assert.equal(signal, null);
    assert.equal(code, 0, serve.stderr());
    assert.ok(Date.now() - started < 5_000);
    assert.match(serve.stdout(), /"msg":"stopped"/, 'it shut down through its own stop, not a crash');
  });

  test('a second start prints no password; SIGTERM under load loses no accepted event', async () => {
    // Set up while no server runs: a user with an extension and a native webhook source.
    const { config } = loadConfig({ env: { SWITCHBOARD_DATA_DIR: dataDir }, cwd: root });
    const setup = await createSwitchboard(config, createLogger('silent'));
    await setup.users.create({ username: 'kari', password: 'kari-password', devices: [{ extension: '201' }] });
    const { secret } = await setup.sources.add({ name: 'pbx', dialect: 'native', auth: 'token' });
    await setup.close();

    const serve = await startServe({ SWITCHBOARD_DATA_DIR: dataDir });
    assert.doesNotMatch(serve.stdout(), /password:/);
    assert.doesNotMatch(serve.stdout(), /First start/);

    const TOTAL = 200;
    let settled = 0;
    let killedWithPending = -1;
    // Twenty waves of ten, 30 ms apart: the first waves are in flight at SIGTERM, the last come after it.
    const fire = async (i: number): Promise<{ i: number; status?: number; error?: string }> => {
      await new Promise((resolve) => setTimeout(resolve, Math.floor(i / 10) * 30));
      try {
        const response = await fetch(`${serve.url}/api/v1/hooks/pbx`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
          body: JSON.stringify({ event: 'ringing', callId: `load-${i}`, extension: '201', remoteNumber: `+47223${String(10000 + i)}` }),
        });
        await response.arrayBuffer();
        return { i, status: response.status };
      } catch (error) {
        return { i, error: String((error as Error).cause ?? error) };
      } finally {
        // Stop the server while most of the requests are still on their way.
        if (++settled === 10) {
          killedWithPending = TOTAL - settled;
          serve.child.kill('SIGTERM');
        }
      }
    };
    const results = await Promise.all(Array.from({ length: TOTAL }, (_, i) => fire(i)));
    const { code } = await exitWithin(serve, 10_000);
    assert.equal(code, 0, serve.stderr());
    assert.ok(killedWithPending > 0, 'SIGTERM came while requests were in flight');

    const db = new SQLite(databaseFile(dataDir), { readonly: true });
    let stored: Set<string>;
    try {
      stored = new Set((db.prepare('SELECT id FROM calls').pluck().all() as string[]).filter((id) => id.startsWith('pbx:load-')));
    } finally {
      db.close();
    }
    const accepted = results.filter((r) => r.status === 202);
    assert.ok(accepted.length >= 10, `some requests were accepted (${accepted.length})`);
    const lost = accepted.filter((r) => !stored.has(`pbx:load-${r.i}`));
    assert.deepEqual(lost, [], 'every 202 is in the call log');
    // The others were refused while closing, or never got a connection: the sender knows to retry.
    const otherwise = results.filter((r) => r.status !== 202 && r.status !== 503 && r.error === undefined);
    assert.deepEqual(otherwise, [], 'no request failed any other way');
    const refused = results.filter((r) => r.status !== 202);
    assert.ok(refused.length > 0, 'requests after SIGTERM were refused, not accepted and dropped');
    process.stdout.write(`# shutdown under load: ${accepted.length} accepted, ${refused.length} refused (${results.filter((r) => r.status === 503).length} with 503)\n`);
  });

  test('a bad configuration exits 1 naming the key and where it came from', async () => {
    const unknownKey = path.join(root, 'unknown-key.json');
    writeFileSync(unknownKey, JSON.stringify({ server: { prot: 8080 } }));
    const badTime = path.join(root, 'bad-time.json');
    writeFileSync(badTime, JSON.stringify({ calls: { cleanupAt: '25:00' } }));
    const env = { SWITCHBOARD_DATA_DIR: path.join(root, 'never-used') };
    const [port, key, time] = await Promise.all([
      runCli(['serve'], { env: { ...env, PORT: 'abc' }, timeoutMs: 10_000 }),
      runCli(['serve'], { env: { ...env, SWITCHBOARD_CONFIG: unknownKey }, timeoutMs: 10_000 }),
      runCli(['--config', badTime, 'serve'], { env, timeoutMs: 10_000 }),
    ]);
    assert.equal(port.code, 1);
    assert.match(port.stderr, /server\.port: .*\(from environment variable PORT\)/);
    assert.equal(key.code, 1);
    assert.match(key.stderr, /server\.prot: unknown setting \(in config file .*unknown-key\.json\)/);
    assert.equal(time.code, 1);
    assert.match(time.stderr, /calls\.cleanupAt: expected HH:MM \(from config file .*bad-time\.json\)/);
    for (const result of [port, key, time]) {
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(result.stdout, '', 'nothing started');
    }
  });
});
