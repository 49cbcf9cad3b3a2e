import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import type { NumberingSettings } from '../../domain/phone/numbering.js';
import { principalOf } from '../auth/guard.js';
import { HttpError, validate } from '../errors.js';

const settingsSchema = z.strictObject({
  defaultRegion: z.string().length(2).toUpperCase(),
  outsideLinePrefix: z.string().max(4),
  extensionPattern: z.string().min(1).max(200),
});

/** Numbering settings and the re-normalization report, for admins. */
export async function numberRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  app.get('/settings/numbering', { preHandler: app.requireUser }, async () => ({ numbering: sb.numbering.settings() }));

  app.put('/settings/numbering', { preHandler: app.requireAdmin }, async (request) => {
    const body = validate(settingsSchema, request.body);
    try {
      return await sb.numbering.update(body as NumberingSettings, { userId: principalOf(request).userId, isAdmin: true });
    } catch (error) {
      throw new HttpError(400, (error as Error).message, 'invalid');
    }
  });

  app.post('/numbers/check', { preHandler: app.requireAdmin }, async (request) => sb.numbering.check({ userId: principalOf(request).userId, isAdmin: true }));
}
