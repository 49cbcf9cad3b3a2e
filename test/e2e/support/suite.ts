import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../support/server.js';
import { launchBrowser, newContext, signIn } from './browser.js';

/** One server and one browser for a test file; every page it hands out is closed after the file. */
export interface BrowserSuite {
  server: TestServer;
  browser: Browser;
  /** A page in a fresh browser profile, not signed in. */
  newPage(options?: { viewport?: { width: number; height: number } }): Promise<Page>;
  /** A page signed in as `username` (whose password the test server sets to "<username>-password"). */
  signedIn(username: string, options?: { password?: string; viewport?: { width: number; height: number } }): Promise<Page>;
}

export function browserSuite(setup: (server: TestServer) => Promise<void> = async () => {}): BrowserSuite {
  const contexts: BrowserContext[] = [];
  const suite = {
    async newPage(options = {}) {
      const context = await newContext(suite.browser, suite.server.url, options);
      contexts.push(context);
      return context.newPage();
    },
    async signedIn(username, options = {}) {
      const page = await suite.newPage(options);
      await signIn(page, username, options.password ?? `${username}-password`);
      return page;
    },
  } as BrowserSuite;
  before(async () => {
    suite.server = await startTestServer();
    suite.browser = await launchBrowser();
    await setup(suite.server);
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
