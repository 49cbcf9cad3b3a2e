import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { configSchema, type Config } from './schema.js';

export class ConfigError extends Error {}

/** Environment variables that are not configuration keys but are read elsewhere. */
const NON_CONFIG_ENV = new Set(['SWITCHBOARD_CONFIG', 'SWITCHBOARD_ADMIN_PASSWORD', 'SWITCHBOARD_URL', 'SWITCHBOARD_TOKEN', 'SWITCHBOARD_AMI_SECRET']);

/** Short names people expect (PORT from hosting platforms). */
const ENV_ALIASES: Record<string, string> = {
  PORT: 'server.port',
  SWITCHBOARD_PORT: 'server.port',
  SWITCHBOARD_HOST: 'server.host',
  SWITCHBOARD_LOG_LEVEL: 'log.level',
};

const toEnvName = (key: string): string =>
  'SWITCHBOARD_' + key.replace(/\./g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** Every settable key, as "section.key" (or "key" at the top level). */
function configKeys(): string[] {
  const keys: string[] = [];
  for (const [name, schema] of Object.entries(configSchema.shape)) {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject) for (const sub of Object.keys(inner.shape)) keys.push(`${name}.${sub}`);
    else keys.push(name);
  }
  return keys;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodPrefault || current instanceof z.ZodOptional) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

export interface LoadedConfig {
  config: Config;
  file?: string;
  warnings: string[];
}

/**
 * Reads the config file (explicit path, SWITCHBOARD_CONFIG, or ./switchboard.json when present),
 * lays the environment over it and validates the result. Errors name the key and where it came from.
 */
export function loadConfig(options: { file?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const warnings: string[] = [];
  const origin = new Map<string, string>();
  let raw: Record<string, unknown> = {};

  const explicit = options.file ?? env.SWITCHBOARD_CONFIG;
  const file = explicit ? path.resolve(cwd, explicit) : path.resolve(cwd, 'switchboard.json');
  const haveFile = existsSync(file);
  if (explicit && !haveFile) throw new ConfigError(`config file ${file} does not exist`);
  if (haveFile) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object');
      raw = parsed as Record<string, unknown>;
    } catch (error) {
      throw new ConfigError(`config file ${file}: ${(error as Error).message}`);
    }
  }

  const byEnvName = new Map(configKeys().map((key) => [toEnvName(key), key]));
  for (const [name, key] of Object.entries(ENV_ALIASES)) byEnvName.set(name, key);
  // Generic aliases (PORT) first, so the specific SWITCHBOARD_ name wins whatever the env order.
  const entries = Object.entries(env).sort(([a], [b]) => Number(Object.hasOwn(ENV_ALIASES, b)) - Number(Object.hasOwn(ENV_ALIASES, a)));
  for (const [name, value] of entries) {
    // An empty variable (PORT= in a compose file) means unset; as a number it would read as 0.
    if (value === undefined || value === '') continue;
    const key = byEnvName.get(name);
    if (key) {
      setPath(raw, key, value);
      origin.set(key, `environment variable ${name}`);
    } else if (name.startsWith('SWITCHBOARD_') && !NON_CONFIG_ENV.has(name)) {
      warnings.push(`ignoring unknown environment variable ${name}`);
    }
  }

  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (key ? `${key}.${k}` : k)) : [];
      if (unknownKeys.length) return `${unknownKeys.join(', ')}: unknown setting (in config file ${file})`;
      const where = origin.get(key) ?? (haveFile ? `config file ${file}` : 'defaults');
      return `${key}: ${issue.message} (from ${where})`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const config = result.data;
  config.dataDir = path.resolve(cwd, config.dataDir);
  config.server.webRoot = path.resolve(cwd, config.server.webRoot);
  for (const key of ['tlsCert', 'tlsKey'] as const) {
    const value = config.server[key];
    if (value) config.server[key] = path.resolve(cwd, value);
  }
  if (Boolean(config.server.tlsCert) !== Boolean(config.server.tlsKey)) {
    throw new ConfigError('invalid configuration:\n  server.tlsCert, server.tlsKey: set both for HTTPS, or neither');
  }
  return { config, file: haveFile ? file : undefined, warnings };
}

export const configEnvNames = (): Record<string, string> =>
  Object.fromEntries(configKeys().map((key) => [key, toEnvName(key)]));
