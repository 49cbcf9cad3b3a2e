// A fake Asterisk Manager Interface on 127.0.0.1 for tests: banner, Login (plain and MD5
// Challenge), Logoff and Ping like Asterisk 22; other actions answered by scripted handlers; raw
// bytes (e.g. a recording's events) pushed to logged-in clients, optionally cut at random places.

import { createHash } from 'node:crypto';
import net from 'node:net';
import { AmiFrameParser, type AmiMessage } from '../../src/telephony/ami/frame-parser.js';

export type AmiReplyFields = Record<string, string | number | readonly string[]>;
/** Fields of a response or event (ActionID of the request is added when missing), or raw wire text. */
export type AmiReply = AmiReplyFields | string;
/** Return replies to send now, or nothing and answer later with conn.reply(). */
export type AmiActionHandler = (request: AmiMessage, conn: AmiServerConnection) => AmiReply | AmiReply[] | void;

export interface AmiTestServerOptions {
  username?: string;
  secret?: string;
  banner?: string;
  challenge?: string;
  /** Cut every write into random pieces sent a few ms apart. */
  chop?: boolean;
}

export interface ReceivedAction {
  connection: number;
  message: AmiMessage;
  action: string;
}

/** Wire text of one frame, `\r\n` line ends; arrays repeat the key. */
export function amiFrame(fields: AmiReplyFields): string {
  let text = '';
  for (const [key, value] of Object.entries(fields)) {
    for (const v of typeof value === 'object' ? value : [value]) text += `${key}: ${v}\r\n`;
  }
  return text + '\r\n';
}

/** Frames of a recording (`*.ami` text) that are events not answering any action: for replaying to a client. */
export function recordedEvents(recording: string | Buffer): string[] {
  return recording
    .toString()
    .split(/\r?\n\r?\n/)
    .filter((f) => f.startsWith('Event:') && !/^ActionID:/m.test(f))
    .map((f) => f.replace(/\r?\n/g, '\r\n') + '\r\n\r\n');
}

export class AmiServerConnection {
  loggedIn = false;
  /** Everything the client sent on this connection. */
  raw = '';
  private challenge: string | undefined;
  private queue: Promise<void> = Promise.resolve();
  private readonly parser: AmiFrameParser;

  constructor(
    readonly id: number,
    readonly socket: net.Socket,
    private readonly server: AmiTestServer,
  ) {
    this.parser = new AmiFrameParser({ onMessage: (m) => this.onFrame(m) });
    socket.on('data', (chunk: Buffer) => {
      this.raw += chunk.toString();
      this.parser.push(chunk);
    });
    socket.on('error', () => undefined);
  }

  /** Bytes as they are, in order with earlier writes (cut into pieces when the server chops). */
  write(data: string | Buffer): void {
    const bytes = Buffer.from(data);
    this.queue = this.queue.then(async () => {
      if (!this.server.chop) return void (this.socket.writable && this.socket.write(bytes));
      for (let at = 0; at < bytes.length; ) {
        const size = 1 + Math.floor(Math.random() * 40);
        if (!this.socket.writable) return;
        this.socket.write(bytes.subarray(at, at + size));
        at += size;
        // Mostly a turn of the event loop (fast); sometimes a real pause so the pieces arrive apart.
        await new Promise((resolve) => (Math.random() < 0.02 ? setTimeout(resolve, 1) : setImmediate(resolve)));
      }
    });
  }

  /** Answer a request: ActionID copied from it unless given. */
  reply(request: AmiMessage, ...replies: AmiReply[]): void {
    for (const r of replies) {
      if (typeof r === 'string') this.write(r);
      else this.write(amiFrame(request.actionId === undefined || 'ActionID' in r ? r : withActionId(r, request.actionId)));
    }
  }

  /** Cut the TCP connection without a goodbye. */
  drop(): void {
    this.socket.destroy();
  }

  private onFrame(m: AmiMessage): void {
    const action = m.fields.Action ?? '';
    this.server.received.push({ connection: this.id, message: m, action });
    this.server.notify();
    const handler = this.server.handlers.get(action.toLowerCase()) ?? this.builtin(action.toLowerCase());
    const out = handler(m, this);
    if (out !== undefined) this.reply(m, ...(Array.isArray(out) ? out : [out]));
  }

