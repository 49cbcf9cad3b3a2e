import type { Kysely, Updateable } from 'kysely';
import type { Database, SourceRow, SourcesTable } from './schema.js';

export interface SourceRecord {
  id: number;
  name: string;
  dialect: string;
  auth: string;
  /** Kept in clear: HMAC verification needs the secret itself, not a hash of it, and so does an AMI login. */
  secret: string;
  options: Record<string, string>;
  enabled: boolean;
  createdAt: number;
}

const toRecord = (row: SourceRow): SourceRecord => ({
  id: row.id,
  name: row.name,
  dialect: row.dialect,
  auth: row.auth,
  secret: row.secret,
  options: JSON.parse(row.options) as Record<string, string>,
  enabled: row.enabled === 1,
  createdAt: row.created_at,
});

export class SourcesRepo {
  constructor(private readonly db: Kysely<Database>) {}

  async create(s: { name: string; dialect: string; auth: string; secret: string; options: Record<string, string> }, now = Date.now()) {
    const row = await this.db
      .insertInto('sources')
      .values({ name: s.name, dialect: s.dialect, auth: s.auth, secret: s.secret, options: JSON.stringify(s.options), enabled: 1, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRecord(row);
  }

  async byName(name: string): Promise<SourceRecord | undefined> {
    const row = await this.db.selectFrom('sources').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toRecord(row);
  }

  async list(): Promise<SourceRecord[]> {
    const rows = await this.db.selectFrom('sources').selectAll().orderBy('name').execute();
    return rows.map(toRecord);
  }

  async remove(name: string): Promise<boolean> {
    const r = await this.db.deleteFrom('sources').where('name', '=', name).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async setSecret(name: string, secret: string): Promise<boolean> {
    const r = await this.db.updateTable('sources').set({ secret }).where('name', '=', name).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** Changes what is given in one statement, so a half-applied change is never seen; false when there is no such source. */
  async update(name: string, patch: { auth?: string; secret?: string; options?: Record<string, string>; enabled?: boolean }): Promise<boolean> {
    const values: Updateable<SourcesTable> = {};
    if (patch.auth !== undefined) values.auth = patch.auth;
    if (patch.secret !== undefined) values.secret = patch.secret;
    if (patch.options !== undefined) values.options = JSON.stringify(patch.options);
    if (patch.enabled !== undefined) values.enabled = patch.enabled ? 1 : 0;
    if (Object.keys(values).length === 0) return (await this.byName(name)) !== undefined;
    const r = await this.db.updateTable('sources').set(values).where('name', '=', name).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async setEnabled(name: string, enabled: boolean): Promise<boolean> {
    const r = await this.db.updateTable('sources').set({ enabled: enabled ? 1 : 0 }).where('name', '=', name).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
