import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, WebSocketRoute } from 'playwright-core';
import { goTo, screenshot, signIn } from './support/browser.js';
import { browserSuite } from './support/suite.js';

let post: (events: unknown) => Promise<unknown>;
const suite = browserSuite(async (server) => {
  await server.user('kari', ['201'], { displayName: 'Kari Nordmann' });
  post = await server.pbx();
});

test('when the live connection drops, a banner says so; on reconnect the state is re-read, so a call that ended meanwhile is not left ringing', async () => {
  const page = await suite.newPage();
  // The WebSocket goes through a switch the test controls, like a network that fails and returns.
  let online = true;
  const routes = new Set<WebSocketRoute>();
  await page.routeWebSocket(/\/api\/v1\/ws/, (ws) => {
    if (!online) {
      void ws.close({ code: 1006, reason: 'offline' }).catch(() => undefined);
      return;
    }
    routes.add(ws);
    ws.connectToServer();
  });
  await signIn(page, 'kari', 'kari-password');
  await page.waitForTimeout(300);

  await post({ event: 'ringing', callId: 'rt-1', extension: '201', remoteNumber: '+4799887766' });
  const popup = page.getByRole('region', { name: 'Calls' }).getByRole('article').filter({ hasText: '99 88 77 66' });
  await popup.waitFor({ timeout: 1000 });

  online = false;
  for (const ws of routes) await ws.close({ code: 1006, reason: 'cut' }).catch(() => undefined);
  routes.clear();
  await page.getByRole('alert').filter({ hasText: 'Live updates are interrupted' }).waitFor();
  await screenshot(page, 'connection-lost');

  // The call ends while this browser cannot hear about it.
  await post({ event: 'missed', callId: 'rt-1', extension: '201' });
  await page.waitForTimeout(500);
  assert.equal(await popup.getByText('Missed call').count(), 0, 'nothing could have told the page yet');

  // Back online: the next attempt of the backoff gets through by itself.
  online = true;
  await page.getByRole('alert').filter({ hasText: 'Live updates are interrupted' }).waitFor({ state: 'detached', timeout: 10_000 });
  await popup.getByText('Missed call').waitFor();
  await page.getByRole('region', { name: /missed calls/i }).getByText('99 88 77 66').first().waitFor();
});

test('two tabs of one user stay consistent: status and settings changed in one show in the other at once', async () => {
  const first = await suite.signedIn('kari');
  // A second tab of the same browser: the same session.
  const second = await first.context().newPage();
  await second.goto('/');
  await second.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  await second.waitForTimeout(300);

  await first.getByLabel('Your status').selectOption('dnd');
  await waitForValue(second, 'Your status', 'dnd');

  await goTo(first, 'Settings');
  await goTo(second, 'Settings');
  await first.getByLabel('Language', { exact: true }).selectOption('de');
  await second.getByRole('navigation', { name: 'Hauptnavigation' }).waitFor();
});

async function waitForValue(page: Page, label: string, value: string): Promise<void> {
  const field = page.getByLabel(label);
  for (let i = 0; i < 50; i++) {
    if ((await field.inputValue()) === value) return;
    await page.waitForTimeout(50);
  }
  assert.equal(await field.inputValue(), value);
}
