// AMI client: one TCP (or TLS) connection to Asterisk, login, correlated actions, event lists,
// keepalive and reconnect. Knows nothing about calls; a tracker sits on top and reloads its state
// on every 'connected' (events missed while disconnected are gone for good).
//
// Failure model: nothing here throws into the event loop. A dropped socket, garbage, a silent PBX
// or a failed login all end the current connection, reject what was pending on it, and (unless
// closed, or the very first `connect()` failed) schedule a reconnect with backoff.

import { createHash } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { AmiFrameParser, type AmiMessage } from './frame-parser.js';

export type AmiFieldValue = string | number | boolean | readonly string[] | undefined;
export type AmiFields = Record<string, AmiFieldValue>;

export interface AmiListResult {
  response: AmiMessage;
  events: AmiMessage[];
  /** The `…Complete` event (undefined when the response started no list). */
  complete: AmiMessage | undefined;
}

export type AmiStatus = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'closed';

export interface AmiStatusChange {
  status: AmiStatus;
  /** Why the last connection ended or the last attempt failed (reconnecting/disconnected). */
  lastError: Error | undefined;
  /** reconnecting only: wait before the next attempt. */
  delayMs: number | undefined;
}

export interface AmiClientEvents {
  event: (event: AmiMessage) => void;
  status: (change: AmiStatusChange) => void;
  /** After every successful login: reload full state here. */
  connected: (info: { bannerVersion: string | undefined }) => void;
  disconnected: (error: Error) => void;
}

/** pino-compatible subset. */
export interface AmiLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface AmiClientOptions {
  host: string;
  /** Default 5038 (5039 is usual for TLS). */
  port?: number;
  /** true, or node:tls options (ca, rejectUnauthorized…). */
  tls?: boolean | tls.ConnectionOptions;
  username: string;
  secret: string;
  /** 'md5' uses the Challenge flow so the secret never crosses the wire. Default 'plain'. */
  auth?: 'plain' | 'md5';
  /** `Events:` of the Login: 'on', 'off' or a class mask like 'call,agent,user'. Default 'on'. */
  events?: string;
  /**
   * Which events the parser builds; the rest are skipped unparsed. Default: all but VarSet and
   * Newexten (half of all traffic). Must accept the events of any list you request.
   */
  acceptEvent?: (eventName: string) => boolean;
  /** Default 10 s. */
  actionTimeoutMs?: number;
  /** TCP connect + login. Default 10 s. */
  connectTimeoutMs?: number;
  /** Ping interval; 0 disables. Default 30 s. */
  keepaliveIntervalMs?: number;
  /** No Pong within this → connection is dead. Default 10 s. */
  keepaliveTimeoutMs?: number;
  /** false: never reconnect. Defaults: base 1 s, max 60 s, jitter 0.3 (delay × [1 − jitter, 1]). */
  reconnect?: false | { baseMs?: number; maxMs?: number; jitter?: number };
  logger?: AmiLogger;
  /** For tests: replaces Math.random in the jitter. */
  random?: () => number;
}

export class AmiError extends Error {
  override name = 'AmiError';
}

/** The PBX refused the login; message is its `Message:`. */
export class AmiLoginError extends AmiError {
  override name = 'AmiLoginError';
  constructor(
    message: string,
    readonly response: AmiMessage | undefined,
  ) {
    super(message);
  }
}

/** `Response: Error` to an action. */
export class AmiActionError extends AmiError {
  override name = 'AmiActionError';
  constructor(
    readonly action: string,
    readonly response: AmiMessage,
  ) {
    super(`AMI action ${action} failed: ${response.fields.Message ?? 'no message'}`);
  }
}

export class AmiTimeoutError extends AmiError {
  override name = 'AmiTimeoutError';
}

/** Default event filter: these two are about half of all AMI traffic and no CTI needs them. */
export const DROPPED_BY_DEFAULT: ReadonlySet<string> = new Set(['VarSet', 'Newexten']);

export function defaultAcceptEvent(eventName: string): boolean {
  return !DROPPED_BY_DEFAULT.has(eventName);
}

