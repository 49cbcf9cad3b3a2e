import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ConfigError, configEnvNames, loadConfig } from '../../src/config/load.js';

describe('loadConfig', () => {
  let root: string;
  /** A fresh folder to act as the working directory, with a switchboard.json when given. */
  const folder = (file?: unknown): string => {
    const made = mkdtempSync(path.join(root, 'cwd-'));
    if (file !== undefined) writeFileSync(path.join(made, 'switchboard.json'), typeof file === 'string' ? file : JSON.stringify(file));
    return made;
  };
  const failure = (load: () => unknown): string => {
    try {
      load();
    } catch (error) {
      assert.ok(error instanceof ConfigError, `a ConfigError, got ${String(error)}`);
      return error.message;
    }
    assert.fail('expected the configuration to be refused');
  };

  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'switchboard-config-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  test('a fresh install needs no file and no environment', () => {
    const cwd = folder();
    const { config, file, warnings } = loadConfig({ env: {}, cwd });
    assert.equal(file, undefined);
    assert.deepEqual(warnings, []);
    assert.equal(config.dataDir, path.join(cwd, 'data'));
    assert.equal(config.server.host, '0.0.0.0');
    assert.equal(config.server.port, 8080);
    assert.equal(config.server.trustProxy, false);
    assert.equal(config.server.tlsCert, undefined);
    assert.equal(config.log.level, 'info');
    assert.equal(config.auth.secureCookie, 'auto');
    assert.equal(config.numbering.defaultRegion, 'NO');
    assert.equal(config.calls.maxRingSeconds, 600);
    assert.equal(config.calls.retentionDays, 730);
    assert.equal(config.calls.cleanupAt, '02:00');
  });

  test('the file sets values, the environment overrides them', () => {
    const cwd = folder({ dataDir: 'state', server: { port: 9000, host: '127.0.0.1' }, log: { level: 'debug' }, numbering: { defaultRegion: 'de' } });
    const { config, file } = loadConfig({ env: { SWITCHBOARD_SERVER_PORT: '9100', SWITCHBOARD_NUMBERING_DEFAULT_REGION: 'it' }, cwd });
    assert.equal(file, path.join(cwd, 'switchboard.json'));
    assert.equal(config.server.port, 9100, 'env wins');
    assert.equal(config.server.host, '127.0.0.1', 'the file still counts where env is silent');
    assert.equal(config.log.level, 'debug');
    assert.equal(config.numbering.defaultRegion, 'IT');
    assert.equal(config.dataDir, path.join(cwd, 'state'), 'relative paths are read from the working directory');
  });

  test('an explicit file, or SWITCHBOARD_CONFIG, is read instead of ./switchboard.json', () => {
    const cwd = folder({ server: { port: 1111 } });
    const other = path.join(folder(), 'elsewhere.json');
    writeFileSync(other, JSON.stringify({ server: { port: 2222 } }));
    assert.equal(loadConfig({ file: other, env: {}, cwd }).config.server.port, 2222);
    assert.equal(loadConfig({ env: { SWITCHBOARD_CONFIG: other }, cwd }).config.server.port, 2222);
    assert.deepEqual(loadConfig({ env: { SWITCHBOARD_CONFIG: other }, cwd }).warnings, [], 'SWITCHBOARD_CONFIG is not an unknown setting');
    assert.match(failure(() => loadConfig({ file: 'missing.json', env: {}, cwd })), /config file .*missing\.json does not exist/);
  });

  test('PORT is an alias of server.port; SWITCHBOARD_SERVER_PORT wins over it in any order', () => {
    const cwd = folder({ server: { port: 9000 } });
    assert.equal(loadConfig({ env: { PORT: '7000' }, cwd }).config.server.port, 7000);
    assert.equal(loadConfig({ env: { PORT: '7000', SWITCHBOARD_SERVER_PORT: '7100' }, cwd }).config.server.port, 7100);
    assert.equal(loadConfig({ env: { SWITCHBOARD_SERVER_PORT: '7100', PORT: '7000' }, cwd }).config.server.port, 7100);
  });

  test('an empty variable counts as unset, not as port 0', () => {
    const cwd = folder({ server: { port: 9000 } });
    assert.equal(loadConfig({ env: { PORT: '' }, cwd }).config.server.port, 9000);
    assert.equal(loadConfig({ env: { PORT: '0' }, cwd }).config.server.port, 0, 'an explicit 0 still asks for any free port');
  });

  test('SWITCHBOARD_DATA_DIR sets the data folder, relative to the working directory', () => {
    const cwd = folder({ dataDir: '/from/file' });
    assert.equal(loadConfig({ env: { SWITCHBOARD_DATA_DIR: '/srv/switchboard' }, cwd }).config.dataDir, '/srv/switchboard');
    assert.equal(loadConfig({ env: { SWITCHBOARD_DATA_DIR: 'here' }, cwd }).config.dataDir, path.join(cwd, 'here'));
    assert.equal(loadConfig({ env: {}, cwd }).config.dataDir, '/from/file');
  });

  test('booleans: "false" and "0" are false, "true" and "1" true, anything else refused', () => {
    const cwd = folder({ server: { trustProxy: true } });
    const trust = (value: string) => loadConfig({ env: { SWITCHBOARD_SERVER_TRUST_PROXY: value }, cwd }).config.server.trustProxy;
    assert.equal(trust('false'), false);
    assert.equal(trust('0'), false);
    assert.equal(trust('true'), true);
    assert.equal(trust('1'), true);
    assert.equal(loadConfig({ env: {}, cwd }).config.server.trustProxy, true, 'JSON booleans from the file');
    const message = failure(() => trust('yes'));
    assert.match(message, /server\.trustProxy: expected true or false \(from environment variable SWITCHBOARD_SERVER_TRUST_PROXY\)/);
  });

  test('errors name the key and where the value came from', () => {
    const cwd = folder({ calls: { cleanupAt: '25:00' }, log: { level: 'loud' } });
    const file = path.join(cwd, 'switchboard.json');
    const fromFile = failure(() => loadConfig({ env: {}, cwd }));
    assert.match(fromFile, /^invalid configuration:/);
    assert.match(fromFile, new RegExp(`calls\\.cleanupAt: expected HH:MM \\(from config file ${file.replace(/[.\\/]/g, '\\$&')}\\)`));
    assert.match(fromFile, /log\.level: .*\(from config file /);

    const fromEnv = failure(() => loadConfig({ env: { PORT: 'abc' }, cwd: folder() }));
    assert.match(fromEnv, /server\.port: .*\(from environment variable PORT\)/);
    const overridden = failure(() => loadConfig({ env: { SWITCHBOARD_CALLS_CLEANUP_AT: '7am', SWITCHBOARD_LOG_LEVEL: 'info' }, cwd }));
    assert.match(overridden, /calls\.cleanupAt: expected HH:MM \(from environment variable SWITCHBOARD_CALLS_CLEANUP_AT\)/);
    assert.doesNotMatch(overridden, /log\.level/, 'the environment fixed the bad file value');

    assert.match(failure(() => loadConfig({ env: {}, cwd: folder('{"server": ') })), /config file .*switchboard\.json: .*JSON/);
    assert.match(failure(() => loadConfig({ env: {}, cwd: folder('[1, 2]') })), /switchboard\.json: expected a JSON object/);
  });

  test('unknown keys in the file are refused, naming them and the file', () => {
    const cwd = folder({ server: { prot: 8080 }, colour: 'blue' });
    const message = failure(() => loadConfig({ env: {}, cwd }));
    assert.match(message, /server\.prot: unknown setting \(in config file .*switchboard\.json\)/);
    assert.match(message, /colour: unknown setting/);
  });

  test('unknown SWITCHBOARD_ variables are a warning, not an error', () => {
    const { config, warnings } = loadConfig({
      env: { SWITCHBOARD_SERVER_PROT: '1', SWITCHBOARD_ADMIN_PASSWORD: 'x', SWITCHBOARD_URL: 'http://x', HOME: '/root', PORT: '8181' },
      cwd: folder(),
    });
    assert.deepEqual(warnings, ['ignoring unknown environment variable SWITCHBOARD_SERVER_PROT']);
    assert.equal(config.server.port, 8181);
  });

  test('every key has an environment name that loadConfig reads', () => {
    const names = configEnvNames();
    assert.equal(names['calls.maxRingSeconds'], 'SWITCHBOARD_CALLS_MAX_RING_SECONDS');
    assert.equal(names['server.tlsCert'], 'SWITCHBOARD_SERVER_TLS_CERT');
    assert.equal(names.dataDir, 'SWITCHBOARD_DATA_DIR');
    const { config } = loadConfig({ env: { [names['identify.cacheSeconds']!]: '0', [names['auth.secureCookie']!]: 'always' }, cwd: folder() });
    assert.equal(config.identify.cacheSeconds, 0);
    assert.equal(config.auth.secureCookie, 'always');
  });

  test('HTTPS needs both the certificate and the key', () => {
    const cwd = folder();
    const message = failure(() => loadConfig({ env: { SWITCHBOARD_SERVER_TLS_CERT: 'cert.pem' }, cwd }));
    assert.match(message, /server\.tlsCert, server\.tlsKey: set both/);
    assert.match(failure(() => loadConfig({ env: { SWITCHBOARD_SERVER_TLS_KEY: 'key.pem' }, cwd })), /set both/);
    const both = loadConfig({ env: { SWITCHBOARD_SERVER_TLS_CERT: 'cert.pem', SWITCHBOARD_SERVER_TLS_KEY: '/etc/key.pem' }, cwd }).config;
    assert.equal(both.server.tlsCert, path.join(cwd, 'cert.pem'));
    assert.equal(both.server.tlsKey, '/etc/key.pem');
  });
});