  private builtin(action: string): AmiActionHandler {
    const { username, secret } = this.server.options;
    switch (action) {
      case 'challenge':
        return () => {
          this.challenge = this.server.options.challenge ?? '297184934';
          return { Response: 'Success', Challenge: this.challenge };
        };
      case 'login':
        return (m) => {
          const ok =
            m.fields.Username === username &&
            (m.fields.AuthType?.toLowerCase() === 'md5'
              ? this.challenge !== undefined && m.fields.Key === createHash('md5').update(this.challenge + secret).digest('hex')
              : m.fields.Secret === secret);
          if (!ok) return { Response: 'Error', Message: 'Authentication failed' };
          this.loggedIn = true;
          return { Response: 'Success', Message: 'Authentication accepted' };
        };
      case 'logoff':
        return (m) => {
          this.reply(m, { Response: 'Goodbye', Message: 'Thanks for all the fish.' });
          void this.queue.then(() => this.socket.end());
        };
      case 'ping':
        return () => ({ Response: 'Success', Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) });
      default:
        return () => ({ Response: 'Error', Message: 'Invalid/unknown command' });
    }
  }
}

function withActionId(fields: AmiReplyFields, actionId: string): AmiReplyFields {
  // ActionID right after the first line, where Asterisk puts it.
  const [first, ...rest] = Object.entries(fields);
  return Object.fromEntries(first === undefined ? [['ActionID', actionId]] : [first, ['ActionID', actionId], ...rest]);
}

export class AmiTestServer {
  readonly received: ReceivedAction[] = [];
  readonly connections: AmiServerConnection[] = [];
  readonly handlers = new Map<string, AmiActionHandler>();
  readonly options: Required<Omit<AmiTestServerOptions, 'challenge' | 'chop'>> & { challenge?: string };
  chop: boolean;
  private waiters = new Set<() => void>();

  private constructor(
    private readonly server: net.Server,
    options: AmiTestServerOptions,
  ) {
    this.options = {
      username: options.username ?? 'cti',
      secret: options.secret ?? 'ctisecret',
      banner: options.banner ?? 'Asterisk Call Manager/11.0.0',
      ...(options.challenge === undefined ? {} : { challenge: options.challenge }),
    };
    this.chop = options.chop ?? false;
  }

  static async start(options: AmiTestServerOptions = {}): Promise<AmiTestServer> {
    let self: AmiTestServer | undefined;
    const server = net.createServer((socket) => {
      if (self === undefined) return void socket.destroy();
      const conn = new AmiServerConnection(self.connections.length + 1, socket, self);
      self.connections.push(conn);
      conn.write(`${self.options.banner}\r\n`);
      self.notify();
    });
    self = new AmiTestServer(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return self;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Script an action (by name, case-insensitive); overrides the built-in Login/Challenge/Ping/Logoff. */
  handle(action: string, handler: AmiActionHandler): void {
    this.handlers.set(action.toLowerCase(), handler);
  }

  /** Actions received so far, optionally only those named. */
  actions(name?: string): ReceivedAction[] {
    return name === undefined ? this.received : this.received.filter((r) => r.action.toLowerCase() === name.toLowerCase());
  }

  /** Raw bytes to every logged-in connection (events, garbage…). */
  send(data: string | Buffer): void {
    for (const c of this.open()) if (c.loggedIn) c.write(data);
  }

  /** An event frame to every logged-in connection. */
  event(fields: AmiReplyFields): void {
    this.send(amiFrame(fields));
  }

  /** Drop every open connection. */
  dropAll(): void {
    for (const c of this.open()) c.drop();
  }

  open(): AmiServerConnection[] {
    return this.connections.filter((c) => !c.socket.destroyed);
  }

  /** Resolves once the predicate holds (checked after each received frame or connection). */
  waitFor(predicate: () => boolean, timeoutMs = 2000, what = 'condition'): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`AmiTestServer: timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Resolves with the next (count-th) received action of that name. */
  async waitForAction(name: string, count = 1, timeoutMs = 2000): Promise<ReceivedAction> {
    await this.waitFor(() => this.actions(name).length >= count, timeoutMs, `${count}× ${name}`);
    return this.actions(name)[count - 1]!;
  }

  notify(): void {
    for (const check of [...this.waiters]) check();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
