import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { serveAstDb } from '../support/ami-pbx.js';
import { goTo, screenshot } from './support/browser.js';
import { amiBrowserSuite, browserSuite } from './support/suite.js';

// Call forwarding in Settings against a PBX that keeps it in AstDB as FreePBX does (CF, CFB, CFU
// per extension): what the page shows is read from there, and what it saves is checked there.

/** The fake PBX's AstDB, "family/key" → value. */
const astdb = new Map<string, string>();

const suite = amiBrowserSuite(async (setup) => {
  serveAstDb(setup.pbx, astdb);
  // The BLF states FreePBX sets along with unconditional forwarding.
  setup.pbx.handle('Setvar', () => ({ Response: 'Success', Message: 'Variable Set' }));
});

const ROWS = ['Always', 'When busy', 'When I don’t answer'] as const;
type RowName = (typeof ROWS)[number];
type Choice = 'Off' | 'To a number' | 'To voicemail';

const forwardingSection = (page: Page) => page.getByRole('region', { name: 'Call forwarding' });
const row = (page: Page, name: RowName): Locator => forwardingSection(page).getByRole('group', { name, exact: true });
const choose = (page: Page, name: RowName, choice: Choice) => row(page, name).getByRole('radio', { name: choice, exact: true }).check();
const numberOf = (page: Page, name: RowName) => row(page, name).getByLabel('Number', { exact: true });

/** Which choice each row shows, and the number where it forwards to one. */
async function shown(page: Page): Promise<Record<RowName, string>> {
  const out = {} as Record<RowName, string>;
  for (const name of ROWS) {
    const checked: string[] = [];
    for (const choice of ['Off', 'To a number', 'To voicemail'] as const) {
      if (await row(page, name).getByRole('radio', { name: choice, exact: true }).isChecked()) checked.push(choice);
    }
    assert.equal(checked.length, 1, `${name}: one choice is checked`);
    out[name] = checked[0] === 'To a number' ? `number ${await numberOf(page, name).inputValue()}` : checked[0]!;
  }
  return out;
}

async function save(page: Page): Promise<void> {
  const section = forwardingSection(page);
  await section.getByRole('button', { name: 'Save', exact: true }).click();
  await section.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
}

test('call forwarding: read from the PBX, set to a number and to voicemail, kept after a reload, switched off again; refusals and a PBX that is down are shown in the section', async () => {
  const page = await suite.signedIn('anna');
  await goTo(page, 'Settings');
  await row(page, 'Always').waitFor();
  await forwardingSection(page).getByText(/extension 201/).waitFor();
  assert.deepEqual(await shown(page), { Always: 'Off', 'When busy': 'Off', 'When I don’t answer': 'Off' });
  assert.deepEqual(
    suite.setup.pbx.actions('DBGet').map((a) => `${a.message.fields.Family}/${a.message.fields.Key}`),
    ['DND/201', 'CF/201', 'CFB/201', 'CFU/201'],
    'the page asked the PBX',
  );

  await choose(page, 'Always', 'To a number');
  await numberOf(page, 'Always').fill('4799887766');
  await choose(page, 'When busy', 'To voicemail');
  await save(page);
  // The PBX is given the number the way a phone on it dials it: national form, in this Norwegian setup.
  assert.equal(astdb.get('CF/201'), '99887766');
  assert.equal(astdb.get('CFB/201'), 'vmu201');
  assert.equal(astdb.has('CFU/201'), false);
  assert.deepEqual(await shown(page), { Always: 'number 99887766', 'When busy': 'To voicemail', 'When I don’t answer': 'Off' }, 'the page shows what the PBX now holds');
  await screenshot(page, 'settings-forwarding');

  await page.reload();
  await row(page, 'Always').waitFor();
  assert.deepEqual(await shown(page), { Always: 'number 99887766', 'When busy': 'To voicemail', 'When I don’t answer': 'Off' });

  // A number the server cannot dial: refused with the row's name, and nothing is written.
  const puts = suite.setup.pbx.actions('DBPut').length;
  await choose(page, 'When I don’t answer', 'To a number');
  await numberOf(page, 'When I don’t answer').fill('nowhere');
  await forwardingSection(page).getByRole('button', { name: 'Save', exact: true }).click();
  const refusal = forwardingSection(page).getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /When I don’t answer: "nowhere" cannot be dialed/);
  assert.equal(await numberOf(page, 'When I don’t answer').getAttribute('aria-invalid'), 'true');
  assert.equal(suite.setup.pbx.actions('DBPut').length, puts);
  assert.equal(astdb.has('CFU/201'), false);

  await choose(page, 'When I don’t answer', 'Off');
  await choose(page, 'Always', 'Off');
  await save(page);
  assert.equal(astdb.has('CF/201'), false, 'CF/201 is deleted');
  assert.equal(astdb.get('CFB/201'), 'vmu201', 'busy forwarding stays');
  const del = suite.setup.pbx.actions('DBDel').map((a) => `${a.message.fields.Family}/${a.message.fields.Key}`);
  assert.ok(del.includes('CF/201'), `DBDel CF/201 was sent (${del.join(', ')})`);
  assert.deepEqual(await shown(page), { Always: 'Off', 'When busy': 'To voicemail', 'When I don’t answer': 'Off' });

  // The PBX goes away and stays away (logins refused): the section says so instead of a form.
  suite.setup.pbx.handle('Login', () => ({ Response: 'Error', Message: 'Authentication failed' }));
  suite.setup.pbx.dropAll();
  await suite.setup.until('the connection to drop', async () => (await suite.setup.connectionState()) !== 'connected');
  await page.reload();
  const down = forwardingSection(page).getByRole('alert');
  await down.waitFor();
  assert.match(await down.innerText(), /could not be read\. The phone system cannot be reached right now/);
  assert.equal(await row(page, 'Always').count(), 0, 'no form to save without knowing what the PBX holds');
  await forwardingSection(page).getByRole('button', { name: 'Try again', exact: true }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Password' }).waitFor();
});

// A server whose phones only report calls by webhook: there is no PBX to store forwarding on.
const plain = browserSuite(async (server) => {
  await server.user('kari', ['201'], { displayName: 'Kari Nordmann' });
});

test('a user whose calls come by webhook never sees call forwarding', async () => {
  const page = await plain.signedIn('kari');
  const token = (await plain.server.user('olav', ['202'])).token;
  assert.equal((await plain.server.api('GET', '/api/v1/capabilities', { token })).body.backend, 'webhook');
  await goTo(page, 'Settings');
  // The neighbouring sections are there, so the page is complete when the absence is checked.
  await page.getByRole('region', { name: 'Default phone' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Password' }).waitFor();
  assert.equal(await forwardingSection(page).count(), 0);
  assert.equal(await page.getByText('Call forwarding').count(), 0);
});