/** Exponential backoff with proportional jitter: base·2^attempt capped at max, times [1 − jitter, 1]. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, jitter: number, random: () => number): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(raw * (1 - Math.min(Math.max(jitter, 0), 1) * random()));
}

const KEY = /^[A-Za-z0-9_-]+$/;

/** One AMI frame on the wire; arrays repeat the key (Variable: a=1, Variable: b=2). */
export function formatAction(name: string, fields: AmiFields, actionId: string): string {
  let text = line('Action', name);
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || key === 'Action' || key === 'ActionID') continue;
    if (typeof value === 'object') for (const v of value) text += line(key, v);
    else text += line(key, String(value));
  }
  return text + line('ActionID', actionId) + '\r\n';
}

function line(key: string, value: string): string {
  if (!KEY.test(key)) throw new AmiError(`AMI field name not allowed: ${JSON.stringify(key)}`);
  // A line break would let a value inject its own action.
  if (/[\r\n]/.test(value)) throw new AmiError(`AMI field ${key} contains a line break`);
  return `${key}: ${value}\r\n`;
}

interface Pending {
  action: string;
  timeoutMs: number;
  timer: NodeJS.Timeout | undefined;
  /** Only for actionList. */
  list: { response: AmiMessage | undefined; events: AmiMessage[] } | undefined;
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

interface Connection {
  socket: net.Socket;
  parser: AmiFrameParser;
  pending: Map<string, Pending>;
  loggedIn: boolean;
  ended: boolean;
  /** First reason this connection is ending. */
  error: Error | undefined;
  bannerVersion: string | undefined;
  keepalive: NodeJS.Timeout | undefined;
  pingInFlight: boolean;
}

type Listeners = { [K in keyof AmiClientEvents]: Set<AmiClientEvents[K]> };

const MAX_ABANDONED = 1000;
/** Socket reads of plain TCP connections. Larger reads were slower in the AMI bench (bench/README.md). */
const READ_BUFFER_BYTES = 64 * 1024;

export class AmiClient {
  private readonly opts: Required<Omit<AmiClientOptions, 'tls' | 'logger' | 'reconnect'>> & Pick<AmiClientOptions, 'tls' | 'logger'>;
  private readonly reconnect: { baseMs: number; maxMs: number; jitter: number } | undefined;
  private readonly listeners: Listeners = { event: new Set(), status: new Set(), connected: new Set(), disconnected: new Set() };

  private conn: Connection | undefined;
  private current: AmiStatus = 'disconnected';
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private firstWaiter: { resolve: () => void; reject: (error: Error) => void } | undefined;
  private nextId = 0;
  private readonly idPrefix = `sb${process.pid.toString(36)}${Date.now().toString(36)}`;
  /** ActionIDs that timed out: their late response (and list events) are dropped, not emitted. */
  private readonly abandoned = new Set<string>();

  constructor(options: AmiClientOptions) {
    this.opts = {
      host: options.host,
      port: options.port ?? 5038,
      tls: options.tls,
      username: options.username,
      secret: options.secret,
      auth: options.auth ?? 'plain',
      events: options.events ?? 'on',
      acceptEvent: options.acceptEvent ?? defaultAcceptEvent,
      actionTimeoutMs: options.actionTimeoutMs ?? 10_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
      keepaliveIntervalMs: options.keepaliveIntervalMs ?? 30_000,
      keepaliveTimeoutMs: options.keepaliveTimeoutMs ?? 10_000,
      logger: options.logger,
      random: options.random ?? Math.random,
    };
    const r = options.reconnect;
    this.reconnect = r === false ? undefined : { baseMs: r?.baseMs ?? 1000, maxMs: r?.maxMs ?? 60_000, jitter: r?.jitter ?? 0.3 };
  }

  get status(): AmiStatus {
    return this.current;
  }

  get connected(): boolean {
    return this.conn?.loggedIn === true;
  }

  on<K extends keyof AmiClientEvents>(name: K, listener: AmiClientEvents[K]): () => void {
    (this.listeners[name] as Set<AmiClientEvents[K]>).add(listener);
    return () => this.off(name, listener);
  }

  off<K extends keyof AmiClientEvents>(name: K, listener: AmiClientEvents[K]): void {
    (this.listeners[name] as Set<AmiClientEvents[K]>).delete(listener);
  }

