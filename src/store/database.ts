import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export interface Store {
  db: Kysely<Database>;
  /** The raw connection, for the few hot paths and SQLite-only features (full-text index). */
  sqlite: SQLite.Database;
  file: string;
  close(): Promise<void>;
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'switchboard.db');
}

/** Opens (creating if needed) the embedded database and brings its schema up to date. */
export async function openStore(dataDir: string, options: { file?: string } = {}): Promise<Store> {
  const file = options.file ?? databaseFile(dataDir);
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  // WAL lets the CLI and the server use the database at the same time; NORMAL sync is durable
  // across process crashes (only a power loss can drop the last transactions).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    await db.destroy();
    throw new Error(`database migration ${failed ?? ''} failed: ${(error as Error).message ?? String(error)}`);
  }
  return {
    db,
    sqlite,
    file,
    close: () => db.destroy(),
  };
}
