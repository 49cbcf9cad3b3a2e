import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import {
  AmiActionError,
  AmiClient,
  AmiError,
  AmiLoginError,
  AmiTimeoutError,
  backoffDelay,
  type AmiClientEvents,
  type AmiClientOptions,
  type AmiStatusChange,
} from '../../../src/telephony/ami/client.js';
import type { AmiMessage } from '../../../src/telephony/ami/frame-parser.js';
import { AmiTestServer, recordedEvents } from '../../support/ami-server.js';
import { selfSigned, tlsFront } from '../../support/tls.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ami/', import.meta.url));
const fixture = (name: string) => readFileSync(FIXTURES + name, 'latin1');

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function setup(clientOptions: Partial<AmiClientOptions> = {}, serverOptions: Parameters<typeof AmiTestServer.start>[0] = {}) {
  const server = await AmiTestServer.start(serverOptions);
  const client = new AmiClient({
    host: '127.0.0.1',
    port: server.port,
    username: 'cti',
    secret: 'ctisecret',
    actionTimeoutMs: 1000,
    connectTimeoutMs: 1000,
    keepaliveIntervalMs: 0,
    reconnect: { baseMs: 20, maxMs: 100 },
    ...clientOptions,
  });
  const statuses: AmiStatusChange[] = [];
  const events: AmiMessage[] = [];
  let connectedCount = 0;
  client.on('status', (s) => statuses.push(s));
  client.on('event', (e) => events.push(e));
  client.on('connected', () => connectedCount++);
  cleanup.push(() => server.close(), () => client.close());
  return { server, client, statuses, events, connected: () => connectedCount };
}

function next<K extends keyof AmiClientEvents>(client: AmiClient, name: K, predicate: (...args: Parameters<AmiClientEvents[K]>) => boolean = () => true, timeoutMs = 2000) {
  return new Promise<Parameters<AmiClientEvents[K]>>((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`timed out waiting for ${name}`))), timeoutMs);
    const off = client.on(name, ((...args: Parameters<AmiClientEvents[K]>) => {
      if (!predicate(...args)) return;
      clearTimeout(timer);
      off();
      resolve(args);
    }) as AmiClientEvents[K]);
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 2000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** The frames a connection received, ActionIDs blanked. */
const sentText = (raw: string) => raw.replace(/^ActionID: .*$/gm, 'ActionID: X');

describe('AmiClient login', () => {
  test('plain Login with Username/Secret and Events: on', async () => {
    const { server, client, statuses, connected } = await setup();
    const info = next(client, 'connected');
    await client.connect();
    assert.deepEqual((await info)[0], { bannerVersion: '11.0.0' });
    assert.equal(client.status, 'connected');
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['connecting', 'connected'],
    );
    assert.equal(connected(), 1);
    assert.equal(sentText(server.connections[0]!.raw), 'Action: Login\r\nUsername: cti\r\nSecret: ctisecret\r\nEvents: on\r\nActionID: X\r\n\r\n');
  });

  test('MD5 challenge: Key = md5(challenge + secret), with an event mask', async () => {
    const { server, client } = await setup({ auth: 'md5', events: 'call,agent' }, { challenge: '297184934' });
    await client.connect();
    // The same challenge and secret as test/fixtures/ami/login-md5-challenge.*
    assert.equal(
      sentText(server.connections[0]!.raw),
      'Action: Challenge\r\nAuthType: MD5\r\nActionID: X\r\n\r\n' +
        'Action: Login\r\nAuthType: MD5\r\nUsername: cti\r\nKey: 72b6ac91db518676b7922d578036c981\r\nEvents: call,agent\r\nActionID: X\r\n\r\n',
    );
    assert.equal(server.connections[0]!.raw.includes('ctisecret'), false);
  });

  test('a wrong secret rejects connect() with the PBX message and does not retry', async () => {
    const { server, client, statuses } = await setup({ secret: 'wrong' });
    await assert.rejects(client.connect(), (error: unknown) => {
      assert.ok(error instanceof AmiLoginError);
      assert.match(error.message, /login as cti failed: Authentication failed/);
      return true;
    });
    assert.equal(client.status, 'disconnected');
    assert.match(statuses.at(-1)!.lastError!.message, /Authentication failed/);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(server.connections.length, 1);
  });

  test('start() keeps retrying a refused login with backoff', async () => {
    const { server, client } = await setup({ secret: 'wrong' });
    client.start();
    const [change] = await next(client, 'status', (s) => s.status === 'reconnecting');
    assert.ok(change.lastError instanceof AmiLoginError);
    assert.ok(change.delayMs !== undefined && change.delayMs <= 20);
    await server.waitFor(() => server.connections.length >= 3, 2000, 'three attempts');
  });

  test('connect to a closed port fails cleanly', async () => {
    const server = await AmiTestServer.start();
    const port = server.port;
    await server.close();
    const client = new AmiClient({ host: '127.0.0.1', port, username: 'cti', secret: 'x', reconnect: false });
    await assert.rejects(client.connect(), /ECONNREFUSED/);
    await client.close();
  });
});

