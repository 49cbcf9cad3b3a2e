import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliEnvFor, runCli, type CliResult } from '../support/cli.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRET_ON_LINE = 'line-Secret-41a9';
const SECRET_IN_ENV = 'env-Secret-77b2';
const SECRET_ON_STDIN = 'stdin-Secret-03c5';
const NEW_SECRET = 'rotated-by-hand-5d1e';
const SECRETS = [SECRET_ON_LINE, SECRET_IN_ENV, SECRET_ON_STDIN, NEW_SECRET];

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A self-signed certificate for `commonName`, made by openssl in `dir`; returns the certificate's file. */
function selfSignedCertificate(dir: string, commonName: string): string {
  const cert = path.join(dir, `${commonName}.pem`);
  const key = path.join(dir, `${commonName}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${commonName}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return cert;
}

/**
 * `switchboard sources` for AMI sources, as a real process on a running server's data folder. No
 * output of any run may hold an AMI secret: each is checked as it comes back.
 */
describe('switchboard sources with AMI sources', () => {
  let server: TestServer;
  let env: Record<string, string>;
  /** Certificate files for --tls-ca. */
  let scratch: string;

  const cli = async (args: string[], options: { env?: Record<string, string>; input?: string } = {}): Promise<CliResult> => {
    const result = await runCli(args, { env: { ...env, ...options.env }, input: options.input });
    for (const secret of SECRETS) {
      assert.ok(!result.stdout.includes(secret) && !result.stderr.includes(secret), `switchboard ${args.join(' ')} printed a secret:\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  };
  const ok = (result: CliResult, what: string) => assert.equal(result.code, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
  const fails = (result: CliResult, message: RegExp, what: string) => {
    assert.equal(result.code, 1, `${what} should fail:\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, message, what);
    assert.doesNotMatch(result.stderr, /\n\s+at /, `${what}: no stack trace`);
  };
  const stored = (name: string) => server.sb.sources.amiConnection(name);

  before(async () => {
    server = await startTestServer();
    env = cliEnvFor(server);
    scratch = mkdtempSync(path.join(tmpdir(), 'switchboard-tls-ca-'));
  });
  after(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('--help lists the new commands and the AMI flags', async () => {
    const [group, add, set] = await Promise.all([cli(['sources', '--help']), cli(['sources', 'add', '--help']), cli(['sources', 'set', '--help'])]);
    for (const sub of ['add', 'list', 'show', 'set', 'enable', 'disable', 'rotate-secret', 'remove']) assert.match(group.stdout, new RegExp(`^\\s+${sub}\\b`, 'm'), sub);
    for (const flag of ['--host', '--port', '--username', '--secret', '--tls']) assert.match(add.stdout, new RegExp(`^\\s+${flag}\\b`, 'm'), flag);
    assert.match(add.stdout, /SWITCHBOARD_AMI_SECRET/);
    assert.match(set.stdout, /--no-tls/);
    assert.match(add.stdout, /^\s+--device-rule <rule>/m);
    assert.match(set.stdout, /^\s+--device-rule <rule>/m);
    assert.match(set.stdout, /^\s+--no-device-rules\b/m);
    assert.match(add.stdout, /^\s+--tls-ca <file>/m);
    assert.match(set.stdout, /^\s+--tls-ca <file>/m);
    assert.match(set.stdout, /^\s+--no-tls-ca\b/m);
  });

  test('add with --secret, then show and list print the settings and never the secret', async () => {
    const added = await cli(['sources', 'add', '--name', 'pbx', '--dialect', 'ami', '--host', 'PBX.example.com', '--username', 'switchboard', '--secret', SECRET_ON_LINE]);
    ok(added, 'sources add');
    assert.match(added.stdout, /^source "pbx" \(ami, md5 auth\)$/m);
    assert.match(added.stdout, /^\s+Asterisk: pbx\.example\.com:5038, TLS off$/m);
    assert.match(added.stdout, /^\s+username: switchboard$/m);
    assert.doesNotMatch(added.stdout, /URL|secret:/);
    assert.deepEqual(await stored('pbx'), { name: 'pbx', host: 'pbx.example.com', port: 5038, username: 'switchboard', tls: false, auth: 'md5', tlsCa: null, deviceRules: [], secret: SECRET_ON_LINE, enabled: true });

    const [shown, listed] = await Promise.all([cli(['sources', 'show', 'pbx']), cli(['sources', 'list'])]);
    ok(shown, 'sources show');
    assert.match(shown.stdout, /^\s+Asterisk: pbx\.example\.com:5038, TLS off$/m);
    assert.match(shown.stdout, /^\s+status:\s+enabled$/m);
    ok(listed, 'sources list');
    assert.match(listed.stdout, /^pbx\s+ami\s+md5\s+enabled\s+switchboard@pbx\.example\.com:5038$/m);
  });

  test('add takes the secret from SWITCHBOARD_AMI_SECRET without a warning about it', async () => {
    const added = await cli(
      ['sources', 'add', '--name', 'tls-pbx', '--dialect', 'ami', '--host', '2001:db8::7', '--username', 'cti', '--tls', '--auth', 'plain'],
      { env: { SWITCHBOARD_AMI_SECRET: SECRET_IN_ENV } },
    );
    ok(added, 'sources add with the secret in the environment');
    assert.match(added.stdout, /^source "tls-pbx" \(ami, plain auth\)$/m);
    assert.match(added.stdout, /^\s+Asterisk: \[2001:db8::7\]:5039, TLS on$/m);
    assert.equal(added.stderr, '', 'no "unknown environment variable" warning');
    assert.equal((await stored('tls-pbx'))?.secret, SECRET_IN_ENV);
    const listed = await cli(['sources', 'list']);
    assert.match(listed.stdout, /^tls-pbx\s+ami\s+plain\s+enabled\s+cti@\[2001:db8::7\]:5039 \(TLS\)$/m);
  });

  test('add reads the secret from stdin when neither flag nor environment gives it, and refuses none', async () => {
    const [piped, none] = await Promise.all([
      cli(['sources', 'add', '--name', 'piped', '--dialect', 'ami', '--host', '192.0.2.5', '--port', '15038', '--username', 'cti'], { input: `${SECRET_ON_STDIN}\n` }),
      cli(['sources', 'add', '--name', 'nosecret', '--dialect', 'ami', '--host', '192.0.2.5', '--username', 'cti']),
    ]);
    ok(piped, 'sources add with the secret on stdin');
    assert.match(piped.stdout, /^\s+Asterisk: 192\.0\.2\.5:15038, TLS off$/m);
    assert.equal((await stored('piped'))?.secret, SECRET_ON_STDIN);
    fails(none, /^switchboard: no AMI secret given: pass --secret, set SWITCHBOARD_AMI_SECRET or pipe it on stdin$/m, 'add without a secret');
    assert.equal(await stored('nosecret'), undefined);
  });

  test('add refuses bad input, naming the field, and stores nothing', async () => {
    const base = ['sources', 'add', '--name', 'bad', '--dialect', 'ami', '--username', 'cti', '--secret', SECRET_ON_LINE];
    const cases: [string, string[], RegExp][] = [
      ['port as text', [...base, '--host', 'pbx', '--port', 'abc'], /^switchboard: port: use a whole number from 1 to 65535/m],
      ['port too high', [...base, '--host', 'pbx', '--port', '70000'], /^switchboard: port: use a whole number from 1 to 65535/m],
      ['port 0', [...base, '--host', 'pbx', '--port', '0'], /^switchboard: port: /m],
      ['missing host', base, /^switchboard: host: required/m],
      ['bad host', [...base, '--host', 'pbx..example.com'], /^switchboard: host: "pbx\.\.example\.com" is not a host name or IP address$/m],
      ['missing username', ['sources', 'add', '--name', 'bad', '--dialect', 'ami', '--host', 'pbx', '--secret', SECRET_ON_LINE], /^switchboard: username: required/m],
      ['empty secret', ['sources', 'add', '--name', 'bad', '--dialect', 'ami', '--host', 'pbx', '--username', 'cti', '--secret', ''], /^switchboard: secret: required/m],
      ['webhook auth', [...base, '--host', 'pbx', '--auth', 'token'], /^switchboard: auth: AMI sources log in with md5/m],
      ['webhook option', [...base, '--host', 'pbx', '--option', 'numberParam=x'], /^switchboard: --option is for webhook sources; an ami source takes .*--tls-ca/m],
      ['a certificate without TLS', [...base, '--host', 'pbx', '--tls-ca', 'pbx.pem'], /^switchboard: --tls-ca: a trusted certificate is only used over TLS: add --tls$/m],
      ['AMI flags on a webhook', ['sources', 'add', '--name', 'bad', '--dialect', 'native', '--host', 'pbx', '--tls'], /^switchboard: --host, --tls: only for --dialect ami$/m],
      ['a taken name', ['sources', 'add', '--name', 'pbx', '--dialect', 'ami', '--host', 'pbx', '--username', 'cti', '--secret', SECRET_ON_LINE], /^switchboard: name: a source named "pbx" exists$/m],
    ];
    const results = await Promise.all(cases.map(([, args]) => cli(args)));
    cases.forEach(([what, , message], i) => fails(results[i]!, message, what));
    assert.equal(await server.sb.sources.get('bad', false), undefined);
    assert.equal((await stored('pbx'))?.secret, SECRET_ON_LINE, 'the taken name kept its settings');
  });

  test('set changes only what is given; a bare --secret takes the environment', async () => {
    const set = await cli(['sources', 'set', 'pbx', '--port', '5040', '--username', 'cti2', '--secret', NEW_SECRET]);
    ok(set, 'sources set');
    assert.match(set.stdout, /^\s+Asterisk: pbx\.example\.com:5040, TLS off$/m);
    assert.match(set.stdout, /^\s+username: cti2$/m);
    assert.deepEqual(await stored('pbx'), { name: 'pbx', host: 'pbx.example.com', port: 5040, username: 'cti2', tls: false, auth: 'md5', tlsCa: null, deviceRules: [], secret: NEW_SECRET, enabled: true });

    const fromEnv = await cli(['sources', 'set', 'pbx', '--secret', '--tls', '--auth', 'plain'], { env: { SWITCHBOARD_AMI_SECRET: SECRET_IN_ENV } });
    ok(fromEnv, 'sources set --secret from the environment');
    assert.equal(fromEnv.stderr, '');
    assert.deepEqual(await stored('pbx'), { name: 'pbx', host: 'pbx.example.com', port: 5040, username: 'cti2', tls: true, auth: 'plain', tlsCa: null, deviceRules: [], secret: SECRET_IN_ENV, enabled: true });

    // Without --secret the environment is left alone: a secret lying around there changes nothing.
    const noTls = await cli(['sources', 'set', 'pbx', '--no-tls', '--host', '192.0.2.10'], { env: { SWITCHBOARD_AMI_SECRET: NEW_SECRET } });
    ok(noTls, 'sources set --no-tls');
    assert.deepEqual(await stored('pbx'), { name: 'pbx', host: '192.0.2.10', port: 5040, username: 'cti2', tls: false, auth: 'plain', tlsCa: null, deviceRules: [], secret: SECRET_IN_ENV, enabled: true });
  });

  test('set refuses nothing to change, bad values, webhook sources and unknown names', async () => {
    await server.source('hook', 'native');
    const before = await stored('pbx');
    const [nothing, badPort, badSecret, webhook, nobody] = await Promise.all([
      cli(['sources', 'set', 'pbx']),
      cli(['sources', 'set', 'pbx', '--port', '65536']),
      cli(['sources', 'set', 'pbx', '--secret', '']),
      cli(['sources', 'set', 'hook', '--host', 'pbx']),
      cli(['sources', 'set', 'nosuch', '--host', 'pbx']),
    ]);
    fails(nothing, /^switchboard: nothing to change/m, 'set without flags');
    fails(badPort, /^switchboard: port: use a whole number from 1 to 65535/m, 'set --port 65536');
    fails(badSecret, /^switchboard: secret: required/m, 'set --secret ""');
    fails(webhook, /^switchboard: ami: "hook" is a native webhook source/m, 'set on a webhook source');
    fails(nobody, /^switchboard: no source named "nosuch"$/m, 'set on an unknown source');
    assert.deepEqual(await stored('pbx'), before);
  });

  test('device rules: add takes several, show prints them, set replaces and --no-device-rules clears', async () => {
    const desk = 'phone:^PJSIP/(?<ext>\d+)-desk-[0-9a-f]+$';
    const trunk = 'trunk:^PJSIP/telenor-';
    const added = await cli(['sources', 'add', '--name', 'rules', '--dialect', 'ami', '--host', 'pbx', '--username', 'cti', '--secret', SECRET_ON_LINE, '--device-rule', desk, '--device-rule', trunk]);
    ok(added, 'sources add --device-rule');
    assert.deepEqual((await stored('rules'))?.deviceRules, [desk, trunk]);

    const shown = await cli(['sources', 'show', 'rules']);
    ok(shown, 'sources show');
    const lines = shown.stdout.split('\n');
    const heading = lines.findIndex((line) => /^\s+device rules/.test(line));
    assert.ok(heading > 0, `a device rules heading:\n${shown.stdout}`);
    assert.deepEqual(lines.slice(heading + 1, heading + 3).map((line) => line.trim()), [desk, trunk], 'the rules, in order');
    const plain = await cli(['sources', 'show', 'pbx']);
    assert.doesNotMatch(plain.stdout, /device rules/, 'nothing printed for a source without rules');

    const replaced = await cli(['sources', 'set', 'rules', '--device-rule', trunk]);
    ok(replaced, 'sources set --device-rule');
    assert.deepEqual((await stored('rules'))?.deviceRules, [trunk]);

    const [bad, both] = await Promise.all([
      cli(['sources', 'set', 'rules', '--device-rule', 'phone:^PJSIP/\\d+-desk-']),
      cli(['sources', 'set', 'rules', '--device-rule', desk, '--no-device-rules']),
    ]);
    fails(bad, /^switchboard: deviceRules: device rule "phone:\^PJSIP\/\\d\+-desk-": a phone rule needs a named group/m, 'a phone rule without (?<ext>)');
    fails(both, /^switchboard: --device-rule and --no-device-rules/m, 'both flags');
    assert.deepEqual((await stored('rules'))?.deviceRules, [trunk], 'a refused change changes nothing');

    const cleared = await cli(['sources', 'set', 'rules', '--no-device-rules']);
    ok(cleared, 'sources set --no-device-rules');
    assert.doesNotMatch(cleared.stdout, /device rules/);
    assert.deepEqual((await stored('rules'))?.deviceRules, []);
    assert.equal((await server.sb.sources.get('rules', false))?.options.deviceRules, undefined);

    const webhook = await cli(['sources', 'add', '--name', 'bad', '--dialect', 'native', '--device-rule', trunk]);
    fails(webhook, /^switchboard: --device-rule: only for --dialect ami$/m, '--device-rule on a webhook source');
  });

  test('trusted certificate: --tls-ca FILE is stored and shown, set replaces it, --no-tls-ca goes back to the system\'s CAs', async () => {
    const certFile = selfSignedCertificate(scratch, 'asterisk');
    const pem = readFileSync(certFile, 'utf8');
    const fingerprint = new X509Certificate(pem).fingerprint256;
    const trustedLine = (subject: string, sha256: string) => new RegExp(`^  trusted certificate: ${escapeRegExp(subject)} \\(SHA-256 ${escapeRegExp(sha256)}, valid until .+\\)$`, 'm');

    const added = await cli(['sources', 'add', '--name', 'secure', '--dialect', 'ami', '--host', 'pbx', '--username', 'cti', '--secret', SECRET_ON_LINE, '--tls', '--tls-ca', certFile]);
    ok(added, 'sources add --tls-ca');
    assert.equal((await stored('secure'))?.tlsCa, pem.trim());
    const shown = await cli(['sources', 'show', 'secure']);
    ok(shown, 'sources show');
    const lines = shown.stdout.split('\n');
    const asterisk = lines.findIndex((line) => /^\s+Asterisk: pbx:5039, TLS on$/.test(line));
    assert.ok(asterisk > 0, `an Asterisk line:\n${shown.stdout}`);
    assert.match(lines[asterisk + 1]!, trustedLine('CN=asterisk', fingerprint), 'the certificate, right after the Asterisk line');

    // TLS with the system's CAs says so; without TLS there is nothing to trust.
    const [systemCas, noTls] = await Promise.all([cli(['sources', 'show', 'tls-pbx']), cli(['sources', 'show', 'rules'])]);
    assert.match(systemCas.stdout, /^  trusted certificates: the system's CAs$/m);
    assert.doesNotMatch(noTls.stdout, /trusted/);

    const otherFile = selfSignedCertificate(scratch, 'pbx-ca');
    const otherPem = readFileSync(otherFile, 'utf8');
    const replaced = await cli(['sources', 'set', 'secure', '--tls-ca', otherFile]);
    ok(replaced, 'sources set --tls-ca');
    assert.match(replaced.stdout, trustedLine('CN=pbx-ca', new X509Certificate(otherPem).fingerprint256));
    assert.doesNotMatch(replaced.stdout, /CN=asterisk/);
    assert.equal((await stored('secure'))?.tlsCa, otherPem.trim());

    const cleared = await cli(['sources', 'set', 'secure', '--no-tls-ca']);
    ok(cleared, 'sources set --no-tls-ca');
    assert.match(cleared.stdout, /^  trusted certificates: the system's CAs$/m);
    assert.doesNotMatch(cleared.stdout, /trusted certificate:/);
    assert.equal((await stored('secure'))?.tlsCa, null);
    const shownCleared = await cli(['sources', 'show', 'secure']);
    assert.match(shownCleared.stdout, /^  trusted certificates: the system's CAs$/m);
    assert.equal((await stored('secure'))?.tls, true, '--no-tls-ca leaves TLS on');

    // On a source without TLS the certificate is kept for when TLS is switched on, and the admin is told.
    const unused = await cli(['sources', 'set', 'rules', '--tls-ca', certFile]);
    ok(unused, 'sources set --tls-ca without TLS');
    assert.match(unused.stderr, /^warning: the certificate is stored but not used while TLS is off \(add --tls\)$/m);
    assert.equal((await stored('rules'))?.tlsCa, pem.trim());
    assert.equal((await stored('rules'))?.tls, false);
  });

  test('--tls-ca refuses a file that is not a certificate, an empty one and a missing one, and changes nothing', async () => {
    const certFile = selfSignedCertificate(scratch, 'kept');
    ok(await cli(['sources', 'set', 'secure', '--tls-ca', certFile]), 'sources set --tls-ca');
    const before = await stored('secure');
    assert.equal(before?.tlsCa, readFileSync(certFile, 'utf8').trim());

    const notPem = path.join(scratch, 'notes.txt');
    writeFileSync(notPem, 'the PBX certificate is on the wiki\n');
    const damaged = path.join(scratch, 'damaged.pem');
    writeFileSync(damaged, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    const empty = path.join(scratch, 'empty.pem');
    writeFileSync(empty, '\n');
    const missing = path.join(scratch, 'no-such.pem');

    const [text, broken, blank, gone, goneOnAdd, onWebhook] = await Promise.all([
      cli(['sources', 'set', 'secure', '--tls-ca', notPem]),
      cli(['sources', 'set', 'secure', '--tls-ca', damaged]),
      cli(['sources', 'set', 'secure', '--tls-ca', empty]),
      cli(['sources', 'set', 'secure', '--tls-ca', missing]),
      cli(['sources', 'add', '--name', 'bad', '--dialect', 'ami', '--host', 'pbx', '--username', 'cti', '--secret', SECRET_ON_LINE, '--tls', '--tls-ca', missing]),
      cli(['sources', 'add', '--name', 'bad', '--dialect', 'native', '--tls-ca', certFile]),
    ]);
    fails(text, /^switchboard: tlsCa: paste the certificate in PEM form/m, 'a text file');
    fails(broken, /^switchboard: tlsCa: certificate 1 of 1 cannot be read/m, 'a damaged PEM block');
    fails(blank, new RegExp(`^switchboard: --tls-ca ${escapeRegExp(empty)}: the file is empty$`, 'm'), 'an empty file');
    fails(gone, new RegExp(`^switchboard: --tls-ca ${escapeRegExp(missing)}: cannot read it \\(no such file\\)$`, 'm'), 'a missing file on set');
    fails(goneOnAdd, new RegExp(`^switchboard: --tls-ca ${escapeRegExp(missing)}: `, 'm'), 'a missing file on add');
    fails(onWebhook, /^switchboard: --tls-ca: only for --dialect ami$/m, '--tls-ca on a webhook source');
    assert.deepEqual(await stored('secure'), before, 'a refused change changes nothing');
    assert.equal(await server.sb.sources.get('bad', false), undefined);
  });

  test('disable and enable, for AMI and webhook sources alike', async () => {
    const off = await cli(['sources', 'disable', 'pbx']);
    ok(off, 'sources disable');
    assert.match(off.stdout, /^source "pbx" disabled$/m);
    assert.equal((await stored('pbx'))?.enabled, false);
    const [listed, shown, hookOff] = await Promise.all([cli(['sources', 'list']), cli(['sources', 'show', 'pbx']), cli(['sources', 'disable', 'hook'])]);
    assert.match(listed.stdout, /^pbx\s+ami\s+plain\s+disabled\s/m);
    assert.match(shown.stdout, /^\s+status:\s+disabled$/m);
    ok(hookOff, 'disable a webhook source');
    assert.equal((await server.sb.sources.get('hook', false))?.enabled, false);

    const [on, hookOn, nobody] = await Promise.all([cli(['sources', 'enable', 'pbx']), cli(['sources', 'enable', 'hook']), cli(['sources', 'enable', 'nosuch'])]);
    ok(on, 'sources enable');
    assert.match(on.stdout, /^source "pbx" enabled$/m);
    assert.equal((await stored('pbx'))?.enabled, true);
    ok(hookOn, 'enable a webhook source');
    assert.equal((await server.sb.sources.get('hook', false))?.enabled, true);
    fails(nobody, /^switchboard: no source named "nosuch"$/m, 'enable an unknown source');
  });

  test('rotate-secret is refused for an AMI source and leaves its secret alone', async () => {
    const rotated = await cli(['sources', 'rotate-secret', 'pbx']);
    fails(rotated, /^switchboard: secret: "pbx" is an AMI source: its secret is the one in Asterisk's manager\.conf/m, 'rotate-secret');
    assert.equal((await stored('pbx'))?.secret, SECRET_IN_ENV);
  });

  test('remove deletes an AMI source', async () => {
    ok(await cli(['sources', 'remove', 'piped']), 'sources remove');
    assert.equal(await stored('piped'), undefined);
  });
});
