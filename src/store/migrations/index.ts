import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.js';
import * as userCallLogOrder from './002-user-call-log-order.js';

/** Migrations are compiled into the program (no folder scanning): the build is the whole truth. */
const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-user-call-log-order': userCallLogOrder,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
