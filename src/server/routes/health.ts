import type { FastifyInstance } from 'fastify';
import type { Switchboard } from '../../app/switchboard.js';

const startedAt = Date.now();

/** Public, for load balancers and monitoring: says whether the database answers, nothing more. */
export async function healthRoutes(app: FastifyInstance, { sb, version }: { sb: Switchboard; version: string }): Promise<void> {
  app.get('/health', async (_request, reply) => {
    let database = 'ok';
    try {
      sb.store.sqlite.prepare('SELECT 1').get();
    } catch {
      database = 'unavailable';
    }
    const ok = database === 'ok';
    reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', database, version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) };
  });
}
