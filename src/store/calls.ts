import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { Call } from '../domain/calls/call.js';
import { ringDurationMs, talkDurationMs } from '../domain/calls/call.js';
import type { Identity } from '../domain/calls/identity.js';
import type { CallNoteRow, CallPartyRow, CallRow, Database } from './schema.js';

export interface PartyInfo {
  extension: string;
  userId: number;
}


export interface CallFilter {
  /** One call only. */
  id?: string;
  /** Only calls this user took part in; undefined = all (admins). */
  userId?: number;
  direction?: 'inbound' | 'outbound';
  outcome?: string[];
  from?: number;
  to?: number;
  /** Digits (part of the remote number), matched anywhere in it. */
  number?: string;
  /** A whole number: matched exactly on its E.164 form, through an index (wins over `number`). */
  e164?: string;
  /** An extension or a number that could not be normalized: matched exactly on its digits (wins over `number`). */
  digits?: string;
  limit?: number;
  /** Keyset paging: calls that started before this one. */
  before?: { startedAt: number; id: string };
}

export interface CallLogEntry extends CallRow {
  /** The viewer's own part in the call, when they had one. */
  my_state: string | null;
  my_answered: number | null;
  my_identified_name: string | null;
  my_identified_company: string | null;
  my_identified_source: string | null;
  my_identified_ref: string | null;
}

const identityColumns = (identity: Identity) => ({
  identified_name: identity.name,
  identified_company: identity.company ?? null,
  identified_source: identity.source,
  identified_ref: identity.ref ?? null,
});

/** What save() writes besides the id: everything but the identity, which arrives later. */
const CALL_COLUMNS = [
  'remote_e164', 'remote_digits', 'source', 'call_id', 'direction', 'phase', 'outcome', 'cause', 'cause_text', 'remote_raw',
  'remote_name', 'local_number', 'queue', 'answered_by', 'answered_by_user_id', 'started_at', 'answered_at', 'ended_at',
  'ring_ms', 'talk_ms', 'closed_by', 'state_json', 'updated_at',
] as const;
type CallValues = Record<(typeof CALL_COLUMNS)[number], string | number | null>;

const IDENTITY_SET = 'identified_name = @identified_name, identified_company = @identified_company, identified_source = @identified_source, identified_ref = @identified_ref';

export class CallsRepo {
  // Every call event writes through these: prepared once, run in one transaction, with no query
  // building on the way (it cost more than the writes themselves).
  private readonly upsertCall: SQLite.Statement;
  private readonly upsertParty: SQLite.Statement;
  private readonly writeCall: (values: CallValues & { id: string }, parties: Record<string, string | number | null>[]) => void;
  private readonly updateCallIdentity: SQLite.Statement;
  private readonly updatePartyIdentity: SQLite.Statement;

  constructor(
    private readonly db: Kysely<Database>,
    sqlite: SQLite.Database,
  ) {
    this.upsertCall = sqlite.prepare(
      `INSERT INTO calls (id, ${CALL_COLUMNS.join(', ')}) VALUES (@id, ${CALL_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${CALL_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}`,
    );
    this.upsertParty = sqlite.prepare(
      `INSERT INTO call_parties (call_id, extension, user_id, state, cause, answered, started_at)
       VALUES (@call_id, @extension, @user_id, @state, @cause, @answered, @started_at)
       ON CONFLICT (call_id, extension) DO UPDATE SET state = excluded.state, cause = excluded.cause, answered = excluded.answered, user_id = excluded.user_id,
         started_at = excluded.started_at`,
    );
    this.writeCall = sqlite.transaction((values: CallValues & { id: string }, parties: Record<string, string | number | null>[]) => {
      this.upsertCall.run(values);
      for (const party of parties) this.upsertParty.run(party);
    });
    this.updateCallIdentity = sqlite.prepare(`UPDATE calls SET ${IDENTITY_SET} WHERE id = @id`);
    // "+user_id": without statistics SQLite would pick the (user_id, started_at, call_id) index and walk
    // the user's whole call history; the primary key finds the call's few rows directly.
    this.updatePartyIdentity = sqlite.prepare(`UPDATE call_parties SET ${IDENTITY_SET} WHERE call_id = @call_id AND +user_id = @user_id`);
  }

