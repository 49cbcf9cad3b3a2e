import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { DIALECTS } from '../../telephony/webhook/index.js';
import { notFound, validate } from '../errors.js';

const createSchema = z.strictObject({
  name: z.string().min(1).max(63),
  dialect: z.string().min(1),
  auth: z.enum(['token', 'hmac']).optional(),
  options: z.record(z.string(), z.string().max(200)).optional(),
});

/** Webhook sources, for admins: the URL and secret to paste into the phone system. */
export async function sourceRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  app.get('/sources', { preHandler: app.requireAdmin }, async () => ({ sources: await sb.sources.list() }));

  app.get('/sources/dialects', { preHandler: app.requireAdmin }, async () => ({
    dialects: DIALECTS.map((d) => ({
      name: d.name,
      description: d.description,
      authModes: d.authModes,
      methods: d.methods,
      options: d.optionsHelp,
    })),
  }));

  app.post('/sources', { preHandler: app.requireAdmin }, async (request, reply) => {
    const source = await sb.sources.add(validate(createSchema, request.body));
    reply.status(201);
    return { source };
  });

  app.get('/sources/:name', { preHandler: app.requireAdmin }, async (request) => {
    const { name } = request.params as { name: string };
    const source = await sb.sources.get(name, true);
    if (!source) throw notFound(`source "${name}"`);
    return { source };
  });

  app.post('/sources/:name/rotate-secret', { preHandler: app.requireAdmin }, async (request) => {
    const { name } = request.params as { name: string };
    const source = await sb.sources.rotateSecret(name);
    if (!source) throw notFound(`source "${name}"`);
    return { source };
  });

  app.delete('/sources/:name', { preHandler: app.requireAdmin }, async (request) => {
    const { name } = request.params as { name: string };
    if (!(await sb.sources.remove(name))) throw notFound(`source "${name}"`);
    return { ok: true };
  });
}
