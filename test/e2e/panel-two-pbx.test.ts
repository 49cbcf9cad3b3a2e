import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { recording, scriptPanelState } from '../support/ami-pbx.js';
import { AmiTestServer, type AmiReplyFields } from '../support/ami-server.js';
import { goTo, screenshot } from './support/browser.js';
import { amiBrowserSuite } from './support/suite.js';

// Two phone systems in one panel: Anna's phone (201) is on "pbx"; "branch" has phones 301–302,
// its own queue and a parked call. Both are shown, but only "pbx" offers her the controls that
// act through her phone: queue membership, picking up parked calls and (for Sue, an admin on
// "pbx" too) listening in.

const list = (items: AmiReplyFields[], complete: string): AmiReplyFields[] => [
  { Response: 'Success', EventList: 'start', Message: 'Items will follow' },
  ...items,
  { Event: complete, EventList: 'Complete', ListItems: items.length },
];

/** A parked call in space 701 of the default lot, parked 10 s ago, ringing back after 45 s. */
const parkedIn701 = (channel: string): AmiReplyFields => ({
  Event: 'ParkedCall',
  ParkeeChannel: channel,
  ParkeeCallerIDNum: '+4722334455',
  ParkeeCallerIDName: 'Kari Nordmann',
  ParkerDialString: 'PJSIP/301',
  Parkinglot: 'default',
  ParkingSpace: '701',
  ParkingTimeout: 45,
  ParkingDuration: 10,
});

let branch: AmiTestServer;

const suite = amiBrowserSuite(async (setup) => {
  await setup.server.user('sue', ['203'], { displayName: 'Sue', role: 'admin' });
  await setup.server.user('olav', ['301'], { displayName: 'Olav' });
  await scriptPanelState(setup);
  setup.pbx.handle('ParkedCalls', () => list([parkedIn701('PJSIP/provider-00000010')], 'ParkedCallsComplete'));
  branch = await AmiTestServer.start();
  branch.handle('CoreShowChannels', () => list([], 'CoreShowChannelsComplete'));
  branch.handle('ExtensionStateList', () =>
    list(
      ['301', '302'].map((exten) => ({ Event: 'ExtensionStatus', Exten: exten, Context: 'ext-local', Hint: `PJSIP/${exten}`, Status: 0, StatusText: 'Idle' })),
      'ExtensionStateListComplete',
    ),
  );
  branch.handle('QueueStatus', () =>
    list(
      [
        { Event: 'QueueParams', Queue: 'sales', Max: 0, Strategy: 'ringall', Calls: 0, Holdtime: 0, TalkTime: 0, Completed: 2, Abandoned: 0 },
        { Event: 'QueueMember', Queue: 'sales', Name: 'Agent 301', Location: 'PJSIP/301', StateInterface: 'PJSIP/301', Status: 1, Paused: 0, PausedReason: '', CallsTaken: 2 },
      ],
      'QueueStatusComplete',
    ),
  );
  branch.handle('ParkedCalls', () => list([parkedIn701('PJSIP/provider-00000020')], 'ParkedCallsComplete'));
  const created = await setup.server.api('POST', '/api/v1/sources', {
    token: setup.admin,
    body: { name: 'branch', dialect: 'ami', ami: { host: '127.0.0.1', port: branch.port, username: 'cti', secret: 'ctisecret', auth: 'plain' } },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await branch.waitFor(() => branch.actions('ParkedCalls').length > 0, 5000, "branch's first reload");
  await setup.until('branch connected', () => setup.server.sb.ami.connection('branch')?.client.connected === true);
  await setup.server.sb.ami.connection('branch')!.synced();
  // The main PBX reloads once more, so that it lists its parked call too.
  const reloads = setup.pbx.actions('ParkedCalls').length;
  setup.pbx.dropAll();
  await setup.pbx.waitFor(() => setup.pbx.actions('ParkedCalls').length > reloads, 5000, 'the reload of pbx');
  await setup.until('pbx connected again', async () => (await setup.connectionState()) === 'connected');
  await setup.server.sb.ami.connection('pbx')!.synced();
});

test.after(async () => {
  await branch?.close();
});

const system = (page: Page, name: string): Locator => page.getByRole('region', { name: `Phone system ${name}` });

test('with two phone systems, the panel shows both but offers queue membership and pickup only on the one that has the user\'s phone', async () => {
  const page = await suite.signedIn('anna');
  await goTo(page, 'Operator panel');
  await page.getByRole('heading', { level: 1, name: 'Operator panel' }).waitFor();

  const own = system(page, 'pbx');
  const other = system(page, 'branch');
  await own.getByRole('article', { name: 'support' }).waitFor();
  await other.getByRole('article', { name: 'sales' }).waitFor();
  await own.getByText('Kari Nordmann').waitFor();
  await other.getByText('Kari Nordmann').waitFor();

  // Her PBX: her membership in its queue, and a pickup for its parked call.
  await own.getByRole('group', { name: 'Your membership in queue support' }).waitFor();
  assert.equal(await own.getByRole('button', { name: 'Pick up the call in space 701' }).count(), 1);
  // The other: the same kind of things shown, nothing to press.
  assert.equal(await other.getByRole('group', { name: 'Your membership in queue sales' }).count(), 0);
  assert.equal(await other.getByRole('button', { name: 'Log in to this queue' }).count(), 0);
  assert.equal(await other.getByRole('button', { name: 'Pick up the call in space 701' }).count(), 0);
  await screenshot(page, 'panel-two-pbx');

  // And the server agrees on which one serves her.
  const capabilities = (await suite.setup.server.api('GET', '/api/v1/capabilities', { token: suite.setup.anna.token })).body;
  assert.equal(capabilities.pbx, 'pbx');
});

test('an admin sees the calls of both phone systems, and is offered to listen in only where her own phone is', async () => {
  const page = await suite.signedIn('sue');
  await goTo(page, 'Operator panel');
  const section = page.getByRole('region', { name: 'Calls in progress' });
  await section.getByText('No calls in progress.').waitFor();

  // Olav (301, on branch) answers Kari Nordmann's call: the recording of 201's, moved to branch.
  const frames = recording('pjsip/inbound-answered.ami').map((frame) => frame.replaceAll('PJSIP/201', 'PJSIP/301').replace(/^(CallerIDNum|ConnectedLineNum|DestCallerIDNum|DestConnectedLineNum|Exten|DestExten): 201\r?$/gm, '$1: 301'));
  const talking = frames.slice(0, frames.findIndex((frame) => /^Event: (Hangup|HangupRequest|SoftHangupRequest)\r?$/m.test(frame)));
  for (const frame of talking) branch.send(frame);

  const call = section.getByRole('list', { name: 'Calls in progress' }).getByRole('listitem').filter({ hasText: 'Olav (301)' });
  await call.getByText('Talking').waitFor();
  await call.getByText('Phone system branch').waitFor();
  await call.getByText('Your phone is on another phone system: listening in works only on calls of yours.').waitFor();
  assert.equal(await call.getByRole('button', { name: 'Listen', exact: true }).count(), 0);
  assert.equal(await call.getByRole('group').count(), 0);
});