  /** Writes the call as it now stands, and one row per local party. */
  async save(
    call: Call,
    parties: PartyInfo[],
    answeredByUserId: number | null,
    remote: { e164: string | null; digits: string } | null,
    now = Date.now(),
  ): Promise<void> {
    const ended = call.phase === 'ended';
    const values: CallValues = {
      remote_e164: remote?.e164 ?? null,
      remote_digits: remote?.digits ?? null,
      source: call.source,
      call_id: call.callId,
      direction: call.direction,
      phase: call.phase,
      outcome: call.outcome ?? null,
      cause: call.cause ?? null,
      cause_text: call.causeText ?? null,
      remote_raw: call.remoteNumber ?? null,
      remote_name: call.remoteName ?? null,
      local_number: call.localNumber ?? null,
      queue: call.queue ?? null,
      answered_by: call.answeredBy ?? null,
      answered_by_user_id: answeredByUserId,
      started_at: call.startedAt,
      answered_at: call.answeredAt ?? null,
      ended_at: call.endedAt ?? null,
      ring_ms: ended ? (ringDurationMs(call) ?? null) : null,
      talk_ms: ended ? (talkDurationMs(call) ?? null) : null,
      closed_by: call.closedByTimeout ? 'timeout' : null,
      state_json: ended ? null : JSON.stringify(call),
      updated_at: now,
    };
    const partyRows = parties.map((party) => {
      const leg = call.legs.find((l) => l.extension === party.extension);
      return {
        call_id: call.id,
        extension: party.extension,
        user_id: party.userId,
        state: leg?.state ?? 'ringing',
        cause: leg?.cause ?? null,
        answered: call.answeredBy === party.extension || leg?.answeredAt !== undefined ? 1 : 0,
        // The call's start, not the leg's: a user's call log is read in this order from this table.
        started_at: call.startedAt,
      };
    });
    this.writeCall({ id: call.id, ...values }, partyRows);
  }

  /** What everyone who may see the call sees (never a private contact). */
  async setIdentity(callId: string, identity: Identity): Promise<void> {
    this.updateCallIdentity.run({ id: callId, ...identityColumns(identity) });
  }

  /** What one user was shown. */
  async setPartyIdentity(callId: string, userId: number, identity: Identity): Promise<void> {
    this.updatePartyIdentity.run({ call_id: callId, user_id: userId, ...identityColumns(identity) });
  }

  byId(id: string): Promise<CallRow | undefined> {
    return this.db.selectFrom('calls').selectAll().where('id', '=', id).executeTakeFirst();
  }

  parties(callId: string): Promise<CallPartyRow[]> {
    return this.db.selectFrom('call_parties').selectAll().where('call_id', '=', callId).orderBy('started_at').execute();
  }

  async isParty(callId: string, userId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('call_parties')
      .select('call_id')
      .where('call_id', '=', callId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Calls the tracker had open when the process stopped, to resume them. */
  async openCalls(): Promise<Call[]> {
    const rows = await this.db.selectFrom('calls').select('state_json').where('phase', '!=', 'ended').execute();
    return rows.flatMap((r) => (r.state_json ? [JSON.parse(r.state_json) as Call] : []));
  }

  /**
   * The call log. With `userId`, only the calls that user took part in, with their own view of
   * each; without, every call (the PBX report for admins).
   */
  async list(filter: CallFilter, viewerId: number): Promise<CallLogEntry[]> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    const ids = filter.userId === undefined ? await this.pageOfAll(filter, limit) : await this.pageOfUser(filter, filter.userId, limit);
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('calls as c')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('call_parties')
            .select((e) => [
              'call_id',
              e.fn.max('state').as('my_state'),
              e.fn.max('answered').as('my_answered'),
              e.fn.max('identified_name').as('my_identified_name'),
              e.fn.max('identified_company').as('my_identified_company'),
              e.fn.max('identified_source').as('my_identified_source'),
              e.fn.max('identified_ref').as('my_identified_ref'),
            ])
            .where('user_id', '=', viewerId)
            .where('call_id', 'in', ids)
            .groupBy('call_id')
            .as('p'),
        (join) => join.onRef('p.call_id', '=', 'c.id'),
      )
      .selectAll('c')
      .select(['p.my_state', 'p.my_answered', 'p.my_identified_name', 'p.my_identified_company', 'p.my_identified_source', 'p.my_identified_ref'])
      .where('c.id', 'in', ids)
      .orderBy('c.started_at', 'desc')
      .orderBy('c.id', 'desc')
      .execute();
    return rows as CallLogEntry[];
  }

  /** The filters that apply to the calls table, as SQL over the alias `c`. */
  private callConditions(filter: CallFilter) {
    const conditions = [sql`1 = 1`];
    if (filter.id !== undefined) conditions.push(sql`c.id = ${filter.id}`);
    if (filter.direction) conditions.push(sql`c.direction = ${filter.direction}`);
    if (filter.outcome?.length) conditions.push(sql`c.outcome IN (${sql.join(filter.outcome)})`);
    if (filter.e164) conditions.push(sql`c.remote_e164 = ${filter.e164}`);
    else if (filter.digits !== undefined) conditions.push(sql`c.remote_e164 IS NULL AND c.remote_digits = ${filter.digits}`);
    else if (filter.number) {
      // Without digits, "%%" would match every call that has a number.
      const digits = filter.number.replace(/\D/g, '');
      const raw = sql`c.remote_raw LIKE ${`%${filter.number}%`}`;
      conditions.push(digits ? sql`(c.remote_digits LIKE ${`%${digits}%`} OR ${raw})` : raw);
    }
    return sql.join(conditions, sql` AND `);
  }

