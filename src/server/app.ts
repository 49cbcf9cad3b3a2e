import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Switchboard } from '../app/switchboard.js';
import { registerGuards } from './auth/guard.js';
import { errorHandler } from './errors.js';
import { authRoutes } from './routes/auth.js';
import { callControlRoutes } from './routes/call-control.js';
import { callRoutes } from './routes/calls.js';
import { contactRoutes } from './routes/contacts.js';
import { healthRoutes } from './routes/health.js';
import { hookRoutes } from './routes/hooks.js';
import { meRoutes } from './routes/me.js';
import { numberRoutes } from './routes/numbers.js';
import { phoneRoutes } from './routes/phone.js';
import { sourceRoutes } from './routes/sources.js';
import { userRoutes } from './routes/users.js';
import { addSecurityHeaders, webApp } from './web-app.js';
import { Gateway } from './ws/gateway.js';

export const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Query strings can carry webhook tokens: they never reach the log. */
const redactUrl = (url: string): string => url.replace(/([?&](?:token|access_token)=)[^&]*/gi, '$1[redacted]');

/** The HTTP server: a list of plugins, each with its own routes, under /api/v1. */
export async function buildServer(sb: Switchboard): Promise<{ app: FastifyInstance; gateway: Gateway }> {
  const { server } = sb.config;
  const https = server.tlsCert && server.tlsKey ? { cert: readFileSync(server.tlsCert), key: readFileSync(server.tlsKey) } : null;
  // Requests are logged by our own hook below, at debug level and with tokens redacted.
  const common = { loggerInstance: sb.log, bodyLimit: server.bodyLimit, trustProxy: server.trustProxy, logController: new LogController({ disableRequestLogging: true }) };
  const app = (https ? Fastify({ ...common, https }) : Fastify(common)) as unknown as FastifyInstance;

  const web = webApp(server.webRoot, `Switchboard ${VERSION} is running. The API is under /api/v1 (health: /api/v1/health).`);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) => {
    if (web.fallback(request, reply)) return;
    void reply.status(404).send({ error: { code: 'not_found', message: `no route ${request.method} ${redactUrl(request.url.split('?')[0]!)}` } });
  });
  // The CLI may have changed users, contacts or numbering a moment ago: no request sees stale data.
  app.addHook('onRequest', async () => sb.syncExternalChanges());
  addSecurityHeaders(app);
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug({ method: request.method, url: redactUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  registerGuards(app, sb.auth);
  const gateway = new Gateway(sb);

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { sb, version: VERSION });
      await api.register(authRoutes, { sb });
      await api.register(userRoutes, { sb });
      await api.register(sourceRoutes, { sb });
      await api.register(hookRoutes, { sb });
      await api.register(contactRoutes, { sb });
      await api.register(callRoutes, { sb });
      await api.register(numberRoutes, { sb });
      await api.register(meRoutes, { sb });
      await api.register(phoneRoutes, { sb });
      await api.register(callControlRoutes, { sb });
      gateway.register(api);
    },
    { prefix: '/api/v1' },
  );

  await web.register(app);
  return { app, gateway };
}
