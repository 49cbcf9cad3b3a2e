import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';
import { BackgroundCheckpointer } from './checkpointer.js';

export interface Store {
  db: Kysely<Database>;
  /** Set when checkpoints run in the background (the server). */
  checkpointer?: BackgroundCheckpointer;
  /** The raw connection, for the few hot paths and SQLite-only features (full-text index). */
  sqlite: SQLite.Database;
  file: string;
  close(): Promise<void>;
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'switchboard.db');
}

/** Opens (creating if needed) the embedded database and brings its schema up to date. */
export interface StoreOptions {
  file?: string;
  /** Long-running processes (the server) checkpoint the WAL on a worker thread. */
  backgroundCheckpoints?: { onError: (message: string) => void };
}

export async function openStore(dataDir: string, options: StoreOptions = {}): Promise<Store> {
  const file = options.file ?? databaseFile(dataDir);
  // The database holds password hashes and webhook secrets: a new data folder is the owner's alone.
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
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
  const checkpointer =
    options.backgroundCheckpoints && file !== ':memory:'
      ? BackgroundCheckpointer.start(sqlite, file, options.backgroundCheckpoints.onError)
      : undefined;
  return {
    db,
    sqlite,
    file,
    checkpointer,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}
