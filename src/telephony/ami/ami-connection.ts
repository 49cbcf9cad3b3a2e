import type { Logger } from 'pino';
import type { Call } from '../../domain/calls/call.js';
import type { CallEvent } from '../../domain/calls/call-event.js';
import type { PbxConnectionStatus } from '../../sources/connection-status.js';
import type { AmiConnectionConfig } from '../../sources/source-service.js';
import { AmiCallTranslator, type ChannelView } from './call-translator.js';
import { AmiClient, type AmiClientOptions, type AmiStatusChange } from './client.js';
import { DeviceMap } from './device-map.js';
import { acceptsEvent, EVENT_CLASSES } from './event-filter.js';
import type { AmiMessage } from './frame-parser.js';
import { tlsOptionsFor } from './trusted-certificate.js';

/** Where the CallEvents of a PBX go (the CallService), and what it still holds open for us. */
export interface CallSink {
  ingest(events: CallEvent[], options: { unknownExtensions: 'keep' }): Promise<unknown>;
  openCalls(source: string): Call[];
}

/** Anyone who wants the raw events too (the operator panel's PBX state). */
export interface AmiEventListener {
  /** Logged in (again): the PBX can be acted on. Its state is being reloaded meanwhile. */
  connected?(): void;
  /** A full reload after (re)connecting, with the channels just listed: start over from these. */
  reloaded?(client: AmiClient, channels: readonly AmiMessage[]): Promise<void>;
  event?(message: AmiMessage): void;
  disconnected?(): void;
}

export interface AmiConnectionOptions {
  calls: CallSink;
  log: Logger;
  clock?: () => number;
  /** Who each channel is; default: the source's own device rules in front of the built-in ones. */
  devices?: DeviceMap;
  /** Ringing calls of a PBX we lost are closed after this long, so no popup stays frozen. Default 30 s. */
  disconnectGraceMs?: number;
  /** Test hooks: timeouts, reconnect delays. */
  client?: Partial<AmiClientOptions>;
  listeners?: AmiEventListener[];
}

/**
 * One AMI source, connected: events in order through the translator into the call service. On
 * every (re)connect it reloads the PBX's channels before applying live events (which wait in a
 * buffer meanwhile) and reconciles: calls we still hold that the PBX no longer has are closed,
 * calls that started while we were away are picked up mid-way.
 */
export class AmiConnection {
  readonly name: string;
  readonly client: AmiClient;
  readonly #translator: AmiCallTranslator;
  readonly #options: AmiConnectionOptions;
  readonly #clock: () => number;
  #status: PbxConnectionStatus;
  /** Live events that arrived during a reload; undefined when not reloading. */
  #buffer: AmiMessage[] | undefined;
  #generation = 0;
  #graceTimer: NodeJS.Timeout | undefined;
  #synced: Promise<void> = Promise.resolve();
  #delivered: Promise<unknown> = Promise.resolve();

