import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { SESSION_COOKIE } from '../auth/authenticator.js';
import { principalOf, sameOrigin } from '../auth/guard.js';
import { LoginLimiter } from '../auth/login-limiter.js';
import { dummyPasswordHash, verifyPassword } from '../auth/secrets.js';
import { HttpError, notFound, validate } from '../errors.js';

const loginSchema = z.strictObject({ username: z.string().min(1).max(100), password: z.string().min(1).max(1024) });
const tokenSchema = z.strictObject({ name: z.string().trim().min(1).max(100) });

export async function authRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  const limiter = new LoginLimiter(sb.config.auth.loginAttempts, sb.config.auth.loginWindowSeconds * 1000);
  const secureCookie = (protocol: string) =>
    sb.config.auth.secureCookie === 'always' || (sb.config.auth.secureCookie === 'auto' && protocol === 'https');

  app.post('/auth/login', async (request, reply) => {
    // Another site must not sign a visitor in to an account of its choosing.
    if (!sameOrigin(request)) throw new HttpError(403, 'cross-site sign-in refused', 'forbidden');
    const body = validate(loginSchema, request.body);
    const username = body.username.trim().toLowerCase();
    const keys = [`ip:${request.ip}`, `user:${username}`];
    const wait = limiter.retryAfter(keys);
    if (wait > 0) {
      reply.header('retry-after', Math.ceil(wait / 1000));
      throw new HttpError(429, `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`, 'rate_limited');
    }
    const user = await sb.repos.users.byUsername(username);
    const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), body.password);
    if (!user || !ok || user.disabled) {
      limiter.fail(keys);
      request.log.warn({ username, ip: request.ip }, 'failed sign-in');
      throw new HttpError(401, 'wrong username or password', 'unauthenticated');
    }
    limiter.succeed(keys);
    const session = await sb.auth.startSession(user.id, request.headers['user-agent']);
    reply.setCookie(SESSION_COOKIE, session.cookie, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie(request.protocol),
      expires: new Date(session.expiresAt),
    });
    return { user: await sb.users.toMe(user), expiresAt: session.expiresAt };
  });

  app.post('/auth/logout', { preHandler: app.requireUser }, async (request, reply) => {
    const principal = principalOf(request);
    if (principal.sessionHash) await sb.repos.credentials.deleteSession(principal.sessionHash);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { preHandler: app.requireUser }, async (request) => {
    const user = await sb.repos.users.byId(principalOf(request).userId);
    if (!user) throw notFound('user');
    return { user: await sb.users.toMe(user) };
  });

  app.get('/tokens', { preHandler: app.requireUser }, async (request) => ({
    tokens: (await sb.repos.credentials.tokens(principalOf(request).userId)).map((t) => ({
      id: t.id,
      name: t.name,
      prefix: t.prefix,
      createdAt: t.created_at,
      lastUsedAt: t.last_used_at,
    })),
  }));

  app.post('/tokens', { preHandler: app.requireUser }, async (request, reply) => {
    const body = validate(tokenSchema, request.body);
    const created = await sb.auth.createToken(principalOf(request).userId, body.name);
    reply.status(201);
    return { id: created.id, name: created.name, token: created.token, createdAt: created.created_at };
  });

  app.delete('/tokens/:id', { preHandler: app.requireUser }, async (request) => {
    const id = Number((request.params as { id: string }).id);
    if (!(await sb.repos.credentials.deleteToken(principalOf(request).userId, id))) throw notFound(`token ${id}`);
    return { ok: true };
  });
}