describe('AmiClient actions', () => {
  test('two concurrent actions answered out of order are correlated by ActionID', async () => {
    const { server, client } = await setup();
    server.handle('First', () => undefined);
    server.handle('Second', () => undefined);
    await client.connect();
    const first = client.action('First', { Exten: 201, Variable: ['A=1', 'B=2'] });
    const second = client.action('Second');
    const [a, b] = [await server.waitForAction('First'), await server.waitForAction('Second')];
    assert.deepEqual(a.message.multi?.Variable, ['A=1', 'B=2']);
    assert.equal(a.message.fields.Exten, '201');
    assert.notEqual(a.message.actionId, b.message.actionId);
    const conn = server.connections[0]!;
    conn.reply(b.message, { Response: 'Success', Message: 'second' });
    conn.reply(a.message, { Response: 'Success', Message: 'first' });
    assert.equal((await first).fields.Message, 'first');
    assert.equal((await second).fields.Message, 'second');
  });

  test('Response: Error rejects with the message', async () => {
    const { client } = await setup();
    await client.connect();
    await assert.rejects(client.action('NoSuchAction'), (error: unknown) => {
      assert.ok(error instanceof AmiActionError);
      assert.equal(error.message, 'AMI action NoSuchAction failed: Invalid/unknown command');
      return true;
    });
  });

  test('a timeout rejects; the late response is ignored and the client goes on', async () => {
    const { server, client, events } = await setup();
    server.handle('Slow', () => undefined);
    await client.connect();
    await assert.rejects(client.action('Slow', {}, { timeoutMs: 50 }), (error: unknown) => {
      assert.ok(error instanceof AmiTimeoutError);
      assert.equal(error.message, 'AMI action Slow timed out after 50 ms');
      return true;
    });
    const request = await server.waitForAction('Slow');
    server.connections[0]!.reply(request.message, { Response: 'Success', Message: 'too late' });
    assert.equal((await client.action('Ping')).fields.Ping, 'Pong');
    assert.equal(events.length, 0);
  });

  test('values with line breaks are refused (no action injection)', async () => {
    const { server, client } = await setup();
    await client.connect();
    await assert.rejects(client.action('Originate', { Channel: 'PJSIP/201\r\n\r\nAction: Logoff' }), AmiError);
    await client.action('Ping');
    assert.equal(server.actions('Originate').length, 0);
  });

  test('actionList collects the events of a recorded CoreShowChannels list', async () => {
    const { server, client, events } = await setup();
    // The response, its 4 CoreShowChannel events and the Complete event, as Asterisk 22 sent them.
    const recorded = fixture('actions-misc.ami')
      .split('\r\n\r\n')
      .filter((f) => f.includes('ActionID: actions-misc-12\r\n'));
    assert.equal(recorded.length, 6);
    server.handle('CoreShowChannels', (request) =>
      recorded.flatMap((f, i) => [
        f.replace('ActionID: actions-misc-12', `ActionID: ${request.actionId}`) + '\r\n\r\n',
        // An unrelated event in the middle of the list goes to listeners.
        ...(i === 2 ? ['Event: Hangup\r\nChannel: PJSIP/203-00000001\r\n\r\n'] : []),
      ]),
    );
    server.chop = true;
    await client.connect();
    const list = await client.actionList('CoreShowChannels');
    assert.equal(list.response.fields.EventList, 'start');
    assert.deepEqual(
      list.events.map((e) => [e.name, e.fields.Channel]),
      [
        ['CoreShowChannel', 'Local/4722000201@from-trunk-0000001c;2'],
        ['CoreShowChannel', 'Local/4722000201@from-trunk-0000001c;1'],
        ['CoreShowChannel', 'Local/201@phones-0000001d;1'],
        ['CoreShowChannel', 'Local/201@phones-0000001d;2'],
      ],
    );
    assert.equal(list.complete?.name, 'CoreShowChannelsComplete');
    assert.equal(list.complete?.fields.ListItems, '4');
    await until(() => events.length === 1, 'the Hangup event');
    assert.equal(events[0]!.name, 'Hangup');
  });

  test('actionList of a response without a list resolves with no events', async () => {
    const { client } = await setup();
    await client.connect();
    const list = await client.actionList('Ping');
    assert.equal(list.response.fields.Ping, 'Pong');
    assert.deepEqual(list.events, []);
    assert.equal(list.complete, undefined);
  });
});

