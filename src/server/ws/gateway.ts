import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Switchboard } from '../../app/switchboard.js';
import type { CallFlags } from '../../calls/call-view.js';
import type { Call } from '../../domain/calls/call.js';
import { isPrivateIdentity } from '../../domain/calls/identity.js';
import { resolvePrincipal, sameOrigin } from '../auth/guard.js';
import type { Principal } from '../auth/principal.js';
import type { Me } from '../../users/user-service.js';
import { viewFor } from './views.js';

interface Client {
  socket: WebSocket;
  principal: Principal;
  /** Admins may ask to see every call, not only their own. */
  watchAll: boolean;
  alive: boolean;
}

/** A client that cannot keep up is cut off rather than buffering without bound. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;

/**
 * The real-time channel: on connect a client gets the calls it may see, then every change to
 * them, and only to them. Several sockets of one user (tabs, devices) all get everything.
 */
export class Gateway {
  private readonly byUser = new Map<number, Set<Client>>();
  private readonly watchers = new Set<Client>();
  private readonly unsubscribe: (() => void)[] = [];
  private pinger?: NodeJS.Timeout;

  constructor(private readonly sb: Switchboard) {
    this.unsubscribe.push(
      sb.bus.subscribe('call.updated', ({ call, userIds }) => this.pushCall(call, userIds)),
      sb.bus.subscribe('call.identified', ({ callId, userId, identity }) => {
        const call = sb.calls.current(callId) ?? this.lastSeen.get(callId);
        if (!call) return;
        const targets = userId === null ? [] : [userId];
        this.pushCall(call, targets, identity !== null && !isPrivateIdentity(identity));
      }),
      sb.bus.subscribe('user.preferences', ({ userId, preferences }) => this.pushToUser(userId, { type: 'preferences', preferences })),
      sb.bus.subscribe('user.presence', ({ userId, presence }) => {
        for (const client of this.byUser.get(userId) ?? []) client.principal.presence = presence;
        this.pushToUser(userId, { type: 'presence', presence });
      }),
      sb.bus.subscribe('user.updated', ({ user }) => this.userUpdated(user)),
      // Everyone's effective preferences may follow the defaults: every tab re-reads its own.
      sb.bus.subscribe('preferences.defaults', ({ defaults }) => this.pushToAll({ type: 'defaults', defaults })),
      // The operator panel: every signed-in user sees the PBX's extensions, queues and parked calls.
      sb.bus.subscribe('pbx.snapshot', ({ source, snapshot }) => this.pushToAll({ type: 'pbx', source, snapshot })),
      sb.bus.subscribe('pbx.changed', ({ source, changes }) => this.pushToAll({ type: 'pbx.change', source, changes })),
      sb.bus.subscribe('call.flags', ({ callId, flags }) => this.pushFlags(callId, flags)),
      // What the call buttons can do changed (a PBX came or went): every tab asks again.
      sb.bus.subscribe('capabilities.changed', () => this.pushToAll({ type: 'capabilities' })),
    );
  }

  /** Every open tab of one user: account, preferences and presence stay the same across them. */
  private pushToUser(userId: number, message: unknown): void {
    const clients = this.byUser.get(userId);
    if (!clients?.size) return;
    const frame = JSON.stringify(message);
    for (const client of clients) this.send(client, frame);
  }

  private pushToAll(message: unknown): void {
    const frame = JSON.stringify(message);
    for (const clients of this.byUser.values()) for (const client of clients) this.send(client, frame);
  }

  private userUpdated(user: Me): void {
    const clients = this.byUser.get(user.id);
    if (!clients?.size) return;
    for (const client of clients) {
      const { principal } = client;
      Object.assign(principal, { displayName: user.displayName, role: user.role, language: user.language, presence: user.presence });
      // A demoted admin stops seeing everyone's calls at once, not at the next reconnect.
      if (principal.role !== 'admin' && client.watchAll) {
        client.watchAll = false;
        this.watchers.delete(client);
      }
    }
    this.pushToUser(user.id, { type: 'user', user });
    if (user.disabled) for (const client of [...clients]) client.socket.close(4401, 'account disabled');
  }

  /** Ended calls leave the tracker at once; identities may arrive a moment later. */
  private readonly lastSeen = new Map<string, Call>();

