import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AmiReplyFields } from '../support/ami-server.js';
import { recording, startAmiPbx, type AmiPbx } from '../support/ami-pbx.js';
import { TestSocket } from '../support/server.js';

const list = (items: AmiReplyFields[], complete: string): AmiReplyFields[] => [
  { Response: 'Success', EventList: 'start', Message: 'Items will follow' },
  ...items,
  { Event: complete, EventList: 'Complete', ListItems: items.length },
];

describe('operator panel: the PBX state over the WebSocket', () => {
  let setup: AmiPbx;

  before(async () => {
    setup = await startAmiPbx();
    const { pbx } = setup;
    pbx.handle('ExtensionStateList', () =>
      list(
        ['201', '202', '203'].map((exten) => ({ Event: 'ExtensionStatus', Exten: exten, Context: 'ext-local', Hint: `PJSIP/${exten}`, Status: 0, StatusText: 'Idle' })),
        'ExtensionStateListComplete',
      ),
    );
    pbx.handle('QueueStatus', () =>
      list(
        [
          { Event: 'QueueParams', Queue: 'support', Max: 0, Strategy: 'ringall', Calls: 0, Holdtime: 0, TalkTime: 0, Completed: 4, Abandoned: 1 },
          { Event: 'QueueMember', Queue: 'support', Name: 'Agent 201', Location: 'PJSIP/201', StateInterface: 'PJSIP/201', Status: 1, Paused: 0, PausedReason: '', CallsTaken: 3 },
          { Event: 'QueueMember', Queue: 'support', Name: 'Agent 202', Location: 'PJSIP/202', StateInterface: 'PJSIP/202', Status: 1, Paused: 1, PausedReason: 'lunch', CallsTaken: 1 },
        ],
        'QueueStatusComplete',
      ),
    );
    pbx.handle('ParkedCalls', () => list([], 'ParkedCallsComplete'));
    // Reconnect so that the reload asks for the lists scripted above.
    const reloads = pbx.actions('ExtensionStateList').length;
    pbx.dropAll();
    await pbx.waitFor(() => pbx.actions('ParkedCalls').length > reloads, 5000, 'the reload of the panel state');
    await setup.until('connected again', async () => (await setup.connectionState()) === 'connected');
    await setup.server.sb.ami.connection('pbx')?.synced();
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
