import { isIP } from 'node:net';
import type { Config } from '../config/schema.js';
import type { SourceRecord, SourcesRepo } from '../store/sources.js';
import { DeviceMap } from '../telephony/ami/device-map.js';
import { parseTrustedPem } from '../telephony/ami/trusted-certificate.js';
import {
  DIALECT_NAMES,
  findDialect,
  generateSecret,
  isAuthMode,
  isDialectName,
  WebhookError,
  type DialectName,
  type WebhookSource,
} from '../telephony/webhook/index.js';
import { UserInputError } from '../users/user-service.js';
import type { PbxConnectionStatus } from './connection-status.js';

export const SOURCE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** The dialect of sources Switchboard connects to (Asterisk Manager Interface), rather than waiting for webhooks. */
export const AMI_DIALECT = 'ami';
/** md5 first: it is the default, since with it the secret never crosses the network. */
export const AMI_AUTH_MODES = ['md5', 'plain'] as const;
export type AmiAuth = (typeof AMI_AUTH_MODES)[number];
export const AMI_PORT = 5038;
export const AMI_TLS_PORT = 5039;

/** What anyone may see of an AMI source's settings: everything but the secret. */
export interface AmiSettings {
  host: string;
  port: number;
  username: string;
  tls: boolean;
  /** With TLS: the PBX's own certificate or its CA, in PEM, trusted instead of the system's CAs (trusted-certificate.ts); null for those. */
  tlsCa: string | null;
  auth: AmiAuth;
  /** `phone:`/`trunk:`/`other:` rules tried before the built-in ones when telling which channel is whose (see DeviceMap). */
  deviceRules: string[];
}

/** What the connection needs to log in. In-process only: it carries the secret. */
export interface AmiConnectionConfig extends AmiSettings {
  name: string;
  secret: string;
  enabled: boolean;
}

export interface AmiSettingsInput {
  host: string;
  /** Default 5038, or 5039 with TLS. */
  port?: number;
  username: string;
  secret: string;
  tls?: boolean;
  /** PEM text; null or '' for the system's CAs. */
  tlsCa?: string | null;
  /** Default md5. */
  auth?: string;
  /** Default none (the built-in rules only); in a patch, the whole new list. */
  deviceRules?: string[];
}

export interface WebhookSourceInput {
  name: string;
  dialect: string;
  auth?: string;
  options?: Record<string, string>;
}

export interface AmiSourceInput {
  name: string;
  dialect: typeof AMI_DIALECT;
  ami: AmiSettingsInput;
}

export type SourceInput = WebhookSourceInput | AmiSourceInput;

/** Only what is given changes. */
export interface SourcePatch {
  enabled?: boolean;
  /** AMI sources only. */
  ami?: Partial<AmiSettingsInput>;
}

interface SourceInfoBase {
  name: string;
  auth: string;
  options: Record<string, string>;
  enabled: boolean;
  createdAt: number;
}

export interface WebhookSourceInfo extends SourceInfoBase {
  dialect: DialectName;
  /** Where the phone system sends its events. */
  url: string;
  /** The same URL with the token in the query, for systems that can only be given a URL. */
  urlWithToken?: string;
  secret?: string;
  ami?: never;
  connection?: never;
}

/**
 * No URL and never the secret: an admin typed it from the PBX's manager.conf, and showing it again
 * would only spread a credential of another system.
 */
export interface AmiSourceInfo extends SourceInfoBase {
  dialect: typeof AMI_DIALECT;
  auth: AmiAuth;
  ami: AmiSettings;
  /** null when this process does not hold the connection (the CLI) or it has not been started yet. */
  connection: PbxConnectionStatus | null;
  url?: never;
  urlWithToken?: never;
  secret?: never;
}

export type SourceInfo = WebhookSourceInfo | AmiSourceInfo;

export interface SourceServiceOptions {
  /** The live state of an AMI source's connection, from whoever holds it. */
  connectionStatus?: (name: string) => PbxConnectionStatus | undefined;
  /**
   * After a source was added, changed, switched on or off, or removed (and the change is stored),
   * so connections can be started, restarted or stopped. Must not throw: the change already stands.
   */
  onChange?: (name: string) => void;
}

