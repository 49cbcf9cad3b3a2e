import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page, WebSocketRoute } from 'playwright-core';
import { recording, scriptPanelState } from '../support/ami-pbx.js';
import { goTo, screenshot, signIn } from './support/browser.js';
import { amiBrowserSuite } from './support/suite.js';

// The panel's lists as scriptPanelState sets them: 201–203 idle, queue support with two agents.
const suite = amiBrowserSuite(scriptPanelState);

/** The frames of a recording cut where `first` matches: [before, from there on]. */
function cutAt(frames: string[], first: (frame: string) => boolean): [string[], string[]] {
  const at = frames.findIndex(first);
  assert.ok(at > 0, 'the recording has the frame to cut at');
  return [frames.slice(0, at), frames.slice(at)];
}
const field = (frame: string, name: string) => new RegExp(`^${name}: (.*?)\\r?$`, 'm').exec(frame)?.[1];
const isEvent = (name: string, fields: Record<string, string> = {}) => (frame: string) =>
  field(frame, 'Event') === name && Object.entries(fields).every(([key, value]) => field(frame, key) === value);

const extensionCard = (page: Page, extension: string) =>
  page
    .getByRole('list', { name: 'Extensions' })
    .getByRole('listitem')
    .filter({ has: page.getByText(extension, { exact: true }) });
const queueCard = (page: Page, name: string) => page.getByRole('article', { name });
const stat = (scope: Locator, term: string) => scope.locator('dl > div').filter({ has: scope.page().getByText(term, { exact: true }) }).locator('dd');

async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scroll, width } = await page.evaluate<{ scroll: number; width: number }>('({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth })');
  assert.ok(scroll <= width, `${what}: the page is ${scroll} px wide in a ${width} px window`);
}

