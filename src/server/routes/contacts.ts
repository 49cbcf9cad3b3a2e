import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { contactInputSchema } from '../../contacts/contact-schema.js';
import { VISIBILITIES, type Visibility } from '../../domain/contacts/contact.js';
import type { Viewer } from '../../store/contacts.js';
import { isAdmin } from '../auth/principal.js';
import { principalOf } from '../auth/guard.js';
import { HttpError, notFound, validate } from '../errors.js';

const visibilityList = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const list = v.split(',').map((s) => s.trim());
    for (const item of list) {
      if (!(VISIBILITIES as readonly string[]).includes(item)) {
        ctx.addIssue({ code: 'custom', message: `"${item}" is not one of ${VISIBILITIES.join(', ')}` });
        return z.NEVER;
      }
    }
    return list as Visibility[];
  });

const searchSchema = z.object({
  q: z.string().max(200).default(''),
  visibility: visibilityList,
  limit: z.coerce.number().int().min(1).max(200).default(25),
});
const importSchema = z.object({
  visibility: z.enum(VISIBILITIES as [Visibility, ...Visibility[]]).optional(),
  filename: z.string().max(255).default('contacts.csv'),
});
const exportSchema = z.object({ format: z.enum(['csv', 'vcard']).default('csv'), visibility: visibilityList });
const identifySchema = z.object({ number: z.string().trim().min(1).max(64) });

const viewerOf = (request: FastifyRequest): Viewer => {
  const p = principalOf(request);
  return { userId: p.userId, isAdmin: isAdmin(p) };
};

const idOf = (request: FastifyRequest): number => {
  const id = Number((request.params as { id: string }).id);
  if (!Number.isInteger(id) || id <= 0) throw new HttpError(400, 'id: expected a positive integer', 'invalid');
  return id;
};

export async function contactRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  // Imports arrive as the file itself (text/csv, text/vcard or octet-stream), not as JSON.
  app.addContentTypeParser(['text/csv', 'text/vcard', 'text/x-vcard', 'text/directory', 'application/octet-stream'], { parseAs: 'buffer' }, (_r, body, done) =>
    done(null, body),
  );

  app.get('/contacts', { preHandler: app.requireUser }, async (request) => {
    const query = validate(searchSchema, request.query);
    return { contacts: await sb.repos.contacts.search(query.q, viewerOf(request), { limit: query.limit, visibility: query.visibility, normalizer: sb.numbering.normalizer() }) };
  });

  app.get('/contacts/speeddial', { preHandler: app.requireUser }, async (request) => ({
    contacts: await sb.repos.contacts.speedDial(principalOf(request).userId),
  }));

  app.get('/contacts/export', { preHandler: app.requireUser }, async (request, reply) => {
    const query = validate(exportSchema, request.query);
    const body = await sb.contacts.export(viewerOf(request), query.format, query.visibility);
    const vcard = query.format === 'vcard';
    reply
      .header('content-type', vcard ? 'text/vcard; charset=utf-8' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="contacts.${vcard ? 'vcf' : 'csv'}"`);
    return body;
  });

  app.post('/contacts/import', { preHandler: app.requireUser }, async (request, reply) => {
    const query = validate(importSchema, request.query);
    if (!Buffer.isBuffer(request.body) || request.body.length === 0) {
      throw new HttpError(400, 'send the file as the request body (Content-Type text/csv or text/vcard)', 'invalid');
    }
    const viewer = viewerOf(request);
    const visibility = query.visibility ?? (viewer.isAdmin ? 'central' : 'private');
    const report = await sb.contacts.import(viewer, query.filename, request.body, visibility);
    reply.status(report.imported > 0 ? 201 : 200);
    return report;
  });

  app.get('/contacts/:id', { preHandler: app.requireUser }, async (request) => {
    const id = idOf(request);
    const contact = await sb.repos.contacts.get(id, viewerOf(request));
    if (!contact) throw notFound(`contact ${id}`);
    return { contact };
  });

  app.post('/contacts', { preHandler: app.requireUser }, async (request, reply) => {
    const { visibility, ...input } = validate(contactInputSchema, request.body);
    const contact = await sb.contacts.create(viewerOf(request), { ...input, email: input.email || undefined }, visibility);
    reply.status(201);
    return { contact };
  });

  app.put('/contacts/:id', { preHandler: app.requireUser }, async (request) => {
    const { visibility, ...input } = validate(contactInputSchema, request.body);
    return { contact: await sb.contacts.update(viewerOf(request), idOf(request), { ...input, email: input.email || undefined }, visibility) };
  });

  app.delete('/contacts/:id', { preHandler: app.requireUser }, async (request) => {
    await sb.contacts.remove(viewerOf(request), idOf(request));
    return { ok: true };
  });

  app.get('/identify', { preHandler: app.requireUser }, async (request) => {
    const { number } = validate(identifySchema, request.query);
    const normalized = sb.numbering.normalizer().normalize(number);
    const result = await sb.directory.identify(normalized, principalOf(request).userId);
    return { number: normalized, identity: result.identity, failures: result.failures };
  });
}
