import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lastAction, recording } from '../support/ami-pbx.js';
import type { AmiReplyFields } from '../support/ami-server.js';
import { screenshot } from './support/browser.js';
import { amiBrowserSuite } from './support/suite.js';

// The popup's phone buttons against a PBX that answers like Asterisk: each press is checked by the
// action the PBX receives, and the card follows what the PBX then reports (its events), not the press.

/** Anna's phone in the recorded call (pjsip/inbound-answered): what the PBX's events name. */
const ANNA_CHANNEL = { Channel: 'PJSIP/201-00000004', Uniqueid: '1795433211.6', Linkedid: '1795433211.5' };

const suite = amiBrowserSuite(async (setup) => {
  const { pbx } = setup;
  // Each action is answered at once; the PBX's event about it follows a moment later, as on a real PBX.
  const later = (event: AmiReplyFields) => setTimeout(() => pbx.event(event), 50);
  pbx.handle('MixMonitor', (m) => {
    later({ Event: 'MixMonitorStart', ...ANNA_CHANNEL, Channel: m.fields.Channel ?? '' });
    return { Response: 'Success', Message: 'Started monitoring channel' };
  });
  pbx.handle('MixMonitorMute', (m) => {
    later({ Event: 'MixMonitorMute', ...ANNA_CHANNEL, Direction: m.fields.Direction ?? 'both', State: m.fields.State ?? '' });
    return { Response: 'Success', Message: 'Muted' };
  });
  pbx.handle('StopMixMonitor', () => {
    later({ Event: 'MixMonitorStop', ...ANNA_CHANNEL });
    return { Response: 'Success', Message: 'Stopped monitoring channel' };
  });
  pbx.handle('BlindTransfer', () => ({ Response: 'Success', Message: 'Transfer succeeded' }));
  pbx.handle('Park', () => ({ Response: 'Error', Message: 'Parking lot full' }));
  pbx.handle('Hangup', () => ({ Response: 'Success', Message: 'Channel Hungup' }));
});

const isHangingUp = (frame: string) => /^Event: (Hangup|HangupRequest|SoftHangupRequest)\r?$/m.test(frame);

test('the popup of a call in progress records, pauses, resumes and stops, transfers and hangs up through the PBX, and shows what the PBX reports', async () => {
  const page = await suite.signedIn('anna');
  await page.waitForTimeout(300);

  const frames = recording('pjsip/inbound-answered.ami');
  const talking = frames.slice(0, frames.findIndex(isHangingUp));
  for (const frame of talking) suite.setup.pbx.send(frame);

  const card = page.getByRole('region', { name: 'Calls' }).getByRole('article').first();
  await card.getByText('In call').waitFor();
  const button = (name: string) => card.getByRole('button', { name, exact: true });
  for (const name of ['Hang up', 'Transfer', 'Park', 'Record']) assert.equal(await button(name).isEnabled(), true, `${name} is offered`);
  assert.equal(await button('Pause recording').count(), 0, 'nothing to pause before a recording runs');

  // Record: MixMonitor on Anna's channel; the card says so once the PBX reports it.
  await button('Record').click();
  await card.getByText('Recording', { exact: true }).waitFor();
  assert.equal(lastAction(suite.setup.pbx, 'MixMonitor').Channel, ANNA_CHANNEL.Channel);
  await button('Stop recording').waitFor();

  // Pause and resume: the recording is muted both ways, then not.
  await button('Pause recording').click();
  await card.getByText('Recording paused').waitFor();
  assert.deepEqual(lastAction(suite.setup.pbx, 'MixMonitorMute'), { Channel: ANNA_CHANNEL.Channel, Direction: 'both', State: '1' });
  await button('Resume recording').click();
  await card.getByText('Recording', { exact: true }).waitFor();
  assert.deepEqual(lastAction(suite.setup.pbx, 'MixMonitorMute'), { Channel: ANNA_CHANNEL.Channel, Direction: 'both', State: '0' });
  await screenshot(page, 'popup-recording');

  await button('Stop recording').click();
  await button('Record').waitFor();
  assert.equal(await card.getByText('Recording', { exact: true }).count(), 0);
  assert.deepEqual(lastAction(suite.setup.pbx, 'StopMixMonitor'), { Channel: ANNA_CHANNEL.Channel });

  // A refusal by the PBX is shown with its reason; the call goes on.
  await button('Park').click();
  await page.getByText(/Parking lot full/).waitFor();

  // Blind transfer to 202.
  await button('Transfer').click();
  await card.getByLabel('Transfer to').fill('202');
  await card.getByRole('button', { name: 'Transfer', exact: true }).last().click();
  await suite.setup.pbx.waitFor(() => suite.setup.pbx.actions('BlindTransfer').length === 1, 2000, 'the transfer');
  assert.equal(lastAction(suite.setup.pbx, 'BlindTransfer').Exten, '202');

  await button('Hang up').click();
  await suite.setup.pbx.waitFor(() => suite.setup.pbx.actions('Hangup').length === 1, 2000, 'the hang-up');
  assert.equal(lastAction(suite.setup.pbx, 'Hangup').Channel, ANNA_CHANNEL.Channel);
});
