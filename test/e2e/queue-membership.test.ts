import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { AmiMessage } from '../../src/telephony/ami/frame-parser.js';
import { lastAction, scriptPanelState } from '../support/ami-pbx.js';
import type { AmiReplyFields, AmiServerConnection } from '../support/ami-server.js';
import { goTo, screenshot } from './support/browser.js';
import { amiBrowserSuite } from './support/suite.js';

// Anna's own membership in a queue, from the operator panel, against a PBX that answers like
// Asterisk: each press is checked by the action the PBX receives, and the card changes when the
// PBX reports the change (its QueueMember… events), not when the button is pressed.

interface Member {
  name: string;
  paused: boolean;
  reason: string;
}

/** The PBX's own idea of queue `support`, as scriptPanelState lists it: Agent 202 is paused for lunch. */
const members = new Map<string, Member>([
  ['PJSIP/201', { name: 'Agent 201', paused: false, reason: '' }],
  ['PJSIP/202', { name: 'Agent 202', paused: true, reason: 'lunch' }],
]);

/** While set, the PBX keeps its events until report() instead of sending them a moment after its answer. */
let holdEvents = false;
const heldEvents: AmiReplyFields[] = [];
/** While set, the PBX answers the next action only when release() is called. */
let holdReply = false;
let release: (() => void) | undefined;
/** The next QueueRemove is refused as Asterisk refuses a member from queues.conf. */
let refuseRemove = false;

const report = () => {
  for (const event of heldEvents.splice(0)) suite.setup.pbx.event(event);
};

/** What Asterisk puts in every QueueMember… event (Asterisk 16 and later). */
const memberEvent = (event: string, iface: string, member: Member): AmiReplyFields => ({
  Event: event,
  Queue: 'support',
  MemberName: member.name,
  Interface: iface,
  StateInterface: iface,
  Membership: 'dynamic',
  Penalty: 0,
  CallsTaken: 0,
  LastCall: 0,
  LastPause: 0,
  LoginTime: Math.floor(Date.now() / 1000),
  InCall: 0,
  Status: 1,
  Paused: member.paused ? 1 : 0,
  PausedReason: member.reason,
  Ringinuse: 0,
  Wrapuptime: 0,
});

/** Answers Success (now or on release()), then the event follows a moment later, as on a real PBX. */
function answer(request: AmiMessage, conn: AmiServerConnection, message: string, event: AmiReplyFields | undefined): void {
  const send = () => {
    conn.reply(request, { Response: 'Success', Message: message });
    if (event === undefined) return;
    if (holdEvents) heldEvents.push(event);
    else setTimeout(() => suite.setup.pbx.event(event), 50);
  };
  if (!holdReply) return send();
  release = send;
}

const suite = amiBrowserSuite(async (setup) => {
  await scriptPanelState(setup);
  const { pbx } = setup;
  pbx.handle('QueuePause', (request, conn) => {
    const iface = request.fields.Interface ?? '';
    const member = members.get(iface);
    if (!member) return { Response: 'Error', Message: 'Interface not found' };
    member.paused = request.fields.Paused === 'true';
    member.reason = member.paused ? (request.fields.Reason ?? '') : '';
    answer(request, conn, member.paused ? 'Interface paused successfully' : 'Interface unpaused successfully', memberEvent('QueueMemberPause', iface, member));
  });
  pbx.handle('QueueRemove', (request, conn) => {
    const iface = request.fields.Interface ?? '';
    const member = members.get(iface);
    if (!member) return { Response: 'Error', Message: 'Unable to remove interface: Not there' };
    if (refuseRemove) {
      refuseRemove = false;
      return { Response: 'Error', Message: 'Unable to remove interface: Not dynamic' };
    }
    members.delete(iface);
    answer(request, conn, 'Removed interface from queue', memberEvent('QueueMemberRemoved', iface, member));
  });
  pbx.handle('QueueAdd', (request, conn) => {
    const iface = request.fields.Interface ?? '';
    if (members.has(iface)) return { Response: 'Error', Message: 'Unable to add interface: Already there' };
    // Without a MemberName, Asterisk names the member by its interface.
    const member = { name: request.fields.MemberName ?? iface, paused: request.fields.Paused === 'true', reason: '' };
    members.set(iface, member);
    answer(request, conn, 'Added interface to queue', memberEvent('QueueMemberAdded', iface, member));
  });
});

/** The text of the element that has the focus (evaluated in the page, which has a DOM; this file has none). */
const focused = (page: Page) => page.evaluate<string | null>('document.activeElement?.textContent ?? null');
const memberRow = (card: Locator, name: string) => card.getByRole('list', { name: 'Members' }).getByRole('listitem').filter({ hasText: name });

async function openPanel(username: string): Promise<Page> {
  const page = await suite.signedIn(username);
  await goTo(page, 'Operator panel');
  await page.getByRole('heading', { level: 1, name: 'Operator panel' }).waitFor();
  return page;
}

