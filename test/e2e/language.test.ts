import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goTo, screenshot } from './support/browser.js';
import { browserSuite } from './support/suite.js';

const suite = browserSuite(async (server) => {
  await server.user('kari', ['201'], { displayName: 'Kari Nordmann' });
  const post = await server.pbx();
  await post({ event: 'ringing', callId: 'lang-1', extension: '201', remoteNumber: '+4722334455', time: '2026-03-05T09:07:00Z' });
  await post({ event: 'missed', callId: 'lang-1', extension: '201', time: '2026-03-05T09:07:30Z' });
});

test('the whole interface switches to Norwegian, German and Italian, stays so after a reload, and dates follow the language', async () => {
  const page = await suite.signedIn('kari');
  await goTo(page, 'Settings');
  await page.getByLabel('Language', { exact: true }).selectOption('nb');
  const nav = page.getByRole('navigation', { name: 'Hovedmeny' });
  await nav.getByRole('link', { name: 'Samtalelogg', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'nb');

  // Saved on the account: a reload (and another browser) keeps it.
  await page.reload();
  await nav.getByRole('link', { name: 'Samtalelogg', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Samtalelogg' }).waitFor();
  // Norwegian dates are day.month.year.
  await page.getByRole('table').getByText(/05\.03\.2026/).first().waitFor();
  await page.getByRole('table').getByText('Tapt', { exact: true }).first().waitFor();
  await screenshot(page, 'call-log-nb');

  const other = await suite.newPage();
  await other.goto('/');
  await other.getByLabel(/username/i).fill('kari');
  await other.getByLabel(/password|passord/i).fill('kari-password');
  await other.getByRole('button', { name: /sign in|logg inn/i }).click();
  await other.getByRole('navigation', { name: 'Hovedmeny' }).waitFor();

  await nav.getByRole('link', { name: 'Innstillinger', exact: true }).click();
  await page.getByLabel('Språk', { exact: true }).selectOption('de');
  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Anrufliste', exact: true }).click();
  await page.getByRole('table').getByText('Verpasst', { exact: true }).first().waitFor();
  await page.getByRole('table').getByText(/05\.03\.26|05\.03\.2026/).first().waitFor();

  await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Einstellungen', exact: true }).click();
  await page.getByLabel('Sprache', { exact: true }).selectOption('it');
  await page.getByRole('navigation', { name: 'Navigazione principale' }).getByRole('link', { name: 'Registro chiamate', exact: true }).click();
  await page.getByRole('table').getByText('Persa', { exact: true }).first().waitFor();
  await page.getByRole('table').getByText(/05\/03\/2026|05\/03\/26/).first().waitFor();
  await screenshot(page, 'call-log-it');

  // No English left on the screen's main labels.
  for (const english of ['Call log', 'Phonebook', 'Settings', 'Sign out']) {
    assert.equal(await page.getByText(english, { exact: true }).count(), 0, `"${english}" is still in English`);
  }
});
