import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.js';

/** Migrations are compiled into the program (no folder scanning): the build is the whole truth. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
