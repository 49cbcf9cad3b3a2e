import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { startTestServer, TestSocket, type TestServer } from '../support/server.js';

const hook = (server: TestServer, secret: string, body: unknown) => server.api('POST', '/api/v1/hooks/pbx', { token: secret, body });
const callFrame = (socket: TestSocket, id: string, match: (call: any) => boolean, timeoutMs?: number) =>
  socket.next((f) => f.type === 'call' && f.call.id === id && match(f.call), timeoutMs);

describe('calls across a restart', () => {
  test('a call open at shutdown is resumed: in the hello frame, and its end closes it in the call log', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'switchboard-restart-'));
    try {
      const t0 = Date.now() - 60_000;
      let kari: { id: number; token: string };
      let secret: string;
      const first = await startTestServer({}, { dataDir, keepData: true });
      try {
        kari = await first.user('kari', ['201'], { displayName: 'Kari Hansen' });
        ({ secret } = await first.source('pbx', 'native'));
        // Answered before the stop, and another that was still ringing.
        assert.equal((await hook(first, secret, { event: 'ringing', callId: 'talking', extension: '201', remoteNumber: '+4722334455', time: t0 })).status, 202);
        assert.equal((await hook(first, secret, { event: 'answered', callId: 'talking', direction: 'inbound', extension: '201', time: t0 + 4_000 })).status, 202);
        assert.equal((await hook(first, secret, { event: 'ringing', callId: 'forgotten', extension: '201', remoteNumber: '+4722334466', time: t0 + 1_000 })).status, 202);
      } finally {
        await first.close();
      }

      // The second process gives up on unanswered calls quickly, so the forgotten one is swept.
      const second = await startTestServer({ SWITCHBOARD_CALLS_MAX_RING_SECONDS: '1' }, { dataDir, keepData: true });
      try {
        const socket = await TestSocket.connect(second.url, { token: kari.token });
        const hello = await socket.next((f) => f.type === 'hello');
        const resumed = hello.calls.find((c: any) => c.id === 'pbx:talking');
        assert.ok(resumed, `the open call is in hello: ${JSON.stringify(hello.calls)}`);
        assert.equal(resumed.phase, 'answered');
        assert.equal(resumed.startedAt, t0);
        assert.equal(resumed.answeredAt, t0 + 4_000);
        assert.equal(resumed.remoteNumber, '+4722334455');
        assert.equal(resumed.mine.extension, '201');
        assert.equal(resumed.mine.state, 'answered');

        assert.equal((await hook(second, secret!, { event: 'ended', callId: 'talking', direction: 'inbound', extension: '201', cause: 'completed', time: t0 + 14_000 })).status, 202);
        const ended = await callFrame(socket, 'pbx:talking', (c) => c.phase === 'ended');
        assert.equal(ended.call.outcome, 'answered');
        assert.equal(ended.call.ringMs, 4_000);
        assert.equal(ended.call.talkMs, 10_000);
        assert.equal(ended.call.closedByTimeout, false);
        socket.close();

        const logged = await second.api('GET', `/api/v1/calls/${encodeURIComponent('pbx:talking')}`, { token: kari.token });
        assert.equal(logged.status, 200);
        assert.equal(logged.body.call.phase, 'ended');
        assert.equal(logged.body.call.outcome, 'answered');
        assert.equal(logged.body.call.cause, 'completed');
        assert.equal(logged.body.call.answeredBy, '201');
        assert.equal(logged.body.call.ringMs, 4_000);
        assert.equal(logged.body.call.talkMs, 10_000);
        assert.equal(logged.body.call.endedAt, t0 + 14_000);
        assert.equal(logged.body.call.closedBy, null);
        assert.equal(logged.body.parties[0].answered, true);
        assert.equal(second.sb.calls.current('pbx:talking'), undefined, 'no longer open');

        // The call that was ringing at the stop never got its end: the sweep closed it.
        const deadline = Date.now() + 3_000;
        let forgotten: any;
        while (Date.now() < deadline) {
          forgotten = (await second.api('GET', `/api/v1/calls/${encodeURIComponent('pbx:forgotten')}`, { token: kari.token })).body.call;
          if (forgotten.phase === 'ended') break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        assert.equal(forgotten.phase, 'ended');
        assert.equal(forgotten.outcome, 'missed');
        assert.equal(forgotten.closedBy, 'timeout');
        assert.equal(forgotten.endedAt, t0 + 1_000, 'ended when it was last heard of');
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('a call whose end never comes is closed by the sweep and pushed to the user', async () => {
    const server = await startTestServer({ SWITCHBOARD_CALLS_MAX_RING_SECONDS: '1' });
    try {
      const kari = await server.user('kari', ['201']);
      const { secret } = await server.source('pbx', 'native');
      const socket = await TestSocket.connect(server.url, { token: kari.token });
      await socket.next((f) => f.type === 'hello');
      const sent = Date.now();
      assert.equal((await hook(server, secret, { event: 'ringing', callId: 'lost', extension: '201', remoteNumber: '+4722334455' })).status, 202);
      await callFrame(socket, 'pbx:lost', (c) => c.phase === 'ringing');

      const closed = await callFrame(socket, 'pbx:lost', (c) => c.phase === 'ended', 4_000);
      const elapsed = Date.now() - sent;
      assert.ok(elapsed >= 1_000, `not before maxRingSeconds (${elapsed} ms)`);
      assert.ok(elapsed < 2_500, `soon after maxRingSeconds, whatever the default sweep interval (${elapsed} ms)`);
      assert.equal(closed.call.closedByTimeout, true);
      assert.equal(closed.call.outcome, 'missed');
      assert.equal(closed.call.cause, 'unknown');
      assert.equal(closed.call.mine.state, 'ended');
      socket.close();

      const logged = await server.api('GET', `/api/v1/calls/${encodeURIComponent('pbx:lost')}`, { token: kari.token });
      assert.equal(logged.body.call.outcome, 'missed');
      assert.equal(logged.body.call.closedBy, 'timeout');
      const missed = await server.api('GET', '/api/v1/calls/missed', { token: kari.token });
      assert.ok(missed.body.calls.some((c: any) => c.id === 'pbx:lost'));
      // Its real end, arriving late, does not reopen or change it.
      assert.equal((await hook(server, secret, { event: 'ended', callId: 'lost', direction: 'inbound', cause: 'completed' })).status, 202);
      const after = await server.api('GET', `/api/v1/calls/${encodeURIComponent('pbx:lost')}`, { token: kari.token });
      assert.equal(after.body.call.closedBy, 'timeout');
      assert.equal(after.body.call.outcome, 'missed');
    } finally {
      await server.close();
    }
  });
});
