import type { Kysely } from 'kysely';
import type { Identity } from '../../domain/calls/identity.js';
import type { NormalizedNumber } from '../../domain/phone/normalize.js';
import type { Database } from '../../store/schema.js';
import type { DirectorySource } from '../source.js';

/** An internal caller is a colleague: their extension (or registered mobile) names them. */
export class ColleaguesSource implements DirectorySource {
  readonly name = 'users';
  readonly external = false;
  readonly perUser = false;

  constructor(private readonly db: Kysely<Database>) {}

  async lookup(number: NormalizedNumber): Promise<Identity | null> {
    let q = this.db
      .selectFrom('devices as d')
      .innerJoin('users as u', 'u.id', 'd.user_id')
      .select(['u.id', 'u.display_name', 'd.kind']);
    if (number.kind === 'internal') q = q.where('d.extension', '=', number.raw.replace(/[^\d*#+]/g, ''));
    else if (number.e164) q = q.where('d.e164', '=', number.e164);
    else return null;
    const row = await q.executeTakeFirst();
    return row ? { name: row.display_name, source: 'users', ref: `user:${row.id}`, numberType: row.kind } : null;
  }
}
