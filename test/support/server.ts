import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { createLogger } from '../../src/app/logger.js';
import { loadConfig } from '../../src/config/load.js';
import type { Config } from '../../src/config/schema.js';
import { startServer, type RunningServer } from '../../src/server/serve.js';

export const ADMIN_PASSWORD = 'admin-password-for-tests';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Authenticated JSON request; `token` may be a bearer token or omitted. */
  api<T = any>(method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string | Buffer }): Promise<{ status: number; body: T; headers: Headers }>;
  adminToken(): Promise<string>;
  /** Creates a user with extensions and returns an API token acting as them. */
  user(username: string, extensions: string[], options?: { displayName?: string; role?: 'admin' | 'user' }): Promise<{ id: number; token: string }>;
  /** Token auth unless `auth` says otherwise. */
  source(name: string, dialect: string, options?: { auth?: string; options?: Record<string, string> }): Promise<{ url: string; secret: string }>;
  /** A native source named `name`, and a function that posts events to it as a PBX would; any answer but 202 fails the test. */
  pbx(name?: string): Promise<(events: unknown) => Promise<{ accepted: number; calls: string[] }>>;
  close(): Promise<void>;
}

/** A real server on a free loopback port with its own data folder; `close` removes it. */
export async function startTestServer(env: Record<string, string> = {}, options: { dataDir?: string; keepData?: boolean } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'switchboard-test-'));
  const { config } = loadConfig({
    env: { SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_SERVER_HOST: '127.0.0.1', SWITCHBOARD_SERVER_PORT: '0', ...env },
    cwd: dataDir,
  });
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const running = await startServer(config as Config, log, { SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD });
  let admin: string | undefined;

  const api: TestServer['api'] = async (method, url, o = {}) => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Buffer | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(o.body);
    }
    const response = await fetch(`${running.url}${url}`, { method, headers, body });
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  const server: TestServer = {
    ...running,
    dataDir,
    api,
    async adminToken() {
      if (admin) return admin;
      const admUser = await running.sb.repos.users.byUsername('admin');
      admin = (await running.sb.auth.createToken(admUser!.id, 'tests')).token;
      return admin;
    },
    async user(username, extensions, o = {}) {
      const created = await running.sb.users.create({
        username,
        password: `${username}-password`,
        displayName: o.displayName,
        role: o.role,
        devices: extensions.map((extension) => ({ extension })),
      });
      const { token } = await running.sb.auth.createToken(created.id, 'tests');
      return { id: created.id, token };
    },
    async source(name, dialect, o = {}) {
      const info = await running.sb.sources.add({ name, dialect, auth: o.auth ?? 'token', options: o.options });
      return { url: info.url, secret: info.secret! };
    },
    async pbx(name = 'pbx') {
      const { secret } = await server.source(name, 'native');
      return async (events) => {
        const response = await api('POST', `/api/v1/hooks/${name}`, { token: secret, body: events });
        assert.equal(response.status, 202, JSON.stringify(response.body));
        return response.body as { accepted: number; calls: string[] };
      };
    },
    async close() {
      await running.stop();
      if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}

/** A WebSocket client that records every frame and can wait for one that matches. */
export class TestSocket {
  readonly frames: any[] = [];
  private waiters: { match: (f: any) => boolean; resolve: (f: any) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }[] = [];
  closed?: { code: number; reason: string };

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8'));
      this.frames.push(frame);
      for (const waiter of [...this.waiters]) {
        if (waiter.match(frame)) {
          clearTimeout(waiter.timer);
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(frame);
        }
      }
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  static async connect(baseUrl: string, auth: { token?: string; cookie?: string; origin?: string; query?: string } = {}): Promise<TestSocket> {
    const headers: Record<string, string> = {};
    if (auth.token) headers.authorization = `Bearer ${auth.token}`;
    if (auth.cookie) headers.cookie = auth.cookie;
    if (auth.origin) headers.origin = auth.origin;
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/ws${auth.query ?? ''}`, { headers });
    const socket = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return socket;
  }

  /** The first frame (already received or still to come) that matches. */
  next(match: (frame: any) => boolean, timeoutMs = 3000): Promise<any> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w.timer !== timer);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got: ${JSON.stringify(this.frames).slice(0, 2000)}`));
      }, timeoutMs);
      this.waiters.push({ match, resolve, reject, timer });
    });
  }

  callFrames(callId: string): any[] {
    return this.frames.filter((f) => f.type === 'call' && f.call.id === callId).map((f) => f.call);
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  close(): void {
    this.ws.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