  constructor(config: AmiConnectionConfig, options: AmiConnectionOptions) {
    this.name = config.name;
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
    this.#translator = new AmiCallTranslator({ source: config.name, devices: options.devices ?? DeviceMap.fromConfig(config.deviceRules), clock: this.#clock });
    const log = options.log.child({ source: config.name });
    this.client = new AmiClient({
      host: config.host,
      port: config.port,
      tls: config.tls && tlsOptionsFor(config.tlsCa),
      username: config.username,
      secret: config.secret,
      auth: config.auth,
      events: EVENT_CLASSES,
      acceptEvent: acceptsEvent,
      logger: log,
      ...options.client,
    });
    this.#status = { state: 'connecting', since: this.#clock(), lastError: null, connectedAt: null, nextAttemptAt: null };
    this.client.on('status', (change) => this.#onStatus(change));
    this.client.on('connected', () => {
      this.#synced = this.#reload();
      for (const listener of this.#options.listeners ?? []) listener.connected?.();
    });
    this.client.on('disconnected', () => this.#onDisconnected());
    this.client.on('event', (message) => this.#onEvent(message));
  }

  start(): void {
    this.client.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#graceTimer);
    this.#generation += 1;
    await this.client.close();
    this.#status = { ...this.#status, state: 'stopped', since: this.#clock(), nextAttemptAt: null };
    await this.#delivered;
  }

  /** The channels of one of this PBX's calls (call id without the source prefix). */
  channelsOf(callId: string): ChannelView[] {
    return this.#translator.channelsOf(callId);
  }

  status(): PbxConnectionStatus {
    return { ...this.#status };
  }

  /** Resolves once the reload after the latest (re)connect is applied and its events are in the call log. */
  async synced(): Promise<void> {
    await this.#synced;
    await this.#delivered;
  }

  #onStatus(change: AmiStatusChange): void {
    const now = this.#clock();
    const lastError = change.lastError?.message ?? this.#status.lastError;
    switch (change.status) {
      case 'connected':
        this.#status = { state: 'connected', since: now, lastError, connectedAt: now, nextAttemptAt: null };
        return;
      case 'connecting':
        if (this.#status.state !== 'reconnecting') this.#status = { ...this.#status, state: 'connecting', since: now };
        return;
      case 'reconnecting':
        this.#status = { ...this.#status, state: 'reconnecting', since: now, lastError, nextAttemptAt: now + (change.delayMs ?? 0) };
        return;
      case 'disconnected':
      case 'closed':
        this.#status = { ...this.#status, state: 'stopped', since: now, lastError, nextAttemptAt: null };
    }
  }

  #onEvent(message: AmiMessage): void {
    if (this.#buffer !== undefined) {
      this.#buffer.push(message);
      return;
    }
    this.#apply(message);
  }

  #apply(message: AmiMessage): void {
    for (const listener of this.#options.listeners ?? []) listener.event?.(message);
    const events = this.#translator.handle(message);
    if (events.length > 0) this.#deliver([...events]);
  }

  #deliver(events: CallEvent[]): void {
    // The call service applies events synchronously in call order; only the writes are awaited.
    const delivery = this.#options.calls
      .ingest(events, { unknownExtensions: 'keep' })
      .catch((error: unknown) => this.#options.log.error({ err: error, source: this.name }, 'applying PBX call events failed'));
    this.#delivered = Promise.all([this.#delivered, delivery]);
  }

  async #reload(): Promise<void> {
    clearTimeout(this.#graceTimer);
    const generation = ++this.#generation;
    this.#buffer = [];
    try {
      const channels = await this.client.actionList('CoreShowChannels');
      if (generation !== this.#generation) return;
      const now = this.#clock();
      const events = [...this.#translator.restore(channels.events, now)];
      const onPbx = new Set(this.#translator.openCallIds());
      for (const call of this.#options.calls.openCalls(this.name)) {
        // Ended while we were away: close it now, as the PBX no longer has it.
        if (!onPbx.has(call.callId)) events.push({ source: this.name, callId: call.callId, kind: 'ended', direction: call.direction, at: now });
      }
      if (events.length > 0) this.#deliver(events);
      for (const listener of this.#options.listeners ?? []) await listener.reloaded?.(this.client, channels.events);
      this.#options.log.info({ source: this.name, channels: channels.events.length, calls: onPbx.size }, 'PBX state reloaded');
    } catch (error) {
      this.#options.log.warn({ err: error, source: this.name }, 'reloading the PBX state failed; going on with live events');
      this.#status = { ...this.#status, lastError: `reload failed: ${(error as Error).message}` };
    } finally {
      if (generation === this.#generation) {
        const buffered = this.#buffer ?? [];
        this.#buffer = undefined;
        for (const message of buffered) this.#apply(message);
      }
    }
  }

  #onDisconnected(): void {
    this.#generation += 1;
    this.#buffer = undefined;
    for (const listener of this.#options.listeners ?? []) listener.disconnected?.();
    clearTimeout(this.#graceTimer);
    this.#graceTimer = setTimeout(() => this.#closeRingingCalls(), this.#options.disconnectGraceMs ?? 30_000);
    this.#graceTimer.unref();
  }

  /** Still cut off: a ringing call has surely stopped ringing; answered ones wait for the reconnect to tell. */
  #closeRingingCalls(): void {
    if (this.client.connected) return;
    const now = this.#clock();
    const events: CallEvent[] = this.#options.calls
      .openCalls(this.name)
      .filter((call) => call.answeredAt === undefined)
      .map((call) => ({ source: this.name, callId: call.callId, kind: 'ended', direction: call.direction, at: now }));
    if (events.length > 0) {
      this.#options.log.warn({ source: this.name, calls: events.length }, 'PBX unreachable: closing the calls that were ringing');
      this.#deliver(events);
    }
  }
}
