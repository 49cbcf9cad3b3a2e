import { sql, type Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import type { ContactInput, NumberType, Visibility } from '../domain/contacts/contact.js';
import type { NormalizedNumber, NumberNormalizer } from '../domain/phone/normalize.js';
import { digitsSuffix } from '../domain/phone/suffix.js';
import { foldText } from '../domain/text/fold.js';
import type { ContactNumberRow, ContactRow, Database } from './schema.js';

export interface ContactNumberView {
  type: NumberType;
  raw: string;
  e164: string | null;
  kind: NormalizedNumber['kind'];
  invalidReason: string | null;
}

export interface ContactView {
  id: number;
  ownerId: number | null;
  visibility: Visibility;
  name: string;
  company: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  numbers: ContactNumberView[];
  createdAt: number;
  updatedAt: number;
}

/** Who is asking: visibility is decided here, in the queries, not by filtering afterwards. */
export interface Viewer {
  userId: number;
  isAdmin: boolean;
}

export interface NumberMatch {
  contact: ContactView;
  numberType: NumberType;
  match: 'e164' | 'suffix';
}

export interface InvalidNumber {
  contactId: number;
  /** Null when the contact is someone else's private one: admins learn that it exists, not who. */
  contactName: string | null;
  field: NumberType;
  raw: string | null;
  reason: string;
  visibility: Visibility;
  ownerId: number | null;
}

const SEARCH_SEPARATOR = ' ';

function searchText(c: ContactInput): string {
  return foldText([c.name, c.company, c.email].filter(Boolean).join(SEARCH_SEPARATOR));
}

function ftsText(c: ContactInput, numbers: NormalizedNumber[]): string {
  const digits = numbers.map((n) => n.digits).filter(Boolean);
  return [searchText(c), ...digits].join(SEARCH_SEPARATOR);
}

/** Quotes a user's words as FTS5 phrases: nothing they type is read as query syntax. */
function ftsPhrases(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ');
}

const NUMBER_LIKE = /^[+\d\s\-./()]+$/;

export class ContactsRepo {
  private readonly insertContact: SQLite.Statement;
  private readonly insertNumber: SQLite.Statement;
  private readonly insertFts: SQLite.Statement;
  private readonly deleteFts: SQLite.Statement;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly sqlite: SQLite.Database,
  ) {
    // Writes go through prepared statements: imports of a million rows must take seconds.
    this.insertContact = sqlite.prepare(
      `INSERT INTO contacts (owner_id, visibility, name, company, email, address, notes, search_text, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertNumber = sqlite.prepare(
      `INSERT INTO contact_numbers (contact_id, type, raw, e164, digits, suffix, kind, invalid_reason, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertFts = sqlite.prepare(`INSERT INTO contacts_fts (rowid, text) VALUES (?, ?)`);
    this.deleteFts = sqlite.prepare(`DELETE FROM contacts_fts WHERE rowid = ?`);
  }

  private writeNumbers(contactId: number, input: ContactInput, normalized: NormalizedNumber[]): void {
    normalized.forEach((n, position) => {
      const type = input.numbers[position]!.type;
      this.insertNumber.run(contactId, type, n.raw, n.e164, n.digits, digitsSuffix(n.digits), n.kind, n.reason ?? null, position);
    });
  }

  /** Inserts contacts in one transaction; returns their ids in input order. */
  insertMany(
    items: { input: ContactInput; ownerId: number | null; visibility: Visibility }[],
    normalizer: NumberNormalizer,
    now = Date.now(),
  ): number[] {
    const run = this.sqlite.transaction(() => {
      const ids: number[] = [];
      for (const { input, ownerId, visibility } of items) {
        const normalized = input.numbers.map((n) => normalizer.normalize(n.number));
        const result = this.insertContact.run(
          ownerId,
          visibility,
          input.name,
          input.company ?? null,
          input.email ?? null,
          input.address ?? null,
          input.notes ?? null,
          searchText(input),
          now,
          now,
        );
        const id = Number(result.lastInsertRowid);
        this.writeNumbers(id, input, normalized);
        this.insertFts.run(id, ftsText(input, normalized));
        ids.push(id);
      }
      return ids;
    });
    return run();
  }

  create(input: ContactInput, ownerId: number | null, visibility: Visibility, normalizer: NumberNormalizer): number {
    return this.insertMany([{ input, ownerId, visibility }], normalizer)[0]!;
  }

  update(id: number, input: ContactInput, visibility: Visibility, normalizer: NumberNormalizer, now = Date.now()): void {
    const normalized = input.numbers.map((n) => normalizer.normalize(n.number));
    this.sqlite.transaction(() => {
      this.sqlite
        .prepare(
          `UPDATE contacts SET visibility = ?, name = ?, company = ?, email = ?, address = ?, notes = ?, search_text = ?, updated_at = ?
           WHERE id = ?`,
        )
        .run(visibility, input.name, input.company ?? null, input.email ?? null, input.address ?? null, input.notes ?? null, searchText(input), now, id);
      this.sqlite.prepare(`DELETE FROM contact_numbers WHERE contact_id = ?`).run(id);
      this.writeNumbers(id, input, normalized);
      this.deleteFts.run(id);
      this.insertFts.run(id, ftsText(input, normalized));
    })();
  }

  remove(id: number): boolean {
    return this.sqlite.transaction(() => {
      this.deleteFts.run(id);
      return this.sqlite.prepare(`DELETE FROM contacts WHERE id = ?`).run(id).changes > 0;
    })();
  }

  /** Only what `viewer` may see: public and central contacts, and their own. */
  async get(id: number, viewer: Viewer): Promise<ContactView | undefined> {
    const row = await this.db
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', id)
      .where((eb) => eb.or([eb('visibility', 'in', ['public', 'central']), eb('owner_id', '=', viewer.userId)]))
      .executeTakeFirst();
    if (!row) return undefined;
    return (await this.hydrate([row]))[0];
  }

  /** Regardless of visibility: for permission checks and the CLI. */
  rawById(id: number): Promise<ContactRow | undefined> {
    return this.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  private async hydrate(rows: ContactRow[]): Promise<ContactView[]> {
    if (rows.length === 0) return [];
    const numbers = await this.db
      .selectFrom('contact_numbers')
      .selectAll()
      .where(
        'contact_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('contact_id')
      .orderBy('position')
      .execute();
    const byContact = new Map<number, ContactNumberRow[]>();
    for (const n of numbers) {
      const list = byContact.get(n.contact_id) ?? [];
      list.push(n);
      byContact.set(n.contact_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      ownerId: r.owner_id,
      visibility: r.visibility as Visibility,
      name: r.name,
      company: r.company,
      email: r.email,
      address: r.address,
      notes: r.notes,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      numbers: (byContact.get(r.id) ?? []).map((n) => ({
        type: n.type as NumberType,
        raw: n.raw,
        e164: n.e164,
        kind: n.kind as NormalizedNumber['kind'],
        invalidReason: n.invalid_reason,
      })),
    }));
  }

  /**
   * Name, company, e-mail or number; prefix or substring; case and diacritics folded.
   * Name prefixes come first (an index range), then substring matches from the trigram index.
   */
  async search(
    query: string,
    viewer: Viewer,
    options: { limit?: number; visibility?: Visibility[]; normalizer?: NumberNormalizer } = {},
  ): Promise<ContactView[]> {
    const limit = Math.min(Math.max(options.limit ?? 25, 1), 200);
    const trimmed = query.trim();
    const visibleSql = sql`(c.visibility IN ('public', 'central') OR c.owner_id = ${viewer.userId})`;
    const visibilityFilter = options.visibility?.length
      ? sql`AND c.visibility IN (${sql.join(options.visibility)})`
      : sql``;

    if (trimmed === '') {
      const rows = await sql<ContactRow>`SELECT c.* FROM contacts c WHERE ${visibleSql} ${visibilityFilter}
        ORDER BY c.search_text LIMIT ${limit}`.execute(this.db);
      return this.hydrate(rows.rows);
    }

    const isNumber = NUMBER_LIKE.test(trimmed) && /\d/.test(trimmed);
    const folded = isNumber ? trimmed.replace(/\D/g, '') : foldText(trimmed);
    const words = folded.split(' ').filter(Boolean);
    // Numbers are indexed by their E.164 digits: "0047 22…" or a national "030 123…" must find them too.
    const e164Digits = isNumber ? options.normalizer?.normalize(trimmed).e164?.slice(1) : undefined;
    const found = new Map<number, ContactRow>();

    if (!isNumber) {
      const prefix = await sql<ContactRow>`SELECT c.* FROM contacts c
        WHERE c.search_text >= ${folded} AND c.search_text < ${folded + '\uffff'} AND ${visibleSql} ${visibilityFilter}
        ORDER BY c.search_text LIMIT ${limit}`.execute(this.db);
      for (const row of prefix.rows) found.set(row.id, row);
    }

    const longWords = words.filter((w) => [...w].length >= 3);
    const shortWords = words.filter((w) => [...w].length < 3);
    if (found.size < limit && longWords.length > 0) {
      const shortFilter = shortWords.length
        ? sql`AND ${sql.join(shortWords.map((w) => sql`c.search_text LIKE ${'%' + w.replace(/[%_\\]/g, '\\$&') + '%'} ESCAPE '\\'`), sql` AND `)}`
        : sql``;
      const match = e164Digits && e164Digits !== folded ? `${ftsPhrases(longWords)} OR ${ftsPhrases([e164Digits])}` : ftsPhrases(longWords);
      const rows = await sql<ContactRow>`SELECT c.* FROM contacts_fts f JOIN contacts c ON c.id = f.rowid
        WHERE contacts_fts MATCH ${match} AND ${visibleSql} ${visibilityFilter} ${shortFilter}
        LIMIT ${limit * 2}`.execute(this.db);
      for (const row of rows.rows) {
        if (found.size >= limit) break;
        if (!found.has(row.id)) found.set(row.id, row);
      }
    } else if (found.size < limit && longWords.length === 0 && !isNumber) {
      // One or two letters: too short for trigrams; match word starts inside name or company.
      const rows = await sql<ContactRow>`SELECT c.* FROM contacts c
        WHERE c.search_text LIKE ${'% ' + folded.replace(/[%_\\]/g, '\\$&') + '%'} ESCAPE '\\' AND ${visibleSql} ${visibilityFilter}
        LIMIT ${limit}`.execute(this.db);
      for (const row of rows.rows) {
        if (found.size >= limit) break;
        if (!found.has(row.id)) found.set(row.id, row);
      }
    }
    return this.hydrate([...found.values()]);
  }

  /**
   * The contact a caller id belongs to, for one user: their own private contacts first, then the
   * central phonebook, then public contacts. Exact E.164 first, then the digits suffix of numbers
   * stored in forms that could not be normalized.
   */
  async lookupByNumber(number: NormalizedNumber, userId: number | null): Promise<NumberMatch | undefined> {
    const owner = userId ?? -1;
    const priority = sql<number>`CASE WHEN c.owner_id = ${owner} AND c.visibility IN ('private', 'speeddial') THEN 0
      WHEN c.visibility = 'central' THEN 1 ELSE 2 END`;
    const visible = sql`(c.visibility IN ('public', 'central') OR c.owner_id = ${owner})`;
    let hit: { id: number; type: string } | undefined;
    let match: NumberMatch['match'] = 'e164';
    if (number.e164) {
      const r = await sql<{ id: number; type: string }>`SELECT c.id, n.type FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
        WHERE n.e164 = ${number.e164} AND ${visible} ORDER BY ${priority}, c.id LIMIT 1`.execute(this.db);
      hit = r.rows[0];
    }
    if (!hit && number.digits.length >= 6) {
      const r = await sql<{ id: number; type: string }>`SELECT c.id, n.type FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
        WHERE n.suffix = ${digitsSuffix(number.digits)} AND n.e164 IS NULL AND ${visible} ORDER BY ${priority}, c.id LIMIT 1`.execute(this.db);
      hit = r.rows[0];
      match = 'suffix';
    }
    if (!hit) return undefined;
    const row = await this.db.selectFrom('contacts').selectAll().where('id', '=', hit.id).executeTakeFirstOrThrow();
    const [contact] = await this.hydrate([row]);
    return { contact: contact!, numberType: hit.type as NumberType, match };
  }

  /**
   * Every contact the viewer may see that carries the number (the customer card), the way
   * lookupByNumber finds one: exact E.164 first, else the digits suffix of numbers stored in forms
   * that could not be normalized. Their own private contacts first, then central, then public.
   */
  async byNumber(number: NormalizedNumber, viewer: Viewer, limit = 20): Promise<ContactView[]> {
    const priority = sql<number>`CASE WHEN c.owner_id = ${viewer.userId} AND c.visibility IN ('private', 'speeddial') THEN 0
      WHEN c.visibility = 'central' THEN 1 ELSE 2 END`;
    const visible = sql`(c.visibility IN ('public', 'central') OR c.owner_id = ${viewer.userId})`;
    let hits: { id: number }[] = [];
    if (number.e164) {
      const r = await sql<{ id: number }>`SELECT c.id, ${priority} AS p FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
        WHERE n.e164 = ${number.e164} AND ${visible} GROUP BY c.id ORDER BY p, c.id LIMIT ${limit}`.execute(this.db);
      hits = r.rows;
    }
    if (hits.length === 0 && number.kind !== 'internal' && number.digits.length >= 6) {
      const r = await sql<{ id: number }>`SELECT c.id, ${priority} AS p FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id
        WHERE n.suffix = ${digitsSuffix(number.digits)} AND n.e164 IS NULL AND ${visible} GROUP BY c.id ORDER BY p, c.id LIMIT ${limit}`.execute(this.db);
      hits = r.rows;
    }
    if (hits.length === 0) return [];
    const rows = await this.db.selectFrom('contacts').selectAll().where('id', 'in', hits.map((h) => h.id)).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    return this.hydrate(hits.flatMap((h) => byId.get(h.id) ?? []));
  }

  /** Everything the viewer may see (or only some visibilities), for export. */
  async exportAll(viewer: Viewer, visibility?: Visibility[]): Promise<ContactView[]> {
    let q = this.db
      .selectFrom('contacts as c')
      .selectAll()
      .where((eb) => eb.or([eb('c.visibility', 'in', ['public', 'central']), eb('c.owner_id', '=', viewer.userId)]));
    if (visibility?.length) q = q.where('c.visibility', 'in', visibility);
    const out: ContactView[] = [];
    const rows = await q.orderBy('c.search_text').execute();
    for (let i = 0; i < rows.length; i += 500) out.push(...(await this.hydrate(rows.slice(i, i + 500))));
    return out;
  }

  speedDial(userId: number): Promise<ContactView[]> {
    return this.db
      .selectFrom('contacts')
      .selectAll()
      .where('owner_id', '=', userId)
      .where('visibility', '=', 'speeddial')
      .orderBy('search_text')
      .execute()
      .then((rows) => this.hydrate(rows));
  }

  /** Re-applies the numbering settings to every stored number; returns how many changed. */
  renormalize(normalizer: NumberNormalizer): number {
    const select = this.sqlite.prepare(`SELECT id, raw, e164, kind FROM contact_numbers`);
    const update = this.sqlite.prepare(
      `UPDATE contact_numbers SET e164 = ?, digits = ?, suffix = ?, kind = ?, invalid_reason = ? WHERE id = ?`,
    );
    let changed = 0;
    const rows = select.all() as { id: number; raw: string; e164: string | null; kind: string }[];
    this.sqlite.transaction(() => {
      for (const row of rows) {
        const n = normalizer.normalize(row.raw);
        update.run(n.e164, n.digits, digitsSuffix(n.digits), n.kind, n.reason ?? null, row.id);
        if (n.e164 !== row.e164 || n.kind !== row.kind) changed++;
      }
    })();
    return changed;
  }

  /** Every stored number that could not be normalized: which contact, which field, why. */
  invalidNumbers(limit = 10000, viewer?: Viewer): InvalidNumber[] {
    const rows = this.sqlite
      .prepare(
        `SELECT c.id AS contactId, c.name AS contactName, n.type AS field, n.raw AS raw, n.invalid_reason AS reason,
                c.visibility AS visibility, c.owner_id AS ownerId
         FROM contact_numbers n JOIN contacts c ON c.id = n.contact_id WHERE n.kind = 'invalid' ORDER BY c.id, n.position LIMIT ?`,
      )
      .all(limit) as InvalidNumber[];
    if (!viewer) return rows;
    const hidden = (r: InvalidNumber) => (r.visibility === 'private' || r.visibility === 'speeddial') && r.ownerId !== viewer.userId;
    return rows.map((r) => (hidden(r) ? { ...r, contactName: null, raw: null } : r));
  }

  count(): number {
    return (this.sqlite.prepare(`SELECT count(*) AS n FROM contacts`).get() as { n: number }).n;
  }
}
