import type { Config } from '../config/schema.js';
import type { SourceRecord, SourcesRepo } from '../store/sources.js';
import { findDialect, generateSecret, isAuthMode, WebhookError, type WebhookSource } from '../telephony/webhook/index.js';
import { UserInputError } from '../users/user-service.js';

export const SOURCE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export interface SourceInfo {
  name: string;
  dialect: string;
  auth: string;
  options: Record<string, string>;
  enabled: boolean;
  createdAt: number;
  /** Where the phone system sends its events. */
  url: string;
  /** The same URL with the token in the query, for systems that can only be given a URL. */
  urlWithToken?: string;
  secret?: string;
}

/** The base URL people and phone systems reach us at. */
export function baseUrl(config: Config): string {
  if (config.server.publicUrl) return config.server.publicUrl.replace(/\/+$/, '');
  const scheme = config.server.tlsCert ? 'https' : 'http';
  const host = config.server.host === '0.0.0.0' || config.server.host === '::' ? '127.0.0.1' : config.server.host;
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${config.server.port}`;
}

/** Webhook sources: registered here, each with its own URL and secret. */
export class SourceService {
  constructor(
    private readonly repo: SourcesRepo,
    private readonly config: Config,
  ) {}

  info(source: SourceRecord, withSecret: boolean): SourceInfo {
    const url = `${baseUrl(this.config)}/api/v1/hooks/${encodeURIComponent(source.name)}`;
    const info: SourceInfo = {
      name: source.name,
      dialect: source.dialect,
      auth: source.auth,
      options: source.options,
      enabled: source.enabled,
      createdAt: source.createdAt,
      url,
    };
    if (withSecret) {
      info.secret = source.secret;
      if (source.auth === 'token') info.urlWithToken = `${url}?token=${encodeURIComponent(source.secret)}`;
    }
    return info;
  }

  async add(input: { name: string; dialect: string; auth?: string; options?: Record<string, string> }): Promise<SourceInfo> {
    const name = input.name.trim().toLowerCase();
    if (!SOURCE_NAME_PATTERN.test(name)) throw new UserInputError('name', 'use 1–63 lower-case letters, digits, "_" or "-"');
    const dialect = findDialect(input.dialect);
    if (!dialect) throw new UserInputError('dialect', `unknown dialect "${input.dialect}"; one of native, crmplus, zammad, placetel`);
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
    if (await this.repo.byName(name)) throw new UserInputError('name', `a source named "${name}" exists`, 409);
    const record = await this.repo.create({ name, dialect: dialect.name, auth, secret: generateSecret(), options });
    return this.info(record, true);
  }

  async list(): Promise<SourceInfo[]> {
    return (await this.repo.list()).map((s) => this.info(s, false));
  }

  async get(name: string, withSecret: boolean): Promise<SourceInfo | undefined> {
    const s = await this.repo.byName(name);
    return s && this.info(s, withSecret);
  }

  async rotateSecret(name: string): Promise<SourceInfo | undefined> {
    if (!(await this.repo.setSecret(name, generateSecret()))) return undefined;
    return this.get(name, true);
  }

  remove(name: string): Promise<boolean> {
    return this.repo.remove(name);
  }

  /** For the webhook endpoint: the source as the dialects see it, if it exists and is on. */
  async forWebhook(name: string): Promise<WebhookSource | undefined> {
    const s = await this.repo.byName(name);
    if (!s || !s.enabled) return undefined;
    return { name: s.name, dialect: s.dialect as WebhookSource['dialect'], secret: s.secret, auth: s.auth as WebhookSource['auth'], options: s.options };
  }
}
