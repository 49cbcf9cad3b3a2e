import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { ADMIN_PASSWORD } from '../support/server.js';
import { selfSigned } from '../support/tls.js';
import { goTo } from './support/browser.js';
import { browserSuite } from './support/suite.js';

const suite = browserSuite();

// A throwaway self-signed certificate like the one Asterisk's manager TLS usually runs on.
let pem = '';
const cleanup: (() => void)[] = [];
before(() => {
  pem = selfSigned(cleanup, 'asterisk').cert;
});
after(() => cleanup.forEach((fn) => fn()));

const CERT_LABEL = 'Trusted certificate (PEM)';

/** The text of what a field's aria-describedby points at (an attribute selector, as React's ids hold characters `#id` would need escaped). */
async function description(field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  assert.notEqual(ids, '', 'the field has no description');
  const texts = await Promise.all(ids.split(/\s+/).map((id) => field.page().locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

async function sourceCa(name: string): Promise<string | null> {
  const reply = await suite.server.api('GET', `/api/v1/sources/${name}`, { token: await suite.server.adminToken() });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  return reply.body.source.ami.tlsCa;
}

async function fillAmiForm(form: Locator, name: string): Promise<void> {
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Format', { exact: true }).selectOption({ label: 'Asterisk (AMI)' });
  // Port 1 on the loopback: nothing answers, so the connection attempts fail quietly.
  await form.getByLabel('Asterisk host').fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill('1');
  await form.getByLabel('AMI user').fill('switchboard');
  await form.getByLabel('AMI secret').fill('manager-secret');
}

test('an Asterisk added with TLS keeps the pasted certificate, a bad one shows the server’s reason, and clearing it trusts the system’s CAs', async () => {
  const page = await suite.signedIn('admin', { password: ADMIN_PASSWORD });
  await goTo(page, 'Phone systems');
  const form = page.getByRole('region', { name: 'Connect a phone system' });
  await fillAmiForm(form, 'pbx');

  // Only with TLS is there a certificate to trust.
  assert.equal(await form.getByLabel(CERT_LABEL).count(), 0);
  await form.getByLabel('Connect with TLS').check();
  const cert = form.getByLabel(CERT_LABEL);
  assert.match(await description(cert), /self-signed/);
  assert.equal(await cert.getAttribute('spellcheck'), 'false');
  assert.equal(await cert.getAttribute('autocomplete'), 'off');

  await cert.fill('not a certificate');
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await form.getByRole('alert').getByText(/ami\.tlsCa: paste the certificate in PEM form/).waitFor();
  const list = await suite.server.api('GET', '/api/v1/sources', { token: await suite.server.adminToken() });
  assert.ok(!list.body.sources.some((s: { name: string }) => s.name === 'pbx'), 'a source with a bad certificate was stored');

  // As copied from a terminal, with blank lines around it: stored trimmed.
  await cert.fill(`\n${pem}\n\n`);
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Connection to pbx' });
  await panel.getByText('pbx was added').waitFor();
  assert.equal(await sourceCa('pbx'), pem.trim());

  // The settings show it again, and a bad one there is refused with the server's reason.
  const stored = panel.getByLabel(CERT_LABEL);
  assert.equal(await stored.inputValue(), pem.trim());
  await stored.fill('not a certificate');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await panel.getByRole('alert').getByText(/ami\.tlsCa/).waitFor();
  assert.equal(await sourceCa('pbx'), pem.trim());

  // Emptied: the system's CAs again.
  await stored.fill('');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await panel.getByRole('status').getByText('Saved').waitFor();
  assert.equal(await sourceCa('pbx'), null);
});

test('an Asterisk added without TLS sends no certificate, even one typed before TLS was switched off', async () => {
  const page = await suite.signedIn('admin', { password: ADMIN_PASSWORD });
  await goTo(page, 'Phone systems');
  const form = page.getByRole('region', { name: 'Connect a phone system' });
  await fillAmiForm(form, 'plain-pbx');
  await form.getByLabel('Connect with TLS').check();
  await form.getByLabel(CERT_LABEL).fill('not a certificate');
  await form.getByLabel('Connect with TLS').uncheck();
  await form.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByRole('region', { name: 'Connection to plain-pbx' }).getByText('plain-pbx was added').waitFor();
  assert.equal(await sourceCa('plain-pbx'), null);
});
