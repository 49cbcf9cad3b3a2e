import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { cliEnvFor, runCli, spawnCli, type CliResult } from '../support/cli.js';
import { startTestServer, TestSocket, type TestServer } from '../support/server.js';

/**
 * The CLI as an admin uses it: a real `switchboard` process working on the data folder of a
 * running server, which must see the CLI's changes without a restart.
 */
describe('switchboard CLI against a running server', () => {
  let server: TestServer;
  let env: Record<string, string>;
  let scratch: string;
  let kariToken: string;
  let hook: { secret: string };
  let seq = 0;

  const cli = (args: string[], input?: string) => runCli(args, { env, input });
  const ok = (result: CliResult, what: string) => assert.equal(result.code, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
  const login = (username: string, password: string) => server.api('POST', '/api/v1/auth/login', { body: { username, password } });
  const ring = (callId: string, remoteNumber: string) =>
    server.api('POST', '/api/v1/hooks/hook', { token: hook.secret, body: { event: 'ringing', callId, extension: '201', remoteNumber } });
  const miss = (callId: string) => server.api('POST', '/api/v1/hooks/hook', { token: hook.secret, body: { event: 'missed', callId } });
  const callFrame = (socket: TestSocket, id: string, match: (call: any) => boolean = () => true) =>
    socket.next((f) => f.type === 'call' && f.call.id === id && match(f.call));
  /** Rings 201 from `number` and returns what the directory told Kari's popup. */
  const identityOnRing = async (number: string) => {
    const socket = await TestSocket.connect(server.url, { token: kariToken });
    await socket.next((f) => f.type === 'hello');
    const callId = `id-${++seq}`;
    assert.equal((await ring(callId, number)).status, 202);
    const answered = await callFrame(socket, `hook:${callId}`, (c) => !c.identifying);
    assert.equal((await miss(callId)).status, 202);
    await callFrame(socket, `hook:${callId}`, (c) => c.phase === 'ended');
    socket.close();
    return answered.call.identity as { name: string; source: string } | null;
  };

  before(async () => {
    server = await startTestServer();
    env = cliEnvFor(server);
    scratch = mkdtempSync(path.join(tmpdir(), 'switchboard-cli-'));
  });
  after(async () => {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('--help works for every command group', async () => {
    const groups: [string, string[]][] = [
      ['user', ['add', 'list', 'passwd', 'extension', 'remove']],
      ['token', ['create']],
      ['sources', ['add', 'list', 'show', 'rotate-secret', 'remove']],
      ['contacts', ['import', 'export']],
      ['numbers', ['check']],
      ['simulate', ['call']],
      ['serve', []],
    ];
    const results = await Promise.all(groups.map(([group]) => cli([group, '--help'])));
    groups.forEach(([group, subcommands], i) => {
      const result = results[i]!;
      ok(result, `${group} --help`);
      assert.match(result.stdout, new RegExp(`^Usage: switchboard ${group}\\b`, 'm'));
      for (const sub of subcommands) assert.match(result.stdout, new RegExp(`^\\s+${sub}\\b`, 'm'), `${group} --help lists ${sub}`);
    });
  });

  test('user add, user list and a duplicate', async () => {
    const added = await cli(['user', 'add', 'kari', '--password', 'first-password', '--extension', '201', '--extension', '2201', '--display-name', 'Kari Hansen']);
    ok(added, 'user add');
    assert.match(added.stdout, /created user "kari" with 201 \(default\), 2201/);

    // Independent of each other: run side by side to keep the suite quick.
    const [listed, duplicate] = await Promise.all([cli(['user', 'list']), cli(['user', 'add', 'kari', '--password', 'other-password', '--extension', '209'])]);
    ok(listed, 'user list');
    const row = listed.stdout.split('\n').find((line) => line.startsWith('kari '));
    assert.ok(row, `kari is listed:\n${listed.stdout}`);
    assert.match(row, /Kari Hansen\s+user\s+active\s+201\*, 2201$/);
    assert.match(listed.stdout, /^admin\s+Administrator\s+admin\s+active/m);
    assert.match(listed.stdout, /\* = default device/);

    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /^switchboard: username: "kari" is taken$/m);
    assert.doesNotMatch(duplicate.stderr, /\n\s+at /, 'no stack trace');
    // The running server already routes the CLI's extensions to Kari.
    const user = await server.sb.repos.users.byUsername('kari');
    assert.equal(server.sb.registry.resolve('2201')?.userId, user!.id);
  });

  test('user passwd reads the password from stdin; only the new one signs in', async () => {
    const before = await login('kari', 'first-password');
    assert.equal(before.status, 200);
    const cookie = before.headers.get('set-cookie')!.split(';')[0]!;
    const me = () => server.api('GET', '/api/v1/auth/me', { headers: { cookie } });
    assert.equal((await me()).status, 200);
    const [changed, nobody] = await Promise.all([cli(['user', 'passwd', 'kari'], 'second-password\n'), cli(['user', 'passwd', 'nobody'], 'whatever-password\n')]);
    ok(changed, 'user passwd');
    assert.match(changed.stdout, /password of "kari" changed/);
    assert.equal((await login('kari', 'second-password')).status, 200);
    assert.equal((await login('kari', 'first-password')).status, 401);
    assert.equal((await me()).status, 401, 'the session signed in with the old password has ended');

    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /no user named "nobody"/);
  });

  test('token create prints a token that authenticates', async () => {
    const created = await cli(['token', 'create', '--user', 'kari', '--name', 'script']);
    ok(created, 'token create');
    kariToken = created.stdout.trim();
    assert.match(kariToken, /^sbt_\S+$/);
    const me = await server.api('GET', '/api/v1/auth/me', { token: kariToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.username, 'kari');
    assert.equal((await server.api('GET', '/api/v1/auth/me', { token: `${kariToken}x` })).status, 401);
  });

  test('sources add prints a URL and secret the running server accepts', async () => {
    const added = await cli(['sources', 'add', '--name', 'pbx', '--dialect', 'zammad']);
    ok(added, 'sources add');
    const url = /^\s+URL:\s+(\S+)$/m.exec(added.stdout)?.[1];
    const secret = /^\s+secret:\s+(\S+)$/m.exec(added.stdout)?.[1];
    assert.equal(url, `${server.url}/api/v1/hooks/pbx`);
    assert.ok(secret && secret.length >= 20, `a secret is printed:\n${added.stdout}`);

    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const post = (token: string, fields: Record<string, string>) =>
      fetch(`${url}?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form(fields),
      });
    const newCall = { event: 'newCall', from: '4722334455', to: '201', direction: 'in', callId: 'zammad-1' };
    assert.equal((await post(`${secret}x`, newCall)).status, 401);
    // Accepted; a newCall is answered the sipgate.io way, asking for the rest of the call at the same URL.
    const accepted = await post(secret!, newCall);
    const reply = await accepted.text();
    assert.equal(accepted.status, 200, reply);
    assert.match(accepted.headers.get('content-type') ?? '', /^application\/xml/);
    assert.match(reply, new RegExp(`onAnswer="${url}\\?token=${secret}"`));
    const logged = await server.api('GET', `/api/v1/calls/${encodeURIComponent('pbx:zammad-1')}`, { token: kariToken });
    assert.equal(logged.status, 200);
    assert.equal(logged.body.call.phase, 'ringing');
    assert.equal(logged.body.call.remoteNumber, '+4722334455');
    const hangup = await post(secret!, { ...newCall, event: 'hangup', cause: 'cancel' });
    assert.equal(hangup.status, 202, await hangup.text());
    const ended = await server.api('GET', `/api/v1/calls/${encodeURIComponent('pbx:zammad-1')}`, { token: kariToken });
    assert.equal(ended.body.call.outcome, 'missed');

    const listed = await cli(['sources', 'list']);
    ok(listed, 'sources list');
    assert.match(listed.stdout, /^pbx\s+zammad\s+token\s+enabled\s+http:\/\/127\.0\.0\.1:\d+\/api\/v1\/hooks\/pbx$/m);
    assert.doesNotMatch(listed.stdout, new RegExp(secret!), 'the list does not show secrets');
  });

  test('sources add with an unknown dialect names it', async () => {
    const bad = await cli(['sources', 'add', '--name', 'other', '--dialect', 'asterisk9000']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /dialect: unknown dialect "asterisk9000"/);
    assert.equal(await server.sb.sources.get('other', false), undefined);
  });

  test('contacts import reports rejected rows, and the server identifies the new contact at once', async () => {
    // A native source made in-process, for ringing calls below.
    hook = await server.source('hook', 'native');
    // First ask: nobody knows the number, and the directory caches that answer.
    assert.equal(await identityOnRing('+4723456789'), null);

    const file = path.join(scratch, 'contacts.csv');
    writeFileSync(
      file,
      [
        'name,company,work,mobile',
        'Nordmann Rør AS,Nordmann Rør,22 33 44 55,',
        ',,22 99 88 77,',
        'Berg Regnskap,,23 45 67 89,',
        'Berlin Büro,,030 12345678,',
        '',
      ].join('\n'),
    );
    const [imported, missing] = await Promise.all([cli(['contacts', 'import', file]), cli(['contacts', 'import', path.join(scratch, 'missing.csv')])]);
    ok(imported, 'contacts import');
    assert.match(imported.stdout, new RegExp(`^imported 3 contacts from ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(csv, central\\)$`, 'm'));
    assert.match(imported.stdout, /^rejected 1:$/m);
    assert.match(imported.stdout, /^\s+line 3: no name or company$/m);
    assert.match(imported.stdout, /numbers could not be normalized; see "switchboard numbers check"/);

    // Rung right after the import, without a restart: the cached "unknown" must be forgotten.
    const identity = await identityOnRing('+4723456789');
    assert.equal(identity?.name, 'Berg Regnskap');
    assert.equal(identity?.source, 'central');

    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read .*missing\.csv: ENOENT/);
  });

  test('contacts export --format vcard prints vCards', async () => {
    const exported = await cli(['contacts', 'export', '--format', 'vcard']);
    ok(exported, 'contacts export');
    const cards = exported.stdout.split(/\r?\n/).filter((line) => line === 'BEGIN:VCARD').length;
    assert.equal(cards, 3);
    assert.equal(exported.stdout.split(/\r?\n/).filter((line) => line === 'END:VCARD').length, 3);
    assert.match(exported.stdout, /^FN:Nordmann Rør AS\r?$/m);
    assert.match(exported.stdout, /^ORG:Nordmann Rør\r?$/m);
    assert.match(exported.stdout, /^TEL[^:]*:22 33 44 55\r?$/m);
  });

  test('simulate call: popup with number first, then the name, then the end; answered in the call log', async () => {
    const socket = await TestSocket.connect(server.url, { token: kariToken });
    await socket.next((f) => f.type === 'hello');
    // No --extension: the simulator rings the default device of the first user that has one.
    const simulated = await cli(['simulate', 'call', '--ring-seconds', '0.2', '--talk-seconds', '0.2']);
    ok(simulated, 'simulate call');
    const callId = /^call (sim-\S+):/m.exec(simulated.stdout)?.[1];
    assert.ok(callId, simulated.stdout);
    const id = `simulator:${callId}`;
    assert.match(simulated.stdout, /ringing at 201[\s\S]*answered[\s\S]*hung up/);

    const ended = await callFrame(socket, id, (c) => c.phase === 'ended');
    const frames = socket.callFrames(id);
    assert.equal(frames[0].remoteNumber, '+4722334455');
    assert.equal(frames[0].identity, null, 'the first frame comes before the lookup');
    assert.equal(frames[0].mine.extension, '201');
    const named = frames.findIndex((c) => c.identity !== null);
    assert.ok(named > 0, 'the name follows in a later frame');
    assert.equal(frames[named].identity.name, 'Nordmann Rør AS');
    assert.ok(frames.indexOf(ended.call) > named, 'the end is the last word');
    assert.equal(ended.call.outcome, 'answered');
    socket.close();

    const logged = await server.api('GET', `/api/v1/calls/${encodeURIComponent(id)}`, { token: kariToken });
    assert.equal(logged.status, 200);
    assert.equal(logged.body.call.outcome, 'answered');
    assert.equal(logged.body.call.answeredBy, '201');
    assert.ok(logged.body.call.talkMs >= 150, `talked ~0.2 s, got ${logged.body.call.talkMs}`);
    assert.equal(logged.body.call.identity.name, 'Nordmann Rør AS');
  });

  test('simulate call --miss ends as missed', async () => {
    const socket = await TestSocket.connect(server.url, { token: kariToken });
    await socket.next((f) => f.type === 'hello');
    const child = spawnCli(['simulate', 'call', '--miss', '--extension', '2201', '--from', '+4723456789', '--ring-seconds', '0.2'], { env });
    child.stdin.end();
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    // The popup is there while the simulator still waits for the caller to give up.
    const ringing = await socket.next((f) => f.type === 'call' && f.call.source === 'simulator' && f.call.phase === 'ringing', 10_000);
    assert.equal(ringing.call.mine.extension, '2201');
    const code = await new Promise((resolve) => child.on('close', resolve));
    assert.equal(code, 0, stdout);
    const ended = await callFrame(socket, ringing.call.id, (c) => c.phase === 'ended');
    assert.equal(ended.call.outcome, 'missed');
    socket.close();
    const missed = await server.api('GET', '/api/v1/calls/missed', { token: kariToken });
    assert.ok(missed.body.calls.some((c: any) => c.id === ringing.call.id && c.outcome === 'missed'));
  });

  test('simulate call rings a group; the others see who answered', async () => {
    await server.user('ola', ['202'], { displayName: 'Ola Berg' });
    const socket = await TestSocket.connect(server.url, { token: kariToken });
    await socket.next((f) => f.type === 'hello');
    const [simulated, badAnswer] = await Promise.all([
      cli(['simulate', 'call', '-e', '201', '-e', '202', '--answer-by', '202', '--ring-seconds', '0.2', '--talk-seconds', '0.2']),
      cli(['simulate', 'call', '-e', '201', '--answer-by', '203']),
    ]);
    ok(simulated, 'simulate a group call');
    assert.equal(badAnswer.code, 1);
    assert.match(badAnswer.stderr, /--answer-by 203/);
    const callId = /^call (sim-\S+):/m.exec(simulated.stdout)?.[1];
    const answered = await callFrame(socket, `simulator:${callId}`, (c) => c.answeredBy !== null);
    assert.deepEqual(answered.call.answeredBy.userName, 'Ola Berg');
    assert.equal(answered.call.mine.cause, 'answered_elsewhere');
    socket.close();
  });

  test('calls shows the call log, a user\'s and the missed ones', async () => {
    const [mine, missed, nobody] = await Promise.all([
      cli(['calls', '--user', 'kari', '-n', '50']),
      cli(['calls', '--missed']),
      cli(['calls', '--user', 'nobody']),
    ]);
    ok(mine, 'calls --user kari');
    assert.match(mine.stdout, /^STARTED\s+DIR\s+NUMBER\s+CALLER\s+OUTCOME/m);
    assert.match(mine.stdout, /\bin\s+\+4723456789\s.*\bmissed\b/, 'the simulated missed call');
    assert.match(mine.stdout, /\banswered\s+Ola Berg\b/, 'the group call Ola answered');
    ok(missed, 'calls --missed');
    assert.doesNotMatch(missed.stdout, /\banswered\b/);
    assert.match(missed.stdout, /\bmissed\b/);
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /no user named "nobody"/);
  });

  test('numbers check lists what cannot be normalized, and --region re-normalizes for the server too', async () => {
    // A refused region changes nothing, so it can run alongside.
    const [checked, bad] = await Promise.all([cli(['numbers', 'check']), cli(['numbers', 'check', '--region', 'XX'])]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /defaultRegion/);
    ok(checked, 'numbers check');
    assert.match(checked.stdout, /^numbering: region NO,/m);
    assert.match(checked.stdout, /^1 number could not be normalized:$/m);
    assert.match(checked.stdout, /^\d+\s+Berlin Büro\s+work\s+030 12345678\s+too_long$/m);

    const german = await cli(['numbers', 'check', '--region', 'de']);
    ok(german, 'numbers check --region de');
    assert.match(german.stdout, /^numbering: region DE, .*\(changed\)$/m);
    assert.match(german.stdout, /^re-normalized: [1-9]\d* stored numbers? changed$/m);
    assert.match(german.stdout, /^every stored number is valid$/m);

    // The running server now reads national numbers as German ones, like the stored contacts.
    const identity = await identityOnRing('030 12345678');
    assert.equal(identity?.name, 'Berlin Büro');
    const settings = await server.api('GET', '/api/v1/settings/numbering', { token: kariToken });
    assert.equal(settings.body.numbering.defaultRegion, 'DE');

  });
});