  /** Newest first, keyset-paged on (started_at, id), from the calls table's own index. */
  private async pageOfAll(filter: CallFilter, limit: number): Promise<string[]> {
    const range = [sql`1 = 1`];
    if (filter.from !== undefined) range.push(sql`c.started_at >= ${filter.from}`);
    if (filter.to !== undefined) range.push(sql`c.started_at < ${filter.to}`);
    if (filter.before) range.push(sql`(c.started_at < ${filter.before.startedAt} OR (c.started_at = ${filter.before.startedAt} AND c.id < ${filter.before.id}))`);
    const result = await sql<{ id: string }>`SELECT c.id FROM calls c
      WHERE ${this.callConditions(filter)} AND ${sql.join(range, sql` AND `)}
      ORDER BY c.started_at DESC, c.id DESC LIMIT ${limit}`.execute(this.db);
    return result.rows.map((r) => r.id);
  }

  /**
   * One user's calls, driven by their own rows in call_parties (which carry the call's start
   * time) so a page costs the same whatever the size of the whole log. A user with two devices
   * on one call has two rows there: duplicates are skipped and the scan goes on.
   */
  private async pageOfUser(filter: CallFilter, userId: number, limit: number): Promise<string[]> {
    const ids: string[] = [];
    const seen = new Set<string>();
    let before = filter.before;
    for (;;) {
      const range = [sql`p.user_id = ${userId}`];
      if (filter.from !== undefined) range.push(sql`p.started_at >= ${filter.from}`);
      if (filter.to !== undefined) range.push(sql`p.started_at < ${filter.to}`);
      if (before) range.push(sql`(p.started_at < ${before.startedAt} OR (p.started_at = ${before.startedAt} AND p.call_id < ${before.id}))`);
      const batch = limit - ids.length + 8;
      const result = await sql<{ id: string; startedAt: number }>`SELECT p.call_id AS id, p.started_at AS startedAt
        FROM call_parties p JOIN calls c ON c.id = p.call_id
        WHERE ${sql.join(range, sql` AND `)} AND ${this.callConditions(filter)}
        ORDER BY p.started_at DESC, p.call_id DESC LIMIT ${batch}`.execute(this.db);
      for (const row of result.rows) {
        if (seen.has(row.id)) continue;
        seen.add(row.id);
        ids.push(row.id);
        if (ids.length === limit) return ids;
      }
      if (result.rows.length < batch) return ids;
      const last = result.rows[result.rows.length - 1]!;
      before = { startedAt: last.startedAt, id: last.id };
    }
  }

  async addNote(callId: string, userId: number, text: string, now = Date.now()) {
    const row: CallNoteRow = await this.db
      .insertInto('call_notes')
      .values({ call_id: callId, user_id: userId, text, created_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { id: row.id, callId: row.call_id, userId: row.user_id, text: row.text, createdAt: row.created_at };
  }

  notes(callId: string) {
    return this.db
      .selectFrom('call_notes as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.call_id as callId', 'n.user_id as userId', 'n.text', 'n.created_at as createdAt', 'u.display_name as author'])
      .where('n.call_id', '=', callId)
      .orderBy('n.created_at')
      .execute();
  }

  /** The notes on several calls (a customer card), newest first. */
  notesFor(callIds: string[]) {
    if (callIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('call_notes as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['n.id', 'n.call_id as callId', 'n.user_id as userId', 'n.text', 'n.created_at as createdAt', 'u.display_name as author'])
      .where('n.call_id', 'in', callIds)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .execute();
  }

  /**
   * The daily clean-up: calls opened but never completed before `staleBefore` are closed and
   * marked, and calls that started before `purgeBefore` are deleted.
   */
  async cleanup(staleBefore: number, purgeBefore: number, now = Date.now()): Promise<{ closed: number; purged: number }> {
    const closed = await this.db
      .updateTable('calls')
      .set({
        phase: 'ended',
        outcome: sql`CASE WHEN answered_at IS NOT NULL THEN 'answered' WHEN direction = 'inbound' THEN 'missed' ELSE 'notanswered' END`,
        cause: sql`COALESCE(cause, 'unknown')`,
        ended_at: sql`COALESCE(ended_at, updated_at)`,
        // Columns on the right-hand side still hold their old values in the same UPDATE.
        ring_ms: sql`COALESCE(answered_at, ended_at, updated_at) - started_at`,
        talk_ms: sql`CASE WHEN answered_at IS NOT NULL THEN COALESCE(ended_at, updated_at) - answered_at END`,
        closed_by: 'cleanup',
        state_json: null,
        updated_at: now,
      })
      .where('phase', '!=', 'ended')
      .where('updated_at', '<', staleBefore)
      .executeTakeFirst();
    await this.db
      .updateTable('call_parties')
      .set({ state: 'ended' })
      .where('state', '!=', 'ended')
      .where('call_id', 'in', (eb) => eb.selectFrom('calls').select('id').where('closed_by', '=', 'cleanup'))
      .execute();
    const purged = await this.db.deleteFrom('calls').where('started_at', '<', purgeBefore).executeTakeFirst();
    return { closed: Number(closed.numUpdatedRows), purged: Number(purged.numDeletedRows) };
  }
}
