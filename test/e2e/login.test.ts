import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goTo, screenshot, signIn } from './support/browser.js';
import { browserSuite } from './support/suite.js';

const suite = browserSuite(async (server) => {
  await server.user('kari', ['201'], { displayName: 'Kari Nordmann' });
});

test('the root URL serves the app: a wrong password is refused with a message, the right one signs in, and sign-out returns to the form', async () => {
  const page = await suite.newPage();
  await page.goto('/');
  await screenshot(page, 'login');
  await page.getByLabel(/username/i).fill('kari');
  await page.getByLabel(/password/i).fill('not-her-password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong username or password.' }).waitFor();

  await page.getByLabel(/password/i).fill('kari-password');
  await page.getByRole('button', { name: /sign in/i }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Call log' }).count(), 1);
  assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0, 'a user sees no admin pages');

  // The session survives a reload.
  await page.reload();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: /sign in/i }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: /sign in/i }).waitFor();
});

test('when the session ends on the server, the next action leads back to sign-in with an explanation', async () => {
  const page = await suite.signedIn('kari');
  const kari = await suite.server.sb.repos.users.byUsername('kari');
  await suite.server.sb.repos.credentials.deleteUserSessions(kari!.id);
  // Any request now finds the session gone; the app may notice before the click lands.
  await goTo(page, 'Call log').catch(() => undefined);
  await page.getByText('Your session has ended. Please sign in again.').waitFor();
  await signIn(page, 'kari', 'kari-password');
});
