import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { goTo, screenshot } from './support/browser.js';
import { browserSuite } from './support/suite.js';

let post: (events: unknown) => Promise<unknown>;
const suite = browserSuite(async (server) => {
  await server.user('kari', ['201'], { displayName: 'Kari Nordmann' });
  await server.user('ola', ['202'], { displayName: 'Ola Hansen' });
  post = await server.pbx();
  const admin = await server.adminToken();
  for (const contact of [
    { name: 'Per Hansen', company: 'Acme AS', numbers: [{ type: 'work', number: '+47 22 33 44 55' }] },
    { name: '<img src=x onerror="window.__pwned=1">Mallory & Co', company: '<b>Evil</b> AS', numbers: [{ type: 'work', number: '+47 23 00 00 01' }] },
  ]) {
    const created = await server.api('POST', '/api/v1/contacts', { token: admin, body: { ...contact, visibility: 'central' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
  }
});
const signedIn = (username: string) => suite.signedIn(username);

const popups = (page: Page) => page.getByRole('region', { name: 'Calls' });
const card = (page: Page, caller: string | RegExp) => popups(page).getByRole('article', { name: caller });

test('a call pops up with the identified caller within a second, closes as "answered by" for the colleague, and is in the call log with its note', async () => {
  const [kari, ola] = await Promise.all([signedIn('kari'), signedIn('ola')]);
  // Wait until both live connections are up (the hello frame has been applied).
  await Promise.all([kari.waitForTimeout(300), ola.waitForTimeout(300)]);

  // Anything on the page that moves while the popup arrives and fills in counts as layout shift.
  await kari.evaluate(`window.__shift = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shift += e.value; }).observe({ type: 'layout-shift' })`);
  const started = Date.now();
  await post({ event: 'ringing', callId: 'e2e-1', extensions: ['201', '202'], remoteNumber: '+4722334455', queue: 'support' });
  await Promise.all([card(kari, 'Per Hansen').waitFor({ timeout: 1000 }), card(ola, 'Per Hansen').waitFor({ timeout: 1000 })]);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 1000, `the popup took ${elapsed} ms`);
  await card(kari, 'Per Hansen').getByText('Acme AS').waitFor();
  await card(kari, 'Per Hansen').getByText(/support/).waitFor();
  await kari.waitForTimeout(200);
  assert.equal(await kari.evaluate<number>('window.__shift'), 0, 'no layout shift when the popup arrived');
  const phoneButton = card(kari, 'Per Hansen').getByRole('button', { name: 'Answer' });
  assert.equal(await phoneButton.isDisabled(), true, 'no PBX connection: answering is done on the phone');
  await screenshot(kari, 'popup-ringing');

  await post([
    { event: 'answered', callId: 'e2e-1', direction: 'inbound', extension: '202' },
    { event: 'ended', callId: 'e2e-1', direction: 'inbound', extension: '201', legOnly: true, cause: 'answered_elsewhere' },
  ]);
  await card(kari, 'Per Hansen').getByText('Answered by Ola Hansen').waitFor();
  await card(ola, 'Per Hansen').getByText('In call').waitFor();
  await screenshot(kari, 'popup-answered-by');
  // It closes by itself.
  await card(kari, 'Per Hansen').waitFor({ state: 'detached', timeout: 10_000 });

  await post({ event: 'ended', callId: 'e2e-1', direction: 'inbound', extension: '202', cause: 'completed' });
  await card(ola, 'Per Hansen').waitFor({ state: 'detached', timeout: 10_000 });

  // The call log, for the one who answered: the row, and a note that stays text.
  await goTo(ola, 'Call log');
  const row = ola.getByRole('row').filter({ hasText: 'Per Hansen' });
  await row.waitFor();
  await row.getByText('Answered', { exact: true }).waitFor();
  await row.getByRole('button', { name: /notes/i }).click();
  const note = 'Wants a call back <script>window.__pwned=1</script>';
  await ola.getByLabel('Add a note').fill(note);
  await ola.getByRole('button', { name: 'Save note' }).click();
  await ola.getByText(note).waitFor();
  await screenshot(ola, 'call-log');

  // And for the colleague it rang for.
  await goTo(kari, 'Call log');
  await kari.getByRole('row').filter({ hasText: 'Per Hansen' }).waitFor();
  assert.equal(await ola.evaluate<unknown>('window.__pwned'), undefined);
});

test('a call nobody answers turns into a missed call with a call-back button, and shows on the home page', async () => {
  const kari = await signedIn('kari');
  await kari.waitForTimeout(300);
  await post({ event: 'ringing', callId: 'e2e-2', extension: '201', remoteNumber: '+4722334455' });
  await card(kari, 'Per Hansen').waitFor({ timeout: 1000 });
  await post({ event: 'missed', callId: 'e2e-2', extension: '201' });
  const missed = card(kari, 'Per Hansen');
  await missed.getByText('Missed call').waitFor();
  await missed.getByRole('button', { name: 'Call back' }).waitFor();
  await screenshot(kari, 'popup-missed');
  await kari.getByRole('region', { name: /missed calls/i }).getByText('Per Hansen').first().waitFor();
  await screenshot(kari, 'home');
});

test('a caller name with HTML in it is shown as text in the popup, and nothing in it runs', async () => {
  const kari = await signedIn('kari');
  await kari.waitForTimeout(300);
  await post({ event: 'ringing', callId: 'e2e-3', extension: '201', remoteNumber: '+4723000001', remoteName: '<i>PBX</i> name' });
  const name = '<img src=x onerror="window.__pwned=1">Mallory & Co';
  const popup = card(kari, name);
  await popup.waitFor({ timeout: 1000 });
  await popup.getByText('<b>Evil</b> AS').waitFor();
  assert.equal(await popups(kari).locator('img, b, i').count(), 0, 'no element came from the caller data');
  assert.equal(await kari.evaluate<unknown>('window.__pwned'), undefined);
  await screenshot(kari, 'popup-html-name');
  await post({ event: 'missed', callId: 'e2e-3', extension: '201' });
});

test('the parameterized URL opens in a new tab with the caller filled in and URL-encoded', async () => {
  const kari = await signedIn('kari');
  const prefs = await kari.request.put('/api/v1/me/preferences', {
    data: { urlTemplate: 'http://127.0.0.1:9/crm?name=$CALLER_NAME&number=$CALLER_NUMBER&called=$CALLED' },
    headers: { origin: suite.server.url },
  });
  assert.equal(prefs.status(), 200, await prefs.text());
  await kari.reload();
  await kari.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  await kari.waitForTimeout(300);
  await post({ event: 'ringing', callId: 'e2e-4', extension: '201', remoteNumber: '+4722334455', localNumber: '+4721000000' });
  const popup = card(kari, 'Per Hansen');
  await popup.waitFor({ timeout: 1000 });
  // Nothing listens on port 9: the request the new tab makes is what counts.
  const requested = kari.context().waitForEvent('request', (request) => request.url().includes('/crm?'));
  await popup.getByRole('button', { name: 'Open link' }).click();
  const request = await requested;
  const url = new URL(request.url());
  assert.equal(url.pathname, '/crm');
  assert.equal(url.searchParams.get('name'), 'Per Hansen');
  assert.equal(url.searchParams.get('number'), '+4722334455');
  assert.equal(url.searchParams.get('called'), '+4721000000');
  assert.match(url.search, /name=Per%20Hansen/);
  await post({ event: 'missed', callId: 'e2e-4', extension: '201' });
});

test('with permission given, a ringing call shows one desktop notification; in do-not-disturb the card still comes, the notification does not', async () => {
  const kari = await signedIn('kari');
  await kari.context().grantPermissions(['notifications']);
  // Count the notifications the page asks for (headless Chromium has no screen to show them on).
  await kari.addInitScript(`{
    const Real = window.Notification;
    window.__notifications = [];
    window.Notification = class extends Real {
      constructor(title, options) { super(title, options); window.__notifications.push({ title, tag: options && options.tag }); }
    };
  }`);
  await kari.reload();
  await kari.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  await kari.waitForTimeout(300);

  await post({ event: 'ringing', callId: 'e2e-5', extension: '201', remoteNumber: '+4722334455' });
  await card(kari, 'Per Hansen').waitFor({ timeout: 1000 });
  await kari.waitForFunction('window.__notifications.some((n) => n.title === "Per Hansen")');
  await post({ event: 'missed', callId: 'e2e-5', extension: '201' });

  await kari.getByLabel('Your status').selectOption('dnd');
  await kari.waitForTimeout(200);
  const before = await kari.evaluate<number>('window.__notifications.length');
  await post({ event: 'ringing', callId: 'e2e-6', extension: '201', remoteNumber: '+4722334455' });
  await card(kari, 'Per Hansen').filter({ hasText: 'Incoming call' }).waitFor({ timeout: 1000 });
  await kari.waitForTimeout(500);
  assert.equal(await kari.evaluate<number>('window.__notifications.length'), before, 'no notification in do-not-disturb');
  await post({ event: 'missed', callId: 'e2e-6', extension: '201' });
  await kari.getByLabel('Your status').selectOption('available');
});