  /** Connect and log in; rejects (and stays disconnected) if this first attempt fails. Reconnects after later drops. */
  connect(): Promise<void> {
    if (this.closed) return Promise.reject(new AmiError('AMI client is closed'));
    if (this.connected) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const previous = this.firstWaiter;
      this.firstWaiter = {
        resolve: () => (previous?.resolve(), resolve()),
        reject: (error) => (previous?.reject(error), reject(error)),
      };
      this.start();
    });
  }

  /** Connect in the background and keep retrying until close(); watch 'status' and 'connected'. */
  start(): void {
    if (this.closed || this.conn !== undefined || this.retryTimer !== undefined) return;
    this.attempt();
  }

  /** Send an action and resolve with its response; `Response: Error` rejects with AmiActionError. */
  action(name: string, fields: AmiFields = {}, options: { timeoutMs?: number } = {}): Promise<AmiMessage> {
    const conn = this.conn;
    if (conn === undefined || !conn.loggedIn) return Promise.reject(new AmiError(`AMI not connected (action ${name})`));
    return this.send<AmiMessage>(conn, name, fields, options.timeoutMs ?? this.opts.actionTimeoutMs, false);
  }

  /**
   * An action answered by an event list (CoreShowChannels, QueueStatus, Status…): resolves once the
   * `…Complete` event arrived. The timeout restarts with every item.
   */
  actionList(name: string, fields: AmiFields = {}, options: { timeoutMs?: number } = {}): Promise<AmiListResult> {
    const conn = this.conn;
    if (conn === undefined || !conn.loggedIn) return Promise.reject(new AmiError(`AMI not connected (action ${name})`));
    return this.send<AmiListResult>(conn, name, fields, options.timeoutMs ?? this.opts.actionTimeoutMs, true);
  }

  /** Log off, close the socket, stop reconnecting; pending actions reject. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.firstWaiter?.reject(new AmiError('AMI client closed'));
    this.firstWaiter = undefined;
    const conn = this.conn;
    if (conn !== undefined) {
      if (conn.loggedIn) {
        await this.send(conn, 'Logoff', {}, Math.min(this.opts.actionTimeoutMs, 1000), false).catch(() => undefined);
      }
      await new Promise<void>((resolve) => {
        if (conn.socket.destroyed) return resolve();
        conn.socket.once('close', () => resolve());
        this.endConnection(conn, new AmiError('AMI client closed'));
      });
    }
    this.setStatus('closed', undefined, undefined);
  }

  private attempt(): void {
    this.retryTimer = undefined;
    if (this.closed) return;
    if (this.current !== 'reconnecting') this.setStatus('connecting', undefined, undefined);
    const { host, port } = this.opts;
    const conn: Connection = {
      socket: undefined as unknown as net.Socket,
      parser: new AmiFrameParser({
        onMessage: (m) => this.onMessage(conn, m),
        onBanner: (version) => (conn.bannerVersion = version),
        acceptEvent: this.opts.acceptEvent,
      }),
      pending: new Map(),
      loggedIn: false,
      ended: false,
      error: undefined,
      bannerVersion: undefined,
      keepalive: undefined,
      pingInFlight: false,
    };
    const tlsOptions = this.opts.tls;
    const onOpen = () => void this.login(conn);
    conn.socket = tlsOptions
      ? tls.connect({ servername: net.isIP(host) === 0 ? host : undefined, ...(tlsOptions === true ? {} : tlsOptions), host, port }, onOpen)
      : net.connect(
          {
            host,
            port,
            // One read buffer per connection, reused: the parser decodes each read into a string at once.
            onread: { buffer: Buffer.allocUnsafe(READ_BUFFER_BYTES), callback: (bytes: number, buffer: Buffer) => this.onData(conn, buffer.subarray(0, bytes)) },
          },
          onOpen,
        );
    this.conn = conn;
    const { socket } = conn;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('error', (error) => (conn.error ??= error));
    socket.on('close', () => this.onClose(conn));
    const connectTimer = setTimeout(() => {
      if (!conn.loggedIn) this.endConnection(conn, new AmiTimeoutError(`AMI connect to ${host}:${port} timed out after ${this.opts.connectTimeoutMs} ms`));
    }, this.opts.connectTimeoutMs);
    socket.once('close', () => clearTimeout(connectTimer));
  }

  private onData(conn: Connection, chunk: Buffer): boolean {
    try {
      conn.parser.push(chunk);
    } catch (error) {
      this.opts.logger?.warn({ err: error }, 'AMI: error while handling a message');
    }
    return true;
  }

  private async login(conn: Connection): Promise<void> {
    const { username, secret, events } = this.opts;
    const timeout = this.opts.actionTimeoutMs;
    try {
      try {
        if (this.opts.auth === 'md5') {
          const challenge = await this.send<AmiMessage>(conn, 'Challenge', { AuthType: 'MD5' }, timeout, false);
          const key = createHash('md5')
            .update((challenge.fields.Challenge ?? '') + secret)
            .digest('hex');
          await this.send<AmiMessage>(conn, 'Login', { AuthType: 'MD5', Username: username, Key: key, Events: events }, timeout, false);
        } else {
          await this.send<AmiMessage>(conn, 'Login', { Username: username, Secret: secret, Events: events }, timeout, false);
        }
      } catch (error) {
        if (error instanceof AmiActionError) throw new AmiLoginError(`AMI login as ${username} failed: ${error.response.fields.Message ?? 'no message'}`, error.response);
        throw error;
      }
      if (conn.ended) return;
      conn.loggedIn = true;
      this.failures = 0;
      this.opts.logger?.info({ host: this.opts.host, port: this.opts.port, version: conn.bannerVersion }, 'AMI connected');
      this.startKeepalive(conn);
      this.setStatus('connected', undefined, undefined);
      this.emit('connected', { bannerVersion: conn.bannerVersion });
      const waiter = this.firstWaiter;
      this.firstWaiter = undefined;
      waiter?.resolve();
    } catch (error) {
      this.endConnection(conn, error instanceof Error ? error : new AmiError(String(error)));
    }
  }

  private startKeepalive(conn: Connection): void {
    const interval = this.opts.keepaliveIntervalMs;
    if (interval <= 0) return;
    conn.keepalive = setInterval(() => {
      if (conn.pingInFlight || conn.ended) return;
      conn.pingInFlight = true;
      this.send(conn, 'Ping', {}, this.opts.keepaliveTimeoutMs, false).then(
        () => (conn.pingInFlight = false),
        (error: Error) => {
          conn.pingInFlight = false;
          // An Error response is still an answer; only silence means the link is dead.
          if (error instanceof AmiTimeoutError) {
            this.endConnection(conn, new AmiTimeoutError(`AMI keepalive: no answer to Ping within ${this.opts.keepaliveTimeoutMs} ms`));
          }
        },
      );
    }, interval);
  }

  private send<T>(conn: Connection, name: string, fields: AmiFields, timeoutMs: number, isList: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (conn.ended || !conn.socket.writable) {
        reject(conn.error ?? new AmiError(`AMI not connected (action ${name})`));
        return;
      }
      const id = `${this.idPrefix}-${++this.nextId}`;
      let text: string;
      try {
        text = formatAction(name, fields, id);
      } catch (error) {
        reject(error as Error);
        return;
      }
      const pending: Pending = {
        action: name,
        timeoutMs,
        timer: undefined,
        list: isList ? { response: undefined, events: [] } : undefined,
        resolve: resolve as (value: never) => void,
        reject,
      };
      conn.pending.set(id, pending);
      this.armTimer(conn, id, pending);
      conn.socket.write(text);
    });
  }

  private armTimer(conn: Connection, id: string, pending: Pending): void {
    clearTimeout(pending.timer);
    pending.timer = setTimeout(() => {
      conn.pending.delete(id);
      this.abandon(id);
      const got = pending.list === undefined ? '' : ` (list incomplete: ${pending.list.events.length} events)`;
      pending.reject(new AmiTimeoutError(`AMI action ${pending.action} timed out after ${pending.timeoutMs} ms${got}`));
    }, pending.timeoutMs);
  }

  private abandon(id: string): void {
    if (this.abandoned.size >= MAX_ABANDONED) {
      const oldest = this.abandoned.values().next().value;
      if (oldest !== undefined) this.abandoned.delete(oldest);
    }
    this.abandoned.add(id);
  }

  private onMessage(conn: Connection, m: AmiMessage): void {
    if (conn !== this.conn || conn.ended) return;
    const id = m.actionId;
    if (id !== undefined) {
      const pending = conn.pending.get(id);
      if (pending !== undefined) {
        if (m.kind === 'response') return this.onResponse(conn, id, pending, m);
        if (m.kind === 'event' && pending.list !== undefined) return this.onListEvent(conn, id, pending, m);
      } else if (this.abandoned.has(id)) {
        if (m.kind === 'response' ? !isListStart(m) : isListComplete(m)) this.abandoned.delete(id);
        return;
      }
    }
    if (m.kind === 'event') this.emit('event', m);
  }

  private onResponse(conn: Connection, id: string, pending: Pending, m: AmiMessage): void {
    if (m.name.toLowerCase() === 'error') {
      this.settle(conn, id, pending);
      pending.reject(new AmiActionError(pending.action, m));
      return;
    }
    const list = pending.list;
    if (list === undefined) {
      this.settle(conn, id, pending);
      (pending.resolve as (value: AmiMessage) => void)(m);
    } else if (!isListStart(m)) {
      this.settle(conn, id, pending);
      (pending.resolve as (value: AmiListResult) => void)({ response: m, events: list.events, complete: undefined });
    } else {
      list.response = m;
      this.armTimer(conn, id, pending);
    }
  }

  private onListEvent(conn: Connection, id: string, pending: Pending, m: AmiMessage): void {
    const list = pending.list!;
    if (!isListComplete(m)) {
      list.events.push(m);
      this.armTimer(conn, id, pending);
      return;
    }
    this.settle(conn, id, pending);
    // A Complete before the response would be a PBX bug; resolve with what there is rather than hang.
    const response = list.response ?? m;
    (pending.resolve as (value: AmiListResult) => void)({ response, events: list.events, complete: m });
  }

  private settle(conn: Connection, id: string, pending: Pending): void {
    clearTimeout(pending.timer);
    conn.pending.delete(id);
  }

  private endConnection(conn: Connection, error: Error): void {
    conn.error ??= error;
    conn.socket.destroy();
  }

  private onClose(conn: Connection): void {
    if (conn.ended) return;
    conn.ended = true;
    clearInterval(conn.keepalive);
    const error = conn.error ?? new AmiError('AMI connection closed by the server');
    const wasLoggedIn = conn.loggedIn;
    conn.loggedIn = false;
    for (const [id, pending] of conn.pending) {
      this.settle(conn, id, pending);
      pending.reject(new AmiError(`AMI action ${pending.action} aborted: ${error.message}`, { cause: error }));
    }
    conn.parser.reset();
    if (this.conn !== conn) return;
    this.conn = undefined;
    if (this.closed) return;
    this.abandoned.clear();
    this.opts.logger?.warn({ err: error, host: this.opts.host, port: this.opts.port }, wasLoggedIn ? 'AMI connection lost' : 'AMI connect failed');
    if (wasLoggedIn) this.emit('disconnected', error);
    const waiter = this.firstWaiter;
    if (waiter !== undefined || this.reconnect === undefined) {
      this.firstWaiter = undefined;
      this.setStatus('disconnected', error, undefined);
      waiter?.reject(error);
      return;
    }
    const { baseMs, maxMs, jitter } = this.reconnect;
    const delayMs = backoffDelay(this.failures++, baseMs, maxMs, jitter, this.opts.random);
    this.retryTimer = setTimeout(() => this.attempt(), delayMs);
    this.setStatus('reconnecting', error, delayMs);
  }

  private setStatus(status: AmiStatus, lastError: Error | undefined, delayMs: number | undefined): void {
    this.current = status;
    this.emit('status', { status, lastError, delayMs });
  }

  private emit<K extends keyof AmiClientEvents>(name: K, ...args: Parameters<AmiClientEvents[K]>): void {
    for (const listener of this.listeners[name]) {
      try {
        (listener as (...a: Parameters<AmiClientEvents[K]>) => void)(...args);
      } catch (error) {
        this.opts.logger?.warn({ err: error, listener: name }, 'AMI: a listener threw');
      }
    }
  }
}

function isListStart(m: AmiMessage): boolean {
  return m.fields.EventList?.toLowerCase() === 'start';
}

function isListComplete(m: AmiMessage): boolean {
  return m.fields.EventList?.toLowerCase() === 'complete';
}
