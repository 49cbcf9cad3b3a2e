import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { goTo, screenshot } from './support/browser.js';
import { browserSuite } from './support/suite.js';

const suite = browserSuite(async (server) => {
  await server.user('kari', ['201'], { displayName: 'Kari Nordmann' });
  await server.user('ola', ['202'], { displayName: 'Ola Hansen' });
});

async function phonebookSearch(page: Page, text: string): Promise<void> {
  await goTo(page, 'Phonebook');
  await page.getByRole('heading', { level: 1, name: 'Phonebook' }).waitFor();
  await page.getByLabel('Search the phonebook').fill(text);
}

test('a private contact made in the browser is found by its owner and invisible to a colleague, in the phonebook and in the search box', async () => {
  const kari = await suite.signedIn('kari');
  await goTo(kari, 'Phonebook');
  await kari.getByRole('button', { name: 'New contact' }).click();
  const form = kari.getByRole('dialog');
  await form.getByLabel('Name').fill('Ingrid Privat');
  await form.getByLabel('Company').fill('Fjord Regnskap AS');
  await form.getByLabel('Phone number 1').fill('+47 22 33 44 55');
  await form.getByLabel('Visibility').selectOption('private');
  await form.getByRole('button', { name: 'Save' }).click();
  await kari.getByText('Ingrid Privat was added.').waitFor();
  await phonebookSearch(kari, 'Ingrid');
  await kari.getByRole('cell', { name: 'Ingrid Privat' }).first().waitFor();
  await screenshot(kari, 'phonebook');

  const ola = await suite.signedIn('ola');
  await phonebookSearch(ola, 'Ingrid');
  await ola.getByText('No contacts found.').waitFor();
  assert.equal(await ola.getByText('Ingrid Privat').count(), 0);

  // The top-bar search answers the same way.
  await ola.getByRole('combobox', { name: 'Search or dial' }).fill('Fjord');
  await ola.waitForTimeout(600);
  assert.equal(await ola.getByText('Ingrid Privat').count(), 0);
  await kari.getByRole('combobox', { name: 'Search or dial' }).fill('Fjord');
  await kari.getByRole('option').filter({ hasText: 'Ingrid Privat' }).waitFor();

});

test('a shared contact is visible to a colleague, read-only for them', async () => {
  const kari = await suite.signedIn('kari');
  await goTo(kari, 'Phonebook');
  await kari.getByRole('button', { name: 'New contact' }).click();
  const form = kari.getByRole('dialog');
  await form.getByLabel('Name').fill('Per Delt');
  await form.getByLabel('Phone number 1').fill('+47 23 45 67 89');
  await form.getByLabel('Visibility').selectOption('public');
  await form.getByRole('button', { name: 'Save' }).click();
  await kari.getByText('Per Delt was added.').waitFor();

  const ola = await suite.signedIn('ola');
  await phonebookSearch(ola, 'Per Delt');
  await ola.getByRole('cell', { name: 'Per Delt' }).first().waitFor();
  assert.equal(await ola.getByRole('button', { name: 'Delete Per Delt' }).count(), 0, 'only the owner may delete it');
});

test('a CSV file imported from the browser adds its contacts and lists the lines it could not read, with the reason', async () => {
  const kari = await suite.signedIn('kari');
  await goTo(kari, 'Phonebook');
  const csv = 'name,company,work\nAnne Import,Import AS,+47 22 44 66 88\n,,+47 22 44 66 89\nNobody Import,,\nBjørn Import,,+47 22 44 66 90\n';
  await kari.getByLabel('CSV or vCard file').setInputFiles({ name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await kari.getByLabel('Import as').selectOption('private');
  await kari.getByRole('button', { name: 'Import', exact: true }).click();
  await kari.getByText('Imported: 2. Rejected: 2.').waitFor();
  const rejected = kari.getByRole('table').filter({ hasText: 'Reason' });
  await rejected.getByRole('row').filter({ hasText: 'no name or company' }).getByText('3', { exact: true }).waitFor();
  await rejected.getByRole('row').filter({ hasText: 'no phone number or e-mail' }).getByText('4', { exact: true }).waitFor();
  await kari.getByLabel('Search the phonebook').fill('Import');
  await kari.getByRole('cell', { name: 'Bjørn Import' }).first().waitFor();
});