test('the operator panel shows extensions and queues live: a caller waits while phones ring, is answered, a parked call can be picked up, and a reconnect re-reads it all', async () => {
  const page = await suite.newPage();
  // The live connection goes through a switch the test controls, to cut it and bring it back.
  let online = true;
  const sockets = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/api\/v1\/ws/, (ws) => {
    if (!online) {
      void ws.close({ code: 1006, reason: 'offline' }).catch(() => undefined);
      return;
    }
    sockets.add(ws);
    ws.connectToServer();
  });
  const goOffline = async () => {
    online = false;
    for (const ws of sockets) await ws.close({ code: 1006, reason: 'cut' }).catch(() => undefined);
    sockets.clear();
    await page.getByRole('alert').filter({ hasText: 'Live updates are interrupted' }).waitFor();
  };
  const goOnline = async () => {
    online = true;
    await page.getByRole('alert').filter({ hasText: 'Live updates are interrupted' }).waitFor({ state: 'detached', timeout: 10_000 });
  };

  // Anna is no admin: her own extension has her name, the others only their number.
  await signIn(page, 'anna', 'anna-password');
  await goTo(page, 'Operator panel');
  await page.getByRole('heading', { level: 1, name: 'Operator panel' }).waitFor();
  await extensionCard(page, '201').getByText('Anna').waitFor();
  await extensionCard(page, '201').getByText('Idle').waitFor();
  assert.equal(await extensionCard(page, '202').getByText('Bob').count(), 0, 'users cannot list users: no name for 202');
  assert.equal(await page.getByRole('list', { name: 'Extensions' }).getByRole('listitem').count(), 3);

  const support = queueCard(page, 'support');
  await support.getByText('Callers waiting: 0').waitFor();
  assert.equal(await stat(support, 'Answered').textContent(), '4');
  assert.equal(await stat(support, 'Abandoned').textContent(), '1');
  const members = support.getByRole('list', { name: 'Members' });
  await members.getByRole('listitem').filter({ hasText: 'Agent 202' }).getByText('Paused: lunch').waitFor();
  assert.equal(await members.getByRole('listitem').filter({ hasText: 'Agent 201' }).getByText(/Paused/).count(), 0);

  // The filter narrows the extensions down.
  await page.getByLabel('Filter by extension or name').fill('20');
  assert.equal(await page.getByRole('list', { name: 'Extensions' }).getByRole('listitem').count(), 3);
  await page.getByLabel('Filter by extension or name').fill('anna');
  await page.getByRole('list', { name: 'Extensions' }).getByRole('listitem').nth(1).waitFor({ state: 'detached' });
  await extensionCard(page, '201').waitFor();
  await page.getByLabel('Filter by extension or name').fill('');

  // An outside caller joins the queue; 201 and 202 ring.
  const frames = recording('pjsip/inbound-queue.ami');
  const [ringing, rest] = cutAt(frames, isEvent('ExtensionStatus', { Exten: '202', Status: '1' }));
  const [answered, completed] = cutAt(rest, isEvent('AgentComplete'));
  for (const frame of ringing) suite.setup.pbx.send(frame);
  await extensionCard(page, '201').getByText('Ringing').waitFor();
  await extensionCard(page, '202').getByText('Ringing').waitFor();
  await support.getByText('Callers waiting: 1').waitFor();
  const waiting = support.getByRole('list', { name: 'Waiting' }).getByRole('listitem');
  await waiting.getByText('Kari Nordmann').waitFor();
  await waiting.getByText('22 33 44 55').waitFor();
  assert.equal(await support.getByText('Callers waiting: 1').getAttribute('aria-live'), 'polite', 'the count is what is read out');
  const timer = waiting.getByText(/^waiting \d+:\d\d$/);
  const first = await timer.textContent();
  await page.waitForTimeout(1500);
  assert.notEqual(await timer.textContent(), first, 'the waiting time counts up by itself');
  assert.match((await stat(support, 'Longest wait').textContent()) ?? '', /^\d+:\d\d$/);
  await screenshot(page, 'panel-queue-waiting');

  // 202 answers: the caller leaves the queue, 201 stops ringing.
  for (const frame of answered) suite.setup.pbx.send(frame);
  await extensionCard(page, '202').getByText('In use').waitFor();
  await extensionCard(page, '201').getByText('Idle').waitFor();
  await support.getByText('Callers waiting: 0').waitFor();
  await support.getByText('Nobody is waiting.').waitFor();
  for (const frame of completed) suite.setup.pbx.send(frame);
  await stat(support, 'Answered').filter({ hasText: '5' }).waitFor();
  await page.getByRole('table', { name: 'Trunks' }).getByRole('row').filter({ hasText: 'PJSIP/provider' }).waitFor();
  await screenshot(page, 'panel');

  // A call parked by Anna: who, where, and a Pick up button whose failure is shown.
  const [parking, unparking] = cutAt(recording('pjsip/inbound-parked.ami'), isEvent('UnParkedCall'));
  for (const frame of parking) suite.setup.pbx.send(frame);
  const parked = page.getByRole('list', { name: 'Parked calls' }).getByRole('listitem');
  await parked.getByText('Space 701').waitFor();
  await parked.getByText('Kari Nordmann').waitFor();
  await parked.getByText('Anna (201)').waitFor();
  assert.match((await stat(parked, 'Rings back in').textContent()) ?? '', /^0:[0-4]\d$/);
  await page.route('**/api/v1/parking/*/pickup', (route) =>
    route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ error: { code: 'conflict', message: 'you have no phone to take it on' } }) }),
  );
  const pickup = page.waitForRequest((request) => request.url().endsWith('/api/v1/parking/701/pickup') && request.method() === 'POST');
  await parked.getByRole('button', { name: 'Pick up the call in space 701' }).click();
  await pickup;
  await page.locator('.toast-error').filter({ hasText: 'you have no phone to take it on' }).waitFor();
  await screenshot(page, 'panel-parked');
  for (const frame of unparking) suite.setup.pbx.send(frame);
  await page.getByText('No calls are parked.').waitFor();

  // Narrow: everything stacks, nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.waitForTimeout(200);
  await assertNoSidewaysScroll(page, 'the panel at 360 px');
  await screenshot(page, 'panel-360px');
  await page.setViewportSize({ width: 1280, height: 800 });

  // A change while the page cannot hear of it is there after the reconnect.
  await goOffline();
  suite.setup.pbx.event({ Event: 'ExtensionStatus', Exten: '203', Context: 'ext-local', Hint: 'PJSIP/203', Status: 2, StatusText: 'Busy' });
  await page.waitForTimeout(300);
  assert.equal(await extensionCard(page, '203').getByText('Busy').count(), 0, 'nothing could have told the page yet');
  await goOnline();
  await extensionCard(page, '203').getByText('Busy').waitFor();

  // And a PBX removed meanwhile is gone after it: the old state is not kept.
  await goOffline();
  const removed = await suite.setup.server.api('DELETE', '/api/v1/sources/pbx', { token: suite.setup.admin });
  assert.ok(removed.status < 300, JSON.stringify(removed.body));
  await goOnline();
  await page.getByRole('heading', { name: 'No phone system connected' }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Operator panel' }).waitFor({ state: 'detached' });
  await screenshot(page, 'panel-empty');
});
