import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * The connection as Kysely sees it, with prepared statements reused by their SQL text. Kysely
 * prepares every query it runs, and for the small queries on the call path SQLite's parsing and
 * planning cost more than the query itself. Kysely runs statements to completion (all/run); a
 * statement still being iterated by a stream is never handed out twice (it gets a fresh copy).
 * Queries with varying text (IN lists of different lengths) only cycle through the bounded cache.
 */
export function withStatementCache(sqlite: SQLite.Database, capacity = 256): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql);
      if (cached && !cached.busy) {
        // Least recently used first in the map's order, so the first key is the one to evict.
        statements.delete(sql);
        statements.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      if (!cached) {
        statements.set(sql, statement);
        if (statements.size > capacity) statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
  };
}
