import type { Logger } from 'pino';
import type { PbxConnectionStatus } from '../../sources/connection-status.js';
import type { AmiConnectionConfig } from '../../sources/source-service.js';
import { AmiConnection, type AmiConnectionOptions, type AmiEventListener, type CallSink } from './ami-connection.js';
import { DeviceMap } from './device-map.js';

export interface AmiSourcesDeps {
  /** Every AMI source, on or off, with its secret. */
  configs: () => Promise<AmiConnectionConfig[]>;
  calls: CallSink;
  log: Logger;
  /** Passed to every connection (tests shorten timeouts and delays here). */
  connection?: Omit<AmiConnectionOptions, 'calls' | 'log' | 'listeners' | 'devices'>;
  /**
   * Who else follows a source's raw events (the operator panel); asked once per connection, with
   * the device map the connection itself uses, so both tell phones from trunks alike.
   */
  listenersFor?: (config: AmiConnectionConfig, devices: DeviceMap) => AmiEventListener[];
  /** A source's connection stopped for good (removed or disabled). */
  stopped?: (name: string) => void;
}

/** Device rules count too: the translator and the panel are built with them, so new rules need a new connection. */
const sameSettings = (a: AmiConnectionConfig, b: AmiConnectionConfig): boolean =>
  a.host === b.host &&
  a.port === b.port &&
  a.username === b.username &&
  a.secret === b.secret &&
  a.tls === b.tls &&
  a.tlsCa === b.tlsCa &&
  a.auth === b.auth &&
  a.deviceRules.length === b.deviceRules.length &&
  a.deviceRules.every((rule, i) => rule === b.deviceRules[i]);

/**
 * The live AMI connections, kept in step with the configured sources: `sync()` after any change
 * (this process's, or the CLI's seen through the database) starts, restarts or stops connections.
 */
export class AmiSources {
  readonly #deps: AmiSourcesDeps;
  readonly #running = new Map<string, { config: AmiConnectionConfig; connection: AmiConnection }>();
  readonly #disabled = new Map<string, PbxConnectionStatus>();
  #syncing: Promise<void> = Promise.resolve();
  /** Only the server holds PBX connections; the CLI builds the same Switchboard and never starts this. */
  #started = false;
  #closed = false;

  constructor(deps: AmiSourcesDeps) {
    this.#deps = deps;
  }

  /** Connects to every enabled AMI source, and from now on follows changes. */
  start(): Promise<void> {
    this.#started = true;
    return this.sync();
  }

  /** Serialized: overlapping calls run one after the other, the last one sees the latest settings. */
  sync(): Promise<void> {
    this.#syncing = this.#syncing.then(() => this.#sync()).catch((error: unknown) => this.#deps.log.error({ err: error }, 'updating the PBX connections failed'));
    return this.#syncing;
  }

  statusOf(name: string): PbxConnectionStatus | undefined {
    return this.#running.get(name)?.connection.status() ?? this.#disabled.get(name);
  }

  connection(name: string): AmiConnection | undefined {
    return this.#running.get(name)?.connection;
  }

  connections(): AmiConnection[] {
    return [...this.#running.values()].map((r) => r.connection);
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#syncing;
    await Promise.all([...this.#running.values()].map((r) => r.connection.stop()));
    this.#running.clear();
  }

  async #sync(): Promise<void> {
    if (this.#closed || !this.#started) return;
    const configs = await this.#deps.configs();
    const wanted = new Map(configs.map((c) => [c.name, c]));
    for (const [name, running] of this.#running) {
      const config = wanted.get(name);
      if (config?.enabled && sameSettings(config, running.config)) continue;
      this.#running.delete(name);
      await running.connection.stop();
      this.#deps.stopped?.(name);
      this.#deps.log.info({ source: name }, config ? 'PBX connection settings changed; reconnecting' : 'PBX connection stopped');
    }
    this.#disabled.clear();
    for (const config of configs) {
      if (!config.enabled) {
        this.#disabled.set(config.name, { state: 'disabled', since: Date.now(), lastError: null, connectedAt: null, nextAttemptAt: null });
        continue;
      }
      if (this.#running.has(config.name)) continue;
      const devices = DeviceMap.fromConfig(config.deviceRules);
      const listeners = this.#deps.listenersFor?.(config, devices) ?? [];
      const connection = new AmiConnection(config, { ...this.#deps.connection, calls: this.#deps.calls, log: this.#deps.log, listeners, devices });
      this.#running.set(config.name, { config, connection });
      connection.start();
      this.#deps.log.info({ source: config.name, host: config.host, port: config.port }, 'connecting to the PBX');
    }
  }
}
