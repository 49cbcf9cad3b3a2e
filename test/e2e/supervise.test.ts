import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { lastAction, recording, scriptPanelState } from '../support/ami-pbx.js';
import { goTo, screenshot } from './support/browser.js';
import { amiBrowserSuite } from './support/suite.js';

// The operator panel's calls in progress for admins (the supervisors for now): each press of
// Listen, Whisper or Barge is checked by the Originate the PBX receives, which rings the admin's
// own phone (203) into ChanSpy on the agent's channel.

/** Set to a reason to have the PBX refuse the next Originate with it. */
let refuse: string | null = null;

/** Anna's phone in the recorded call (pjsip/inbound-answered). */
const ANNA_CHANNEL = 'PJSIP/201-00000004';

const suite = amiBrowserSuite(async (setup) => {
  await setup.server.user('sue', ['203'], { displayName: 'Sue', role: 'admin' });
  setup.pbx.handle('Originate', () => (refuse === null ? { Response: 'Success', Message: 'Originate successfully queued' } : { Response: 'Error', Message: refuse }));
  await scriptPanelState(setup);
});

const isHangingUp = (frame: string) => /^Event: (Hangup|HangupRequest|SoftHangupRequest)\r?$/m.test(frame);

async function openPanel(username: string, first: (page: Page) => void = () => undefined): Promise<Page> {
  const page = await suite.signedIn(username);
  first(page);
  await goTo(page, 'Operator panel');
  await page.getByRole('heading', { level: 1, name: 'Operator panel' }).waitFor();
  // The panel is there once the PBX's extensions are.
  await page.getByRole('list', { name: 'Extensions' }).getByRole('listitem').first().waitFor();
  return page;
}

/** Presses `button` and waits for the PBX to receive one more Originate. */
async function pressAndOriginate(button: Locator): Promise<Record<string, string | undefined>> {
  const before = suite.setup.pbx.actions('Originate').length;
  await button.click();
  await suite.setup.pbx.waitFor(() => suite.setup.pbx.actions('Originate').length === before + 1, 3000, 'the Originate');
  return lastAction(suite.setup.pbx, 'Originate');
}

test('an admin sees every call in progress live, and listens, whispers and barges in through her own phone', async () => {
  // Live means pushed: the list comes over a connection that watches every call, not by asking again and again.
  let watching = false;
  let reads = 0;
  const page = await openPanel('sue', (page) => {
    page.on('websocket', (ws) => (watching ||= ws.url().endsWith('/api/v1/ws?all=1')));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/calls/active') reads++;
    });
  });
  const section = page.getByRole('region', { name: 'Calls in progress' });
  await section.getByText('No calls in progress.').waitFor();

  // Anna (201) answers a call from Kari Nordmann: it turns up without a reload.
  const frames = recording('pjsip/inbound-answered.ami');
  const cut = frames.findIndex(isHangingUp);
  assert.ok(cut > 0, 'the recording has a hang-up to stop before');
  for (const frame of frames.slice(0, cut)) suite.setup.pbx.send(frame);

  const calls = section.getByRole('list', { name: 'Calls in progress' }).getByRole('listitem');
  const call = calls.filter({ hasText: 'Anna (201)' });
  await call.waitFor();
  assert.equal(await calls.count(), 1);
  await call.getByText('Talking').waitFor();
  await call.getByText('Kari Nordmann').waitFor();
  await call.getByText('22 33 44 55').waitFor();
  assert.match((await call.locator('dl > div').filter({ hasText: 'Duration' }).locator('dd').textContent()) ?? '', /^\d+:\d\d$/);

  const controls = call.getByRole('group', { name: 'Supervise the call of Anna (201) with Kari Nordmann' });
  const button = (name: string) => controls.getByRole('button', { name, exact: true });
  // Each button says what it does, as a tooltip and as the description screen readers read.
  for (const [name, help] of [
    ['Listen', 'Listen: you hear both sides, and nobody hears you.'],
    ['Whisper', 'Whisper: only the agent hears you, not the other party.'],
    ['Barge', 'Barge: you join the call, and both sides hear you.'],
  ] as const) {
    assert.equal(await button(name).getAttribute('title'), help);
    const describedBy = await button(name).getAttribute('aria-describedby');
    assert.ok(describedBy, `${name} has a description`);
    assert.equal(await page.locator(`[id="${describedBy}"]`).textContent(), help);
  }
  await screenshot(page, 'panel-calls-in-progress');

  const toasts = page.getByRole('status').filter({ has: page.locator('.toast') });
  assert.deepEqual(await pressAndOriginate(button('Listen')), {
    Channel: 'PJSIP/203',
    Application: 'ChanSpy',
    Data: `${ANNA_CHANNEL},qES`,
    Timeout: '30000',
    Async: 'true',
  });
  await toasts.getByText('Your phone rings: answer it to listen').waitFor();

  const whisper = await pressAndOriginate(button('Whisper'));
  assert.equal(whisper.Channel, 'PJSIP/203');
  assert.equal(whisper.Application, 'ChanSpy');
  assert.equal(whisper.Data, `${ANNA_CHANNEL},qESw`);
  await toasts.getByText('Your phone rings: answer it to whisper to the agent').waitFor();

  const barge = await pressAndOriginate(button('Barge'));
  assert.equal(barge.Channel, 'PJSIP/203');
  assert.equal(barge.Application, 'ChanSpy');
  assert.equal(barge.Data, `${ANNA_CHANNEL},qESB`);
  await toasts.getByText('Your phone rings: answer it to join the call').waitFor();

  // A refusal by the PBX is shown with its reason.
  refuse = 'Extension does not exist.';
  try {
    await pressAndOriginate(button('Listen'));
    await toasts.getByText(/The phone system refused: .*Extension does not exist\./).waitFor();
  } finally {
    refuse = null;
  }

  // The call ends: it leaves the list by itself.
  for (const frame of frames.slice(cut)) suite.setup.pbx.send(frame);
  await section.getByText('No calls in progress.').waitFor({ timeout: 8000 });
  assert.equal(await calls.count(), 0);
  assert.ok(watching, 'the list came over a WebSocket watching every call');
  assert.equal(reads, 0, 'the page never polled GET /calls/active');
});

test('someone who is no admin gets no calls in progress on the panel', async () => {
  const page = await openPanel('anna');
  await page.getByRole('list', { name: 'Extensions' }).getByRole('listitem').filter({ hasText: 'Anna' }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Calls in progress' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Listen', exact: true }).count(), 0);
});
