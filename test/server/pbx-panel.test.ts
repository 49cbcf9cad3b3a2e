import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { recording, scriptPanelState, startAmiPbx, type AmiPbx } from '../support/ami-pbx.js';
import { TestSocket } from '../support/server.js';

describe('operator panel: the PBX state over the WebSocket', () => {
  let setup: AmiPbx;

  before(async () => {
    setup = await startAmiPbx();
    await scriptPanelState(setup);
  });

  after(() => setup?.close());

  test('a panel that connects gets every extension, queue and parked call at once', async () => {
    const socket = await TestSocket.connect(setup.server.url, { token: setup.bob.token });
    try {
      const frame = await socket.next((f) => f.type === 'pbx' && f.source === 'pbx');
      assert.deepEqual(
        frame.snapshot.extensions.map((e: any) => [e.extension, e.state]),
        [
          ['201', 'idle'],
          ['202', 'idle'],
          ['203', 'idle'],
        ],
      );
      const support = frame.snapshot.queues.find((q: any) => q.name === 'support');
      assert.deepEqual(
        support.members.map((m: any) => [m.extension, m.status, m.paused, m.pausedReason]),
        [
          ['201', 'idle', false, ''],
          ['202', 'idle', true, 'lunch'],
        ],
      );
      assert.equal(support.completed, 4);
      assert.equal(support.abandoned, 1);
      assert.deepEqual(frame.snapshot.parked, []);
    } finally {
      socket.close();
    }
  });

  test('changes are pushed as they happen: a caller waits in the queue, phones ring, the call is parked and picked up', async () => {
    const socket = await TestSocket.connect(setup.server.url, { token: setup.anna.token });
    try {
      await socket.next((f) => f.type === 'pbx');
      for (const frame of recording('pjsip/inbound-queue.ami')) setup.pbx.send(frame);
      const changes = () => socket.frames.filter((f) => f.type === 'pbx.change').flatMap((f) => f.changes);
      const waiting = await socket.next((f) => f.type === 'pbx.change' && f.changes.some((c: any) => c.kind === 'queue' && c.queue.callers.length === 1));
      const queue = waiting.changes.find((c: any) => c.kind === 'queue').queue;
      assert.equal(queue.callers[0].callerNum, '+4722334455');
      assert.equal(typeof queue.longestWaitSince, 'number');
      await socket.next((f) => f.type === 'pbx.change' && f.changes.some((c: any) => c.kind === 'queue' && c.queue.completed === 5));
      assert.ok(changes().some((c: any) => c.kind === 'extension' && c.extension.extension === '201' && c.extension.state === 'ringing'));
      assert.ok(changes().some((c: any) => c.kind === 'trunk' && c.trunk.device === 'PJSIP/provider' && c.trunk.channels === 1));

      for (const frame of recording('pjsip/inbound-parked.ami')) setup.pbx.send(frame);
      const parked = await socket.next((f) => f.type === 'pbx.change' && f.changes.some((c: any) => c.kind === 'parked' && c.call !== null));
      assert.equal(parked.changes.find((c: any) => c.kind === 'parked').call.space, '701');
      await socket.next((f) => f.type === 'pbx.change' && f.changes.some((c: any) => c.kind === 'parked' && c.space === '701' && c.call === null));
    } finally {
      socket.close();
    }
  });
});
