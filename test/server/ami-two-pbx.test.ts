import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { AmiTestServer, type AmiReplyFields } from '../support/ami-server.js';
import { startTestServer } from '../support/server.js';

const cleanup: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A PBX whose hints list these extensions (on SIP or PJSIP), with nothing going on, that accepts Originate. */
async function pbxWith(hints: Record<string, string>): Promise<AmiTestServer> {
  const pbx = await AmiTestServer.start();
  cleanup.push(() => pbx.close());
  const list = (items: AmiReplyFields[], complete: string): AmiReplyFields[] => [
    { Response: 'Success', EventList: 'start', Message: 'Items will follow' },
    ...items,
    { Event: complete, EventList: 'Complete', ListItems: items.length },
  ];
  pbx.handle('CoreShowChannels', () => list([], 'CoreShowChannelsComplete'));
  pbx.handle('ExtensionStateList', () =>
    list(
      Object.entries(hints).map(([exten, hint]) => ({ Event: 'ExtensionStatus', Exten: exten, Context: 'ext-local', Hint: hint, Status: 0, StatusText: 'Idle' })),
      'ExtensionStateListComplete',
    ),
  );
  pbx.handle('Originate', () => ({ Response: 'Success', Message: 'Originate successfully queued' }));
  return pbx;
}

test('with two PBXs, each user is served by the one that lists their extension: click-to-call rings the phone there', async () => {
  // Bergen comes first by name and lists only 202 (an older SIP phone); Oslo lists 201.
  const oslo = await pbxWith({ '201': 'PJSIP/201' });
  const bergen = await pbxWith({ '202': 'SIP/202' });
  const server = await startTestServer();
  cleanup.push(() => server.close());
  const admin = await server.adminToken();
  const anna = await server.user('anna', ['201'], { displayName: 'Anna' });
  const bob = await server.user('bob', ['202'], { displayName: 'Bob' });
  const nils = await server.user('nils', ['209'], { displayName: 'Nils' });
  for (const [name, pbx] of [['oslo', oslo], ['bergen', bergen]] as const) {
    const created = await server.api('POST', '/api/v1/sources', {
      token: admin,
      body: { name, dialect: 'ami', ami: { host: '127.0.0.1', port: pbx.port, username: 'cti', secret: 'ctisecret', auth: 'plain' } },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
  await Promise.all(
    ['oslo', 'bergen'].map(async (name) => {
      const deadline = Date.now() + 5000;
      while (server.sb.ami.connection(name) === undefined || !(server.sb.ami.connection(name)!.client.connected)) {
        if (Date.now() > deadline) throw new Error(`${name} did not connect`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await server.sb.ami.connection(name)!.synced();
    }),
  );
  await oslo.waitFor(() => oslo.actions('ExtensionStateList').length > 0, 3000, 'Oslo\'s hints');
  await bergen.waitFor(() => bergen.actions('ExtensionStateList').length > 0, 3000, 'Bergen\'s hints');
  await new Promise((resolve) => setTimeout(resolve, 100));

  const dial = async (token: string) => {
    const response = await server.api('POST', '/api/v1/dial', { token, body: { number: '+47 99 88 77 66' } });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.equal(response.body.originated, true);
  };
  await dial(bob.token);
  assert.equal(bergen.actions('Originate').length, 1, 'Bob\'s call goes out through Bergen');
  assert.equal(oslo.actions('Originate').length, 0);
  assert.equal(bergen.actions('Originate')[0]!.message.fields.Channel, 'SIP/202', 'the device Bergen\'s hint names');

  // Not the first PBX by name: the one that has her phone.
  await dial(anna.token);
  assert.equal(oslo.actions('Originate').length, 1, 'Anna\'s through Oslo');
  assert.equal(oslo.actions('Originate')[0]!.message.fields.Channel, 'PJSIP/201');
  assert.equal(bergen.actions('Originate').length, 1);

  // An extension no PBX lists: the first PBX by name, as before hints are known.
  await dial(nils.token);
  assert.equal(bergen.actions('Originate').length, 2);
  assert.equal(bergen.actions('Originate')[1]!.message.fields.Channel, 'PJSIP/209');

  // The capabilities name the PBX that serves each, so the panel offers its controls only there.
  const servedBy = async (token: string) => (await server.api('GET', '/api/v1/capabilities', { token })).body.pbx;
  assert.deepEqual([await servedBy(anna.token), await servedBy(bob.token), await servedBy(nils.token)], ['oslo', 'bergen', 'bergen']);
});
