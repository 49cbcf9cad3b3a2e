import { createLogger } from '../app/logger.js';
import { createSwitchboard, type Switchboard } from '../app/switchboard.js';
import { loadConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';

/** A user-facing failure: printed without a stack trace, exit code 1. */
export class CliError extends Error {}

export interface GlobalOptions {
  config?: string;
}

export function cliConfig(options: GlobalOptions): Config {
  const { config, warnings } = loadConfig({ file: options.config });
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  return config;
}

/**
 * Opens the same database the server uses (SQLite in WAL mode lets both work at once), runs
 * `work`, and closes it again.
 */
export async function withSwitchboard<T>(options: GlobalOptions, work: (sb: Switchboard) => Promise<T>): Promise<T> {
  const config = cliConfig(options);
  const sb = await createSwitchboard(config, createLogger(config.log.level === 'info' ? 'warn' : config.log.level, 2));
  try {
    return await work(sb);
  } finally {
    await sb.close();
  }
}

export const out = (line = ''): void => void process.stdout.write(`${line}\n`);

/** For options that may be given several times (`--extension 201 --extension 202`). */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Plain aligned columns: readable in a terminal and easy to grep. */
export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}
