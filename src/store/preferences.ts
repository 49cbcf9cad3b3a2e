import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** One JSON document per user: what they chose on the settings page, nothing else. */
export class PreferencesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async get(userId: number): Promise<Record<string, unknown>> {
    const row = await this.db.selectFrom('user_preferences').select('json').where('user_id', '=', userId).executeTakeFirst();
    if (!row) return {};
    try {
      const parsed: unknown = JSON.parse(row.json);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }

  async set(userId: number, values: Record<string, unknown>, now = Date.now()): Promise<void> {
    const json = JSON.stringify(values);
    await this.db
      .insertInto('user_preferences')
      .values({ user_id: userId, json, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ json, updated_at: now }))
      .execute();
  }
}
