import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { ADMIN_PASSWORD } from '../support/server.js';
import { goTo, screenshot } from './support/browser.js';
import { browserSuite } from './support/suite.js';

const suite = browserSuite(async (server) => {
  const kari = await server.user('kari', ['201'], { displayName: 'Kari Nordmann' });
  const post = await server.pbx();
  const admin = await server.adminToken();
  await server.api('POST', '/api/v1/contacts', {
    token: admin,
    body: { name: 'Per Hansen', company: 'Acme AS', email: 'per@acme.example', numbers: [{ type: 'work', number: '+47 22 33 44 55' }], visibility: 'central' },
  });
  await post({ event: 'ringing', callId: 's-1', extension: '201', remoteNumber: '+4722334455' });
  await post({ event: 'answered', callId: 's-1', direction: 'inbound', extension: '201' });
  await post({ event: 'ended', callId: 's-1', direction: 'inbound', extension: '201', cause: 'completed' });
  const calls = await server.api('GET', '/api/v1/calls', { token: kari.token });
  const note = await server.api('POST', `/api/v1/calls/${encodeURIComponent(calls.body.calls[0].id)}/notes`, { token: kari.token, body: { text: 'Asked about the invoice' } });
  assert.equal(note.status, 201, JSON.stringify(note.body));
});

/** Nothing wider than the window: the page never scrolls sideways. */
async function assertNoSidewaysScroll(page: Page, what: string): Promise<void> {
  const { scroll, width } = await page.evaluate<{ scroll: number; width: number }>('({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth })');
  assert.ok(scroll <= width, `${what}: the page is ${scroll} px wide in a ${width} px window`);
}

test('the customer card shows the contact, the calls with the number and their notes, with a link to the record', async () => {
  const page = await suite.signedIn('kari');
  await page.goto('/card?number=%2B4722334455');
  await page.getByRole('heading', { level: 1, name: 'Customer card' }).waitFor();
  await page.getByText('Per Hansen').first().waitFor();
  await page.getByText('Acme AS').first().waitFor();
  await page.getByRole('link', { name: 'per@acme.example' }).waitFor();
  await page.getByText('Asked about the invoice').waitFor();
  await page.getByRole('link', { name: /open .*in the phonebook/i }).first().waitFor();
  await screenshot(page, 'customer-card');
});

test('every main screen works at 360 px wide without sideways scrolling, and on a large screen', async () => {
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1920, height: 1080 },
  ]) {
    const page = await suite.signedIn('admin', { password: ADMIN_PASSWORD, viewport });
    const screens: [string, string][] = [
      ['Home', 'home'],
      ['Call log', 'call-log'],
      ['Phonebook', 'phonebook'],
      ['Settings', 'settings'],
      ['Users', 'admin-users'],
      ['Phone systems', 'admin-sources'],
      ['Numbering', 'admin-numbering'],
    ];
    for (const [link, name] of screens) {
      await goTo(page, link);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await assertNoSidewaysScroll(page, `${name} at ${viewport.width} px`);
      if (viewport.width === 360) await screenshot(page, `${name}-360px`);
    }
  }
});

test('the keyboard alone reaches the search box, and Enter on a number dials it', async () => {
  const page = await suite.signedIn('kari');
  // The first Tab stop is the skip link, the next is the search box.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate<string | null>('document.activeElement?.textContent'), 'Skip to content');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate<string | null>("document.activeElement?.getAttribute('role')"), 'combobox');
  const dialed = page.waitForRequest((request) => request.url().endsWith('/api/v1/dial') && request.method() === 'POST');
  await page.keyboard.type('22 33 44 55');
  await page.keyboard.press('Enter');
  const request = await dialed;
  assert.deepEqual(request.postDataJSON(), { number: '22 33 44 55' });
  await page.getByText(/Calling \+4722334455/).waitFor();
});
