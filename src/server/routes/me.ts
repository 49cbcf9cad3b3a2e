import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { defaultsSchema, preferencesPatchSchema } from '../../users/preferences.js';
import { PRESENCES } from '../../users/user-service.js';
import { principalOf } from '../auth/guard.js';
import { notFound, validate } from '../errors.js';

const presenceSchema = z.strictObject({ presence: z.enum(PRESENCES) });

/** The signed-in user's own choices: preferences and presence; and the admin's defaults for them. */
export async function meRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  app.get('/me/preferences', { preHandler: app.requireUser }, async (request) => sb.preferences.get(principalOf(request).userId));

  app.put('/me/preferences', { preHandler: app.requireUser }, async (request) => {
    const changes = validate(preferencesPatchSchema, request.body);
    return sb.preferences.update(principalOf(request).userId, changes);
  });

  app.put('/me/presence', { preHandler: app.requireUser }, async (request) => {
    const { presence } = validate(presenceSchema, request.body);
    if (!(await sb.users.setPresence(principalOf(request).userId, presence))) throw notFound('user');
    return { presence };
  });

  app.get('/settings/preferences-defaults', { preHandler: app.requireUser }, async () => ({ defaults: await sb.preferences.defaults() }));

  app.put('/settings/preferences-defaults', { preHandler: app.requireAdmin }, async (request) => ({
    defaults: await sb.preferences.setDefaults(validate(defaultsSchema, request.body)),
  }));
}
