import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startAmiPbx, type AmiPbx } from '../../support/ami-pbx.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { launchBrowser, newContext, signIn } from './browser.js';

type Viewport = { width: number; height: number };

/** One browser for a test file; every page it hands out is closed after the file. */
interface Pages {
  browser: Browser;
  /** A page in a fresh browser profile, not signed in. */
  newPage(options?: { viewport?: Viewport }): Promise<Page>;
  /** A page signed in as `username` (whose password the test server sets to "<username>-password"). */
  signedIn(username: string, options?: { password?: string; viewport?: Viewport }): Promise<Page>;
}

/** One server and one browser for a test file. */
export interface BrowserSuite extends Pages {
  server: TestServer;
}

/** One Switchboard connected to a local AMI server (see startAmiPbx) and one browser for a test file. */
export interface AmiBrowserSuite extends Pages {
  setup: AmiPbx;
}

/** Starts what the file tests before its first test, the browser after it, and closes all after the last. */
function pagesAround<T extends { close(): Promise<void> }>(start: () => Promise<T>, serverOf: (started: T) => TestServer, prepare: (started: T) => Promise<void>): Pages & { started: T } {
  const contexts: BrowserContext[] = [];
  const suite = {
    async newPage(options = {}) {
      const context = await newContext(suite.browser, serverOf(suite.started).url, options);
      contexts.push(context);
      return context.newPage();
    },
    async signedIn(username, options = {}) {
      const page = await suite.newPage(options);
      await signIn(page, username, options.password ?? `${username}-password`);
      return page;
    },
  } as Pages & { started: T };
  before(async () => {
    suite.started = await start();
    suite.browser = await launchBrowser();
    await prepare(suite.started);
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await suite.browser?.close();
    await suite.started?.close();
  });
  return suite;
}

export function browserSuite(setup: (server: TestServer) => Promise<void> = async () => {}): BrowserSuite {
  const suite = pagesAround(startTestServer, (server) => server, setup);
  return Object.defineProperty(suite, 'server', { get: () => suite.started }) as typeof suite & BrowserSuite;
}

export function amiBrowserSuite(prepare: (setup: AmiPbx) => Promise<void> = async () => {}): AmiBrowserSuite {
  const suite = pagesAround(() => startAmiPbx(), (setup) => setup.server, prepare);
  return Object.defineProperty(suite, 'setup', { get: () => suite.started }) as typeof suite & AmiBrowserSuite;
}