describe('AmiClient events', () => {
  test('recorded events arrive in order, cut anywhere; VarSet and Newexten are dropped by default', async () => {
    const { server, client, events } = await setup({}, { chop: true });
    await client.connect();
    const frames = recordedEvents(fixture('inbound-answered.ami'));
    const names = frames.map((f) => /^Event: (.*)\r\n/.exec(f)![1]!);
    const expected = names.filter((n) => n !== 'VarSet' && n !== 'Newexten');
    assert.ok(expected.length < names.length && expected.length > 20);
    server.send(frames.join(''));
    await until(() => events.length >= expected.length, `${expected.length} events`, 5000);
    assert.deepEqual(
      events.map((e) => e.name),
      expected,
    );
  });

  test('acceptEvent can ask for VarSet', async () => {
    const { server, client, events } = await setup({ acceptEvent: (name) => name === 'VarSet' });
    await client.connect();
    server.event({ Event: 'Newchannel', Channel: 'PJSIP/201-00000001' });
    server.event({ Event: 'VarSet', Variable: 'X', Value: '1' });
    await until(() => events.length === 1, 'VarSet');
    assert.equal(events[0]!.name, 'VarSet');
  });

  test('garbage from the server does not crash the client and later frames still arrive', async () => {
    const { server, client, events } = await setup();
    await client.connect();
    server.send(Buffer.from([0, 0xff, 0xfe, 10, 13, 10]));
    server.send('this is not AMI\r\n\x00\x01\x02\r\n\r\n: no key\r\n\r\n');
    server.event({ Event: 'Hangup', Channel: 'PJSIP/201-00000001' });
    await until(() => events.length === 1, 'the Hangup event');
    assert.equal(events[0]!.fields.Channel, 'PJSIP/201-00000001');
    assert.equal((await client.action('Ping')).fields.Ping, 'Pong');
  });

  test('a listener that throws does not break delivery', async () => {
    const { server, client, events } = await setup();
    client.on('event', () => {
      throw new Error('listener bug');
    });
    await client.connect();
    server.event({ Event: 'Hangup' });
    server.event({ Event: 'Hangup' });
    await until(() => events.length === 2, 'two events');
  });
});