test('on the operator panel Anna pauses with a reason, resumes, logs out of and back in to a queue through the PBX, and the card follows what the PBX reports', async () => {
  const page = await openPanel('anna');
  const card = page.getByRole('article', { name: 'support' });
  const mine = card.getByRole('group', { name: 'Your membership in queue support' });
  const button = (name: string) => mine.getByRole('button', { name, exact: true });
  const status = (text: string) => mine.getByText(text, { exact: true });

  // Agent 201 is Anna's extension: marked as her, and she is logged in.
  await status('You are logged in and get calls from this queue.').waitFor();
  await memberRow(card, 'Agent 201').getByText('you', { exact: true }).waitFor();
  assert.equal(await memberRow(card, 'Agent 202').getByText('you', { exact: true }).count(), 0, 'Agent 202 is Bob');
  assert.equal(await button('Log in to this queue').count(), 0);
  assert.equal(await button('Log out of this queue').isEnabled(), true);

  // Pause with a reason. The PBX's answer is held a moment: meanwhile nothing can be pressed twice.
  await button('Pause').click();
  assert.equal(await button('Pause').getAttribute('aria-expanded'), 'true');
  const reason = mine.getByLabel('Reason for the pause (optional)');
  // '|' separates the PBX's arguments: the form does not send such a reason.
  await reason.fill('lunch|break');
  await mine.getByRole('button', { name: 'Start pause' }).click();
  assert.equal(await mine.locator('input:invalid').count(), 1, 'the browser marks the reason invalid');
  assert.equal(suite.setup.pbx.actions('QueuePause').length, 0, 'nothing was sent');
  await reason.fill('lunch');
  await screenshot(page, 'panel-queue-pause-form');
  holdReply = true;
  holdEvents = true;
  await mine.getByRole('button', { name: 'Start pause' }).click();
  await suite.setup.pbx.waitFor(() => suite.setup.pbx.actions('QueuePause').length === 1, 2000, 'the pause');
  holdReply = false;
  for (const name of ['Log out of this queue', 'Pause', 'Start pause']) assert.equal(await button(name).isDisabled(), true, `${name} is disabled while the PBX is asked`);
  assert.deepEqual(lastAction(suite.setup.pbx, 'QueuePause'), { Interface: 'PJSIP/201', Paused: 'true', Queue: 'support', Reason: 'lunch' });
  release!();
  await reason.waitFor({ state: 'detached' });
  // The PBX has said yes but not yet reported the pause: the card still says what the PBX last reported.
  assert.equal(await button('Pause').isEnabled(), true);
  await status('You are logged in and get calls from this queue.').waitFor();
  assert.equal(await memberRow(card, 'Agent 201').getByText(/Paused/).count(), 0);
  holdEvents = false;
  report();
  await status('You are paused (lunch) and get no calls from this queue.').waitFor();
  await memberRow(card, 'Agent 201').getByText('Paused: lunch').waitFor();
  await button('Resume').waitFor();
  assert.equal(await button('Pause').count(), 0);
  assert.equal(await focused(page), 'Resume', 'the focus stays on the button, now Resume');
  await memberRow(card, 'Agent 202').getByText('Paused: lunch').waitFor();
  await screenshot(page, 'panel-queue-paused');

  // Resume: unpaused, without a reason.
  await button('Resume').click();
  await button('Pause').waitFor();
  assert.deepEqual(lastAction(suite.setup.pbx, 'QueuePause'), { Interface: 'PJSIP/201', Paused: 'false', Queue: 'support' });
  await status('You are logged in and get calls from this queue.').waitFor();
  assert.equal(await memberRow(card, 'Agent 201').getByText(/Paused/).count(), 0);

  // A refusal is told in a toast; the card stays as the PBX has it.
  refuseRemove = true;
  await button('Log out of this queue').click();
  await page.locator('.toast-error').filter({ hasText: 'Not dynamic' }).waitFor();
  assert.equal(await memberRow(card, 'Agent 201').count(), 1);
  assert.equal(await button('Log out of this queue').isEnabled(), true);

  // Log out: gone from the members, and offered to log in again.
  await button('Log out of this queue').click();
  await button('Log in to this queue').waitFor();
  assert.deepEqual(lastAction(suite.setup.pbx, 'QueueRemove'), { Queue: 'support', Interface: 'PJSIP/201' });
  await memberRow(card, 'Agent 201').waitFor({ state: 'detached' });
  await status('You are not logged in to this queue.').waitFor();
  assert.equal(await button('Pause').count(), 0, 'nothing to pause outside the queue');
  assert.equal(await memberRow(card, 'Agent 202').count(), 1, "Bob's membership is untouched");
  await screenshot(page, 'panel-queue-logged-out');

  // Log in: a dynamic member on her default device, named by its interface as Asterisk does.
  await button('Log in to this queue').click();
  await button('Log out of this queue').waitFor();
  assert.deepEqual(lastAction(suite.setup.pbx, 'QueueAdd'), { Queue: 'support', Interface: 'PJSIP/201', Penalty: '0', Paused: 'false' });
  await memberRow(card, 'PJSIP/201').getByText('you', { exact: true }).waitFor();
  await status('You are logged in and get calls from this queue.').waitFor();
  await button('Pause').waitFor();

  // Narrow, with the pause form open: nothing scrolls sideways.
  await page.setViewportSize({ width: 360, height: 740 });
  await button('Pause').click();
  await reason.waitFor();
  const { scroll, width } = await page.evaluate<{ scroll: number; width: number }>('({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth })');
  assert.ok(scroll <= width, `the panel is ${scroll} px wide in a ${width} px window`);
  // Escape closes the form and gives the focus back to the button that opened it.
  await reason.press('Escape');
  await reason.waitFor({ state: 'detached' });
  assert.equal(await button('Pause').getAttribute('aria-expanded'), 'false');
  assert.equal(await focused(page), 'Pause');

  assert.equal(suite.setup.pbx.actions('QueuePause').length, 2, 'cancelling sent nothing');
  assert.equal(suite.setup.pbx.actions('QueueAdd').length, 1);
  assert.equal(suite.setup.pbx.actions('QueueRemove').length, 2);
});

test('someone without a phone sees the queues but no membership controls', async () => {
  await suite.setup.server.user('carol', []);
  const page = await openPanel('carol');
  const card = page.getByRole('article', { name: 'support' });
  await memberRow(card, 'Agent 202').waitFor();
  assert.equal(await card.getByRole('group').count(), 0);
  assert.equal(await card.getByRole('button').count(), 0);
});
