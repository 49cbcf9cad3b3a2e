import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { withStatementCache } from '../../src/store/statement-cache.js';

function open() {
  const sqlite = new SQLite(':memory:');
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)');
  let prepared = 0;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((text: string) => {
    prepared++;
    return prepare(text);
  }) as typeof sqlite.prepare;
  return { sqlite, prepared: () => prepared };
}

describe('withStatementCache', () => {
  test('prepares each SQL text once and keeps answering correctly', async () => {
    const { sqlite, prepared } = open();
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    for (let i = 1; i <= 20; i++) await db.insertInto('t').values({ id: i, name: `n${i}` }).execute();
    for (let i = 1; i <= 20; i++) {
      const row = await db.selectFrom('t').select('name').where('id', '=', i).executeTakeFirst();
      assert.equal(row?.name, `n${i}`);
    }
    assert.equal(prepared(), 2);
    await db.destroy();
  });

  test('a statement still being iterated is not handed out again', () => {
    const { sqlite } = open();
    sqlite.exec("INSERT INTO t (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    const cache = withStatementCache(sqlite);
    const text = 'SELECT name FROM t ORDER BY id';
    const streaming = cache.prepare(text);
    const iterator = streaming.iterate([]);
    iterator.next();
    const again = cache.prepare(text);
    assert.notEqual(again, streaming);
    assert.deepEqual(again.all([]), [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
    assert.deepEqual([...iterator], [{ name: 'b' }, { name: 'c' }]);
    // Done iterating: the cached statement is reused again.
    assert.equal(cache.prepare(text), streaming);
  });

  test('evicts the least recently used statement beyond its capacity', async () => {
    const { sqlite, prepared } = open();
    const db = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, 2) }) });
    const q = (n: number) => sql`SELECT ${sql.raw(String(n))} AS v`.execute(db);
    await q(1);
    await q(2);
    await q(1); // 1 is now the most recent
    await q(3); // evicts 2
    assert.equal(prepared(), 3);
    await q(1);
    assert.equal(prepared(), 3);
    await q(2);
    assert.equal(prepared(), 4);
    await db.destroy();
  });
});
