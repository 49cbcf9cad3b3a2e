import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { exportCalls } from '../../calls/call-export.js';
import { logEntry } from '../../calls/call-log-entry.js';
import type { CallFilter } from '../../store/calls.js';
import { principalOf } from '../auth/guard.js';
import { isAdmin } from '../auth/principal.js';
import { forbidden, HttpError, notFound, validate } from '../errors.js';
import { viewFor } from '../ws/views.js';

const OUTCOMES = ['answered', 'missed', 'notanswered', 'busy', 'failed'] as const;

const time = z.union([z.coerce.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s)), z.iso.date().transform((s) => Date.parse(s))]);

const listSchema = z.object({
  direction: z.enum(['inbound', 'outbound']).optional(),
  outcome: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const list = v.split(',');
      const bad = list.find((o) => !(OUTCOMES as readonly string[]).includes(o));
      if (bad) {
        ctx.addIssue({ code: 'custom', message: `"${bad}" is not one of ${OUTCOMES.join(', ')}` });
        return z.NEVER;
      }
      return list;
    }),
  from: time.optional(),
  to: time.optional(),
  number: z.string().trim().max(64).optional(),
  /** Admins: whose calls; "all" for everyone's. Users always get their own. */
  user: z.union([z.literal('all'), z.coerce.number().int().positive()]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** The `next` value of the previous page. */
  before: z
    .string()
    .regex(/^\d+:.+$/, 'expected the "next" value of the previous page')
    .optional(),
});
const noteSchema = z.strictObject({ text: z.string().trim().min(1, 'is required').max(5000) });

/** The filters GET /calls and its export share; users get their own calls, admins whose they ask for. */
function callFilter(sb: Switchboard, request: FastifyRequest, q: z.infer<typeof listSchema>): Omit<CallFilter, 'limit' | 'before'> {
  const p = principalOf(request);
  let userId: number | undefined = p.userId;
  if (q.user !== undefined) {
    if (!isAdmin(p) && q.user !== p.userId) throw forbidden('only admins see other users\' calls');
    userId = q.user === 'all' ? undefined : q.user;
  }
  // A whole number finds every form it was logged in, through the index; a fragment is searched for.
  const whole = q.number ? sb.numbering.normalizer().normalize(q.number) : undefined;
  const e164 = whole?.kind === 'external' ? (whole.e164 ?? undefined) : undefined;
  return { userId, direction: q.direction, outcome: q.outcome, from: q.from, to: q.to, number: q.number, e164 };
}

export async function callRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  const list = async (request: FastifyRequest, extra: { outcome?: string[]; direction?: 'inbound' } = {}) => {
    const q = validate(listSchema, request.query);
    const p = principalOf(request);
    const filter = callFilter(sb, request, q);
    const before = q.before ? { startedAt: Number(q.before.slice(0, q.before.indexOf(':'))), id: q.before.slice(q.before.indexOf(':') + 1) } : undefined;
    const rows = await sb.repos.calls.list(
      { ...filter, direction: extra.direction ?? filter.direction, outcome: extra.outcome ?? filter.outcome, limit: q.limit, before },
      p.userId,
    );
    const last = rows.length === q.limit ? rows[rows.length - 1] : undefined;
    return { calls: rows.map(logEntry), next: last ? `${last.started_at}:${last.id}` : null };
  };

  app.get('/calls/export', { preHandler: app.requireUser }, async (request, reply) => {
    const filter = callFilter(sb, request, validate(listSchema, request.query));
    const viewerId = principalOf(request).userId;
    const csv = exportCalls(
      (page) => sb.repos.calls.list(page, viewerId),
      filter,
      (userId) => sb.registry.userName(userId),
      (error) => request.log.error({ err: error }, 'the call export stopped half-way'),
    );
    const date = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="calls-${date}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });
  app.get('/calls', { preHandler: app.requireUser }, (request) => list(request));
  app.get('/calls/missed', { preHandler: app.requireUser }, (request) => list(request, { outcome: ['missed'], direction: 'inbound' }));

  app.get('/calls/active', { preHandler: app.requireUser }, async (request) => {
    const p = principalOf(request);
    const all = (request.query as { all?: string }).all === '1' && isAdmin(p);
    return { calls: sb.calls.activeFor(p.userId, all).map((call) => viewFor(sb, call, p.userId)) };
  });

  const visibleCall = async (request: FastifyRequest) => {
    const id = (request.params as { id: string }).id;
    if (id.length > 300) throw new HttpError(400, 'id: too long', 'invalid');
    const p = principalOf(request);
    const call = await sb.repos.calls.byId(id);
    if (!call || (!isAdmin(p) && !(await sb.repos.calls.isParty(id, p.userId)))) throw notFound(`call ${id}`);
    return call;
  };

  app.get('/calls/:id', { preHandler: app.requireUser }, async (request) => {
    const call = await visibleCall(request);
    const p = principalOf(request);
    const [row] = await sb.repos.calls.list({ id: call.id, limit: 1 }, p.userId);
    const parties = await sb.repos.calls.parties(call.id);
    return {
      call: row ? logEntry(row) : null,
      parties: parties.map((party) => ({
        extension: party.extension,
        userId: party.user_id,
        userName: sb.registry.userName(party.user_id) ?? null,
        state: party.state,
        cause: party.cause,
        answered: party.answered === 1,
      })),
      notes: await sb.repos.calls.notes(call.id),
    };
  });

  app.get('/calls/:id/notes', { preHandler: app.requireUser }, async (request) => {
    const call = await visibleCall(request);
    return { notes: await sb.repos.calls.notes(call.id) };
  });

  app.post('/calls/:id/notes', { preHandler: app.requireUser }, async (request, reply) => {
    const call = await visibleCall(request);
    const { text } = validate(noteSchema, request.body);
    const note = await sb.repos.calls.addNote(call.id, principalOf(request).userId, text);
    reply.status(201);
    return { note };
  });
}