describe('AmiClient connection loss', () => {
  test('a dropped connection rejects pending actions, reconnects, logs in again and emits connected again', async () => {
    const { server, client, statuses, connected } = await setup();
    server.handle('Hang', () => undefined);
    await client.connect();
    const pending = client.action('Hang');
    await server.waitForAction('Hang');
    const reconnecting = next(client, 'status', (s) => s.status === 'reconnecting');
    const disconnected = next(client, 'disconnected');
    server.dropAll();
    await assert.rejects(pending, /AMI action Hang aborted: AMI connection closed by the server/);
    const [change] = await reconnecting;
    assert.match(change.lastError!.message, /closed by the server/);
    await disconnected;
    await assert.rejects(client.action('Ping'), /not connected/);
    await next(client, 'connected');
    assert.equal(connected(), 2);
    assert.equal(server.actions('Login').length, 2);
    assert.equal(server.actions('Login')[1]!.connection, 2);
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['connecting', 'connected', 'reconnecting', 'connected'],
    );
    assert.equal((await client.action('Ping')).fields.Ping, 'Pong');
  });

  test('keepalive detects a silent server', async () => {
    const { server, client } = await setup({ keepaliveIntervalMs: 30, keepaliveTimeoutMs: 50 });
    await client.connect();
    await server.waitForAction('Ping');
    server.handle('Ping', () => undefined);
    const [change] = await next(client, 'status', (s) => s.status === 'reconnecting');
    assert.ok(change.lastError instanceof AmiTimeoutError);
    assert.match(change.lastError.message, /keepalive: no answer to Ping within 50 ms/);
  });

  test('close() logs off, rejects what is pending and stops reconnecting', async () => {
    const { server, client } = await setup();
    server.handle('Hang', () => undefined);
    await client.connect();
    const pending = client.action('Hang');
    await server.waitForAction('Hang');
    await client.close();
    await assert.rejects(pending, /aborted: AMI client closed/);
    assert.equal(client.status, 'closed');
    assert.equal(server.actions('Logoff').length, 1);
    await assert.rejects(client.action('Ping'), /not connected/);
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(server.connections.length, 1);
  });
});

describe('AmiClient over TLS and with slow servers', () => {
  const certificate = () => selfSigned(cleanup, 'localhost', ['localhost']);

  test('logs in and runs actions over TLS, checking the certificate it was given', async () => {
    const credentials = certificate();
    const server = await AmiTestServer.start();
    cleanup.push(() => server.close());
    const port = await tlsFront(cleanup, server.port, credentials);
    const client = new AmiClient({ host: 'localhost', port, tls: { ca: credentials.cert }, username: 'cti', secret: 'ctisecret', keepaliveIntervalMs: 0, reconnect: false, connectTimeoutMs: 3000 });
    cleanup.push(() => client.close());
    await client.connect();
    assert.equal((await client.action('Ping')).fields.Ping, 'Pong');
    assert.equal(server.actions('Login')[0]?.message.fields.Secret, 'ctisecret');
  });

  test('a certificate it cannot verify is refused before anything is sent', async () => {
    const server = await AmiTestServer.start();
    cleanup.push(() => server.close());
    const port = await tlsFront(cleanup, server.port, certificate());
    const client = new AmiClient({ host: 'localhost', port, tls: true, username: 'cti', secret: 'ctisecret', keepaliveIntervalMs: 0, reconnect: false, connectTimeoutMs: 3000 });
    cleanup.push(() => client.close());
    await assert.rejects(client.connect(), /self[- ]signed|certificate/i);
    assert.equal(server.actions('Login').length, 0, 'the secret never left');
  });

  test('a server that accepts the connection but never greets times out the connect', async () => {
    const accepted = new Set<net.Socket>();
    const mute = net.createServer((socket) => void accepted.add(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    cleanup.push(async () => {
      for (const socket of accepted) socket.destroy();
      mute.close();
    });
    const client = new AmiClient({ host: '127.0.0.1', port: (mute.address() as net.AddressInfo).port, username: 'cti', secret: 'x', keepaliveIntervalMs: 0, reconnect: false, connectTimeoutMs: 150 });
    cleanup.push(() => client.close());
    const started = Date.now();
    await assert.rejects(client.connect(), AmiTimeoutError);
    assert.ok(Date.now() - started < 2000);
  });
});

test('backoffDelay doubles up to the cap, jitter shortens it', () => {
  const none = () => 0;
  assert.deepEqual(
    [0, 1, 2, 3, 10].map((n) => backoffDelay(n, 100, 1000, 0.5, none)),
    [100, 200, 400, 800, 1000],
  );
  assert.equal(backoffDelay(2, 100, 1000, 0.5, () => 1), 200);
  assert.equal(backoffDelay(100, 100, 1000, 0.5, () => 0.5), 750);
});
