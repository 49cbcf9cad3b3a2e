import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Authenticator } from './authenticator.js';
import { SESSION_COOKIE } from './authenticator.js';
import { HttpError } from '../errors.js';
import type { Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return undefined;
}

/**
 * A browser's cookie rides along on requests other sites make: for those, an unsafe method must
 * come from our own origin. Tokens are not sent by browsers on their own, so they need no check.
 * `request.host` honours X-Forwarded-Host when the server is configured to trust its proxy.
 */
export function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false;
  }
}

export async function resolvePrincipal(auth: Authenticator, request: FastifyRequest): Promise<Principal | undefined> {
  const token = bearerToken(request);
  if (token) return auth.fromToken(token);
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) return auth.fromSession(cookie);
  return undefined;
}

/** Adds `requireUser` and `requireAdmin` pre-handlers. Every route opts in to one, or is public. */
export function registerGuards(app: FastifyInstance, auth: Authenticator): void {
  const requireUser = async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await resolvePrincipal(auth, request);
    if (!principal) throw new HttpError(401, 'sign in or send an API token (Authorization: Bearer …)', 'unauthenticated');
    if (principal.via === 'session' && UNSAFE.has(request.method) && !sameOrigin(request)) {
      throw new HttpError(403, 'cross-site request refused', 'forbidden');
    }
    request.principal = principal;
  };
  const requireAdmin = async (request: FastifyRequest, reply: FastifyReply) => {
    await requireUser(request, reply);
    if (request.principal?.role !== 'admin') throw new HttpError(403, 'this needs an admin', 'forbidden');
  };
  app.decorate('requireUser', requireUser);
  app.decorate('requireAdmin', requireAdmin);
}

declare module 'fastify' {
  interface FastifyInstance {
    requireUser: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
    requireAdmin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
}

export const principalOf = (request: FastifyRequest): Principal => {
  if (!request.principal) throw new HttpError(401, 'not signed in', 'unauthenticated');
  return request.principal;
};