  get connections(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  private pushCall(call: Call, userIds: number[], toWatchers = true): void {
    if (call.phase === 'ended') {
      this.lastSeen.set(call.id, call);
      setTimeout(() => this.lastSeen.delete(call.id), 10_000).unref();
    }
    const sent = new Set<Client>();
    for (const userId of userIds) {
      const clients = this.byUser.get(userId);
      if (!clients?.size) continue;
      const frame = JSON.stringify({ type: 'call', call: viewFor(this.sb, call, userId) });
      for (const client of clients) {
        this.send(client, frame);
        sent.add(client);
      }
    }
    if (!toWatchers) return;
    for (const client of this.watchers) {
      if (sent.has(client)) continue;
      this.send(client, JSON.stringify({ type: 'call', call: viewFor(this.sb, call, client.principal.userId) }));
    }
  }

  /** Hold and recording go where the call's updates go: its users' tabs and the admins watching every call. */
  private pushFlags(callId: string, flags: CallFlags): void {
    const call = this.sb.calls.current(callId) ?? this.lastSeen.get(callId);
    // Not a call anyone has been told about (yet): its views will carry the flags when it is.
    if (!call) return;
    const frame = JSON.stringify({ type: 'call.flags', callId, flags });
    const sent = new Set<Client>();
    for (const userId of this.sb.calls.userIds(call)) {
      for (const client of this.byUser.get(userId) ?? []) {
        this.send(client, frame);
        sent.add(client);
      }
    }
    for (const client of this.watchers) if (!sent.has(client)) this.send(client, frame);
  }

  private send(client: Client, frame: string): void {
    if (client.socket.readyState !== client.socket.OPEN) return;
    if (client.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      client.socket.close(1013, 'too slow');
      return;
    }
    client.socket.send(frame);
  }

  private hello(client: Client): void {
    const { principal } = client;
    const calls = this.sb.calls.activeFor(principal.userId, client.watchAll).map((call) => viewFor(this.sb, call, principal.userId));
    this.send(
      client,
      JSON.stringify({
        type: 'hello',
        user: {
          id: principal.userId,
          username: principal.username,
          displayName: principal.displayName,
          role: principal.role,
          language: principal.language,
          presence: principal.presence,
        },
        watchAll: client.watchAll,
        calls,
      }),
    );
    for (const { source, snapshot } of this.sb.pbx.snapshots()) this.send(client, JSON.stringify({ type: 'pbx', source, snapshot }));
  }

  private onMessage(client: Client, data: Buffer): void {
    let message: { type?: unknown; all?: unknown };
    try {
      message = JSON.parse(data.toString('utf8')) as typeof message;
    } catch {
      this.send(client, JSON.stringify({ type: 'error', message: 'messages must be JSON' }));
      return;
    }
    if (message.type === 'ping') return this.send(client, JSON.stringify({ type: 'pong' }));
    if (message.type === 'watch') {
      if (client.principal.role !== 'admin') return this.send(client, JSON.stringify({ type: 'error', message: 'only admins can watch all calls' }));
      client.watchAll = message.all === true;
      if (client.watchAll) this.watchers.add(client);
      else this.watchers.delete(client);
      return this.hello(client);
    }
    this.send(client, JSON.stringify({ type: 'error', message: `unknown message type ${JSON.stringify(message.type)}` }));
  }

  register(app: FastifyInstance): void {
    app.get('/ws', { websocket: true }, async (socket, request) => {
      // Browsers send cookies with cross-site WebSocket handshakes: only our own pages may use one.
      let principal: Principal | undefined;
      try {
        const query = request.query as { token?: string };
        principal = query.token ? await this.sb.auth.fromToken(query.token) : await resolvePrincipal(this.sb.auth, request);
        if (principal?.via === 'session' && !sameOrigin(request)) principal = undefined;
      } catch {
        principal = undefined;
      }
      if (!principal) {
        socket.send(JSON.stringify({ type: 'error', message: 'not authenticated' }));
        socket.close(4401, 'not authenticated');
        return;
      }
      const watchAll = principal.role === 'admin' && (request.query as { all?: string }).all === '1';
      // A copy: account changes pushed later update it for this connection only.
      const client: Client = { socket, principal: { ...principal }, watchAll, alive: true };
      let set = this.byUser.get(principal.userId);
      if (!set) this.byUser.set(principal.userId, (set = new Set()));
      set.add(client);
      if (watchAll) this.watchers.add(client);
      socket.on('message', (data: Buffer) => this.onMessage(client, data));
      socket.on('pong', () => (client.alive = true));
      socket.on('close', () => {
        set.delete(client);
        if (set.size === 0) this.byUser.delete(principal.userId);
        this.watchers.delete(client);
      });
      this.hello(client);
    });
    this.pinger = setInterval(() => {
      for (const set of this.byUser.values()) {
        for (const client of set) {
          if (!client.alive) {
            client.socket.terminate();
            continue;
          }
          client.alive = false;
          client.socket.ping();
        }
      }
    }, PING_INTERVAL_MS);
    this.pinger.unref();
  }

  close(): void {
    if (this.pinger) clearInterval(this.pinger);
    this.unsubscribe.forEach((off) => off());
    for (const set of this.byUser.values()) for (const client of set) client.socket.close(1001, 'server shutting down');
  }
}
