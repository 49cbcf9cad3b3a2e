import { sql, type Kysely } from 'kysely';

/**
 * A user's call log pages through call_parties by (user_id, started_at, call_id); started_at now
 * holds the call's start rather than the leg's, so the order matches the calls table.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`UPDATE call_parties SET started_at = (SELECT c.started_at FROM calls c WHERE c.id = call_parties.call_id)`.execute(db);
  await db.schema.dropIndex('call_parties_user').execute();
  await db.schema.createIndex('call_parties_user_log').on('call_parties').columns(['user_id', 'started_at', 'call_id']).execute();
}
