import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../../src/app/logger.js';
import type { Call } from '../../../src/domain/calls/call.js';
import type { CallEvent } from '../../../src/domain/calls/call-event.js';
import { CallTracker } from '../../../src/domain/calls/tracker.js';
import { AmiConnection, type CallSink } from '../../../src/telephony/ami/ami-connection.js';
import { AmiTestServer, recordedEvents, type AmiReplyFields } from '../../support/ami-server.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ami/', import.meta.url));
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** The call service's part, with the real tracker: what the connection delivers, and what stays open. */
function sink(): CallSink & { events: CallEvent[]; tracker: CallTracker } {
  const tracker = new CallTracker();
  const events: CallEvent[] = [];
  return {
    events,
    tracker,
    async ingest(batch) {
      events.push(...batch);
      for (const event of batch) tracker.apply(event);
    },
    openCalls: (source): Call[] => tracker.active().filter((call) => call.source === source),
  };
}

const until = async (what: string, check: () => boolean, timeoutMs = 3000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

test('a PBX that stays away: the calls that were ringing are closed after the grace time, answered ones wait for the reconnect', async () => {
  const server = await AmiTestServer.start();
  server.handle('CoreShowChannels', (): AmiReplyFields[] => [
    { Response: 'Success', EventList: 'start', Message: 'Channels will follow' },
    { Event: 'CoreShowChannelsComplete', EventList: 'Complete', ListItems: 0 },
  ]);
  const calls = sink();
  const connection = new AmiConnection(
    { name: 'pbx', host: '127.0.0.1', port: server.port, username: 'cti', secret: 'ctisecret', tls: false, tlsCa: null, auth: 'plain', enabled: true, deviceRules: [] },
    { calls, log: createLogger('silent'), disconnectGraceMs: 150, client: { reconnect: { baseMs: 5_000, maxMs: 5_000 }, keepaliveIntervalMs: 0 } },
  );
  cleanup.push(() => connection.stop(), () => server.close());
  connection.start();
  await server.waitFor(() => server.actions('CoreShowChannels').length === 1, 3000, 'the first reload');
  await connection.synced();

  // One call ringing at 201 (Kari), one answered by 201 (the same recording with other ids).
  const frames = recordedEvents(readFileSync(`${FIXTURES}pjsip/inbound-answered.ami`));
  const ringing = frames.slice(0, frames.findIndex((f) => /^Event: Newstate\r\n[\s\S]*ChannelStateDesc: Ringing/.test(f)) + 1);
  const answered = frames.slice(0, frames.findIndex((f) => f.startsWith('Event: BridgeEnter')) + 1).map((f) => f.replaceAll('1795433211.', '1795430000.'));
  for (const frame of [...ringing, ...answered]) server.send(frame);
  await until('both calls', () => calls.tracker.active().length === 2);

  // The PBX goes away and stays away (close also drops the connection).
  await server.close();
  await until('the ringing call closed', () => calls.tracker.active().length === 1);
  const [left] = calls.tracker.active();
  assert.equal(left?.callId, '1795430000.5', 'the answered call is kept until the PBX says');
  assert.equal(left?.phase, 'answered');
  const end = calls.events.at(-1);
  assert.equal(end?.kind, 'ended');
  assert.equal(end?.callId, '1795433211.5');
  assert.equal(connection.status().state, 'reconnecting');
  assert.match(connection.status().lastError ?? '', /closed|ECONNREFUSED|reset/i);
});