/** The base URL people and phone systems reach us at. */
export function baseUrl(config: Config): string {
  if (config.server.publicUrl) return config.server.publicUrl.replace(/\/+$/, '');
  const scheme = config.server.tlsCert ? 'https' : 'http';
  const host = config.server.host === '0.0.0.0' || config.server.host === '::' ? '127.0.0.1' : config.server.host;
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${config.server.port}`;
}

/** `host:port`, with an IPv6 address in brackets. */
export function hostPort(settings: Pick<AmiSettings, 'host' | 'port'>): string {
  return `${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`;
}

export const defaultAmiPort = (tls: boolean): number => (tls ? AMI_TLS_PORT : AMI_PORT);

// Control characters (CR and LF above all) would end an AMI header line early and let the rest
// be read as more headers of the Login action.
const CONTROL = /[\u0000-\u001f\u007f]/;
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

const shown = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);

function parseHost(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UserInputError('host', 'required: the Asterisk server\'s host name or IP address');
  const trimmed = value.trim();
  // "[::1]" is how an IPv6 address is written next to a port; the brackets are not part of it.
  const bare = /^\[.*\]$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
  if (isIP(bare) === 6) return bare.toLowerCase();
  if (isIP(bare) === 4) return bare;
  const name = bare.toLowerCase().replace(/\.$/, '');
  const labels = name.split('.');
  // An all-digit last label would be an IPv4 address gone wrong ("10.0.0.256"), not a name.
  if (name.length <= 253 && labels.every((label) => HOST_LABEL.test(label)) && !/^\d+$/.test(labels.at(-1)!)) return name;
  throw new UserInputError('host', `${shown(trimmed)} is not a host name or IP address`);
}

function parsePort(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    throw new UserInputError('port', 'use a whole number from 1 to 65535 (Asterisk listens on 5038, or 5039 with TLS)');
  }
  return value;
}

function parseUsername(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new UserInputError('username', 'required: the user name of the [section] in Asterisk\'s manager.conf');
  const username = value.trim();
  if (username.length > 100 || CONTROL.test(username)) throw new UserInputError('username', 'use at most 100 characters on one line');
  return username;
}

function parseSecret(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new UserInputError('secret', 'required: the secret of the user in Asterisk\'s manager.conf');
  // The secret itself is never part of a message.
  if (CONTROL.test(value)) throw new UserInputError('secret', 'must be one line: no line breaks or other control characters');
  if (value.length > 200) throw new UserInputError('secret', 'use at most 200 characters');
  return value;
}

function parseTls(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new UserInputError('tls', 'true or false');
  return value;
}

function parseTlsCa(value: unknown): string | null {
  if (value === null || value === '') return null;
  if (typeof value !== 'string') throw new UserInputError('tlsCa', 'the certificate as PEM text, or null for the system\'s CAs');
  const pem = value.trim();
  try {
    parseTrustedPem(pem);
  } catch (error) {
    throw new UserInputError('tlsCa', (error as Error).message);
  }
  return pem;
}

/** A stored certificate that no longer reads (edited by hand) is dropped rather than stopping the connection from starting. */
function storedTlsCa(pem: string | undefined): string | null {
  try {
    return pem ? parseTlsCa(pem) : null;
  } catch {
    return null;
  }
}

function parseAmiAuth(value: unknown): AmiAuth {
  if (typeof value !== 'string' || !(AMI_AUTH_MODES as readonly string[]).includes(value)) {
    throw new UserInputError('auth', 'AMI sources log in with md5 (a challenge, so the secret never crosses the network) or plain');
  }
  return value as AmiAuth;
}

export const MAX_DEVICE_RULES = 50;
export const MAX_DEVICE_RULE_LENGTH = 300;

function parseDeviceRules(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((rule) => typeof rule === 'string')) {
    throw new UserInputError('deviceRules', 'a list of rules, each phone:<regex with (?<ext>…)>, trunk:<regex> or other:<regex>');
  }
  if (value.length > MAX_DEVICE_RULES) throw new UserInputError('deviceRules', `use at most ${MAX_DEVICE_RULES} rules`);
  const rules = value.map((rule) => rule.trim());
  for (const rule of rules) {
    // Stored one per line: a line break inside a rule would split it into two.
    if (CONTROL.test(rule)) throw new UserInputError('deviceRules', `device rule ${shown(rule)}: must be one line, without line breaks or other control characters`);
    if (rule.length > MAX_DEVICE_RULE_LENGTH) throw new UserInputError('deviceRules', `device rule ${shown(rule)}: use at most ${MAX_DEVICE_RULE_LENGTH} characters`);
  }
  try {
    DeviceMap.fromConfig(rules);
  } catch (error) {
    throw new UserInputError('deviceRules', (error as Error).message);
  }
  return rules;
}

/** Only the rules that still parse: one bad rule put in by hand must not keep the connection from starting. */
function storedDeviceRules(joined: string | undefined): string[] {
  return (joined ?? '')
    .split('\n')
    .map((rule) => rule.trim())
    .filter((rule) => {
      if (rule === '') return false;
      try {
        DeviceMap.fromConfig([rule]);
        return true;
      } catch {
        return false;
      }
    });
}

/** Reads what the table holds; settings written before a fix (or by hand) still read as something sensible. */
function amiSettingsOf(record: SourceRecord): AmiSettings {
  const tls = record.options.tls === 'on';
  const port = Number(record.options.port);
  return {
    host: record.options.host ?? '',
    port: Number.isInteger(port) && port >= 1 && port <= 65535 ? port : defaultAmiPort(tls),
    username: record.options.username ?? '',
    tls,
    tlsCa: storedTlsCa(record.options.tlsCa),
    auth: record.auth === 'plain' ? 'plain' : 'md5',
    deviceRules: storedDeviceRules(record.options.deviceRules),
  };
}

const amiOptions = (s: AmiSettings): Record<string, string> => ({
  host: s.host,
  port: String(s.port),
  username: s.username,
  tls: s.tls ? 'on' : 'off',
  ...(s.tlsCa !== null && { tlsCa: s.tlsCa }),
  ...(s.deviceRules.length > 0 && { deviceRules: s.deviceRules.join('\n') }),
});

const isAmiInput = (input: SourceInput): input is AmiSourceInput => input.dialect === AMI_DIALECT;

/**
 * Sources of call events: webhook sources (registered here, each with its own URL and secret) and
 * AMI sources (an Asterisk that Switchboard logs in to; the connection itself lives elsewhere).
 */
export class SourceService {
  constructor(
    private readonly repo: SourcesRepo,
    private readonly config: Config,
    private readonly options: SourceServiceOptions = {},
  ) {}

  info(source: SourceRecord, withSecret: boolean): SourceInfo {
    const { name, options, enabled, createdAt } = source;
    if (source.dialect === AMI_DIALECT) {
      const ami = amiSettingsOf(source);
      const connection = this.options.connectionStatus?.(name) ?? null;
      return { name, dialect: AMI_DIALECT, auth: ami.auth, options, enabled, createdAt, ami, connection };
    }
    const url = `${baseUrl(this.config)}/api/v1/hooks/${encodeURIComponent(name)}`;
    const info: WebhookSourceInfo = { name, dialect: source.dialect as DialectName, auth: source.auth, options, enabled, createdAt, url };
    if (withSecret) {
      info.secret = source.secret;
      if (source.auth === 'token') info.urlWithToken = `${url}?token=${encodeURIComponent(source.secret)}`;
    }
    return info;
  }

  add(input: AmiSourceInput): Promise<AmiSourceInfo>;
  add(input: WebhookSourceInput): Promise<WebhookSourceInfo>;
  add(input: SourceInput): Promise<SourceInfo>;
  async add(input: SourceInput): Promise<SourceInfo> {
    const name = input.name.trim().toLowerCase();
    if (!SOURCE_NAME_PATTERN.test(name)) throw new UserInputError('name', 'use 1–63 lower-case letters, digits, "_" or "-"');
    const record = isAmiInput(input) ? await this.addAmi(name, input.ami ?? {}) : await this.addWebhook(name, input);
    this.options.onChange?.(name);
    return this.info(record, true);
  }

  private async addWebhook(name: string, input: WebhookSourceInput): Promise<SourceRecord> {
    const dialect = findDialect(input.dialect);
    if (!dialect) throw new UserInputError('dialect', `unknown dialect "${input.dialect}"; one of ${[...DIALECT_NAMES, AMI_DIALECT].join(', ')}`);
    const auth = input.auth ?? dialect.defaultAuth;
    if (!isAuthMode(auth) || !dialect.authModes.includes(auth)) {
      throw new UserInputError('auth', `${dialect.name} sources authenticate by ${dialect.authModes.join(' or ')}`);
    }
    let options: Record<string, string>;
    try {
      options = dialect.parseOptions(input.options ?? {});
    } catch (error) {
      throw new UserInputError('options', error instanceof WebhookError ? error.message : String(error));
    }
    await this.assertFree(name);
    return this.repo.create({ name, dialect: dialect.name, auth, secret: generateSecret(), options });
  }

  private async addAmi(name: string, input: Partial<AmiSettingsInput>): Promise<SourceRecord> {
    const host = parseHost(input.host);
    const tls = input.tls === undefined ? false : parseTls(input.tls);
    const port = input.port === undefined ? defaultAmiPort(tls) : parsePort(input.port);
    const username = parseUsername(input.username);
    const secret = parseSecret(input.secret);
    const tlsCa = input.tlsCa === undefined ? null : parseTlsCa(input.tlsCa);
    const auth = input.auth === undefined ? 'md5' : parseAmiAuth(input.auth);
    const deviceRules = input.deviceRules === undefined ? [] : parseDeviceRules(input.deviceRules);
    await this.assertFree(name);
    return this.repo.create({ name, dialect: AMI_DIALECT, auth, secret, options: amiOptions({ host, port, username, tls, tlsCa, auth, deviceRules }) });
  }

  private async assertFree(name: string): Promise<void> {
    if (await this.repo.byName(name)) throw new UserInputError('name', `a source named "${name}" exists`, 409);
  }

  async list(): Promise<SourceInfo[]> {
    return (await this.repo.list()).map((s) => this.info(s, false));
  }

  async get(name: string, withSecret: boolean): Promise<SourceInfo | undefined> {
    const s = await this.repo.byName(name);
    return s && this.info(s, withSecret);
  }

  /** Switches a source on or off, or (AMI) changes its connection settings; undefined when there is no such source. */
  async update(name: string, patch: SourcePatch): Promise<SourceInfo | undefined> {
    const record = await this.repo.byName(name);
    if (!record) return undefined;
    const change: { auth?: string; secret?: string; options?: Record<string, string>; enabled?: boolean } = {};
    if (patch.enabled !== undefined) {
      if (typeof patch.enabled !== 'boolean') throw new UserInputError('enabled', 'true or false');
      change.enabled = patch.enabled;
    }
    if (patch.ami !== undefined) {
      if (record.dialect !== AMI_DIALECT) throw new UserInputError('ami', `"${name}" is a ${record.dialect} webhook source; only AMI sources have connection settings`);
      const current = amiSettingsOf(record);
      const p = patch.ami;
      const tls = p.tls === undefined ? current.tls : parseTls(p.tls);
      // A port left at the default follows TLS being switched; one chosen by hand stays.
      const port = p.port !== undefined ? parsePort(p.port) : current.port === defaultAmiPort(current.tls) ? defaultAmiPort(tls) : current.port;
      const next: AmiSettings = {
        host: p.host === undefined ? current.host : parseHost(p.host),
        port,
        username: p.username === undefined ? current.username : parseUsername(p.username),
        tls,
        tlsCa: p.tlsCa === undefined ? current.tlsCa : parseTlsCa(p.tlsCa),
        auth: p.auth === undefined ? current.auth : parseAmiAuth(p.auth),
        deviceRules: p.deviceRules === undefined ? current.deviceRules : parseDeviceRules(p.deviceRules),
      };
      change.auth = next.auth;
      change.options = amiOptions(next);
      if (p.secret !== undefined) change.secret = parseSecret(p.secret);
    }
    if (Object.keys(change).length === 0) return this.info(record, false);
    if (!(await this.repo.update(name, change))) return undefined;
    this.options.onChange?.(name);
    return this.get(name, false);
  }

  setEnabled(name: string, enabled: boolean): Promise<SourceInfo | undefined> {
    return this.update(name, { enabled });
  }

  async rotateSecret(name: string): Promise<SourceInfo | undefined> {
    const record = await this.repo.byName(name);
    if (!record) return undefined;
    if (record.dialect === AMI_DIALECT) {
      throw new UserInputError('secret', `"${name}" is an AMI source: its secret is the one in Asterisk's manager.conf, so set that one (sources set --secret, or PATCH ami.secret) instead of rotating`, 409);
    }
    if (!(await this.repo.setSecret(name, generateSecret()))) return undefined;
    return this.get(name, true);
  }

  async remove(name: string): Promise<boolean> {
    const removed = await this.repo.remove(name);
    if (removed) this.options.onChange?.(name);
    return removed;
  }

  /** For the webhook endpoint: the source as the dialects see it, if it exists, is on and takes webhooks. */
  async forWebhook(name: string): Promise<WebhookSource | undefined> {
    const s = await this.repo.byName(name);
    if (!s || !s.enabled || !isDialectName(s.dialect)) return undefined;
    return { name: s.name, dialect: s.dialect, secret: s.secret, auth: s.auth as WebhookSource['auth'], options: s.options };
  }

  /** For whoever opens AMI connections: the settings and secret of one source (on or off); undefined when it is gone or takes webhooks. */
  async amiConnection(name: string): Promise<AmiConnectionConfig | undefined> {
    const s = await this.repo.byName(name);
    return s && s.dialect === AMI_DIALECT ? this.amiConfig(s) : undefined;
  }

  /** Every AMI source, on or off, with its secret: what to connect to at start-up. */
  async amiConnections(): Promise<AmiConnectionConfig[]> {
    return (await this.repo.list()).filter((s) => s.dialect === AMI_DIALECT).map((s) => this.amiConfig(s));
  }

  private amiConfig(s: SourceRecord): AmiConnectionConfig {
    return { name: s.name, ...amiSettingsOf(s), secret: s.secret, enabled: s.enabled };
  }
}
