import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startAmiPbx, type AmiPbx } from '../support/ami-pbx.js';
import type { AmiReplyFields } from '../support/ami-server.js';

let setup: AmiPbx | undefined;
after(() => setup?.close());

const list = (items: AmiReplyFields[], complete: string): AmiReplyFields[] => [
  { Response: 'Success', EventList: 'start', Message: 'Items will follow' },
  ...items,
  { Event: complete, EventList: 'Complete', ListItems: items.length },
];

test('a queue member the PBX lists as Local/201@from-queue/n (FreePBX) is paused and logged out under that interface; logging in uses the phone', async () => {
  setup = await startAmiPbx();
  const { pbx, anna, server } = setup;
  pbx.handle('QueueStatus', () =>
    list(
      [
        { Event: 'QueueParams', Queue: 'sales', Max: 0, Strategy: 'ringall', Calls: 0, Holdtime: 0, TalkTime: 0, Completed: 0, Abandoned: 0 },
        { Event: 'QueueMember', Queue: 'sales', Name: 'Anna', Location: 'Local/201@from-queue/n', StateInterface: 'hint:201@ext-local', Status: 1, Paused: 0, PausedReason: '' },
      ],
      'QueueStatusComplete',
    ),
  );
  for (const action of ['QueuePause', 'QueueRemove', 'QueueAdd']) pbx.handle(action, () => ({ Response: 'Success', Message: 'Done' }));
  // Reconnect, so that the server's reload reads the queue.
  const reloads = pbx.actions('QueueStatus').length;
  pbx.dropAll();
  await pbx.waitFor(() => pbx.actions('QueueStatus').length > reloads, 5000, 'the reload');
  await setup.until('connected again', async () => (await setup!.connectionState()) === 'connected');
  await server.sb.ami.connection('pbx')?.synced();

  const member = (body: unknown) => server.api('POST', '/api/v1/queues/sales/members/me', { token: anna.token, body });
  const last = (name: string) => {
    const fields: Record<string, string | undefined> = { ...pbx.actions(name).at(-1)?.message.fields };
    delete fields.Action;
    delete fields.ActionID;
    return fields;
  };
  assert.equal((await member({ action: 'pause', reason: 'lunch' })).status, 200);
  assert.deepEqual(last('QueuePause'), { Interface: 'Local/201@from-queue/n', Paused: 'true', Queue: 'sales', Reason: 'lunch' });
  assert.equal((await member({ action: 'unpause' })).status, 200);
  assert.equal(last('QueuePause').Interface, 'Local/201@from-queue/n');
  assert.equal((await member({ action: 'logout' })).status, 200);
  assert.deepEqual(last('QueueRemove'), { Queue: 'sales', Interface: 'Local/201@from-queue/n' });
  assert.equal((await member({ action: 'login' })).status, 200);
  assert.equal(last('QueueAdd').Interface, 'PJSIP/201');

  // Another queue she is not in: her phone, as before.
  assert.equal((await server.api('POST', '/api/v1/queues/support/members/me', { token: anna.token, body: { action: 'pause' } })).status, 200);
  assert.equal(last('QueuePause').Interface, 'PJSIP/201');
});
