import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { DEVICE_KINDS, LANGUAGES } from '../../users/user-service.js';
import type { DeviceKind } from '../../store/schema.js';
import { principalOf } from '../auth/guard.js';
import { verifyPassword } from '../auth/secrets.js';
import { forbidden, HttpError, notFound, validate } from '../errors.js';

const deviceSchema = z.strictObject({
  extension: z.string().trim().min(1).max(32),
  kind: z.enum(DEVICE_KINDS as [DeviceKind, ...DeviceKind[]]).optional(),
  label: z.string().trim().max(100).optional(),
  isDefault: z.boolean().optional(),
});
const createSchema = z.strictObject({
  username: z.string().min(1).max(63),
  password: z.string().min(1).max(1024),
  displayName: z.string().trim().max(200).optional(),
  role: z.enum(['admin', 'user']).default('user'),
  language: z.enum(LANGUAGES).optional(),
  devices: z.array(deviceSchema).max(20).optional(),
});
const patchSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(200).optional(),
  role: z.enum(['admin', 'user']).optional(),
  language: z.enum(LANGUAGES).optional(),
  disabled: z.boolean().optional(),
});
const passwordSchema = z.strictObject({ password: z.string().min(1).max(1024), currentPassword: z.string().max(1024).optional() });
const defaultDeviceSchema = z.strictObject({ deviceId: z.number().int().positive() });

const idParam = (request: FastifyRequest, name = 'id'): number => {
  const value = Number((request.params as Record<string, string>)[name]);
  if (!Number.isInteger(value) || value <= 0) throw new HttpError(400, `${name}: expected a positive integer`, 'invalid');
  return value;
};

export async function userRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  const selfOrAdmin = (request: FastifyRequest, id: number) => {
    const p = principalOf(request);
    if (p.userId !== id && p.role !== 'admin') throw forbidden('you can only see and change your own account');
    return p;
  };
  const load = async (id: number) => {
    const user = await sb.repos.users.byId(id);
    if (!user) throw notFound(`user ${id}`);
    return user;
  };

  app.get('/users', { preHandler: app.requireAdmin }, async () => ({
    users: await Promise.all((await sb.repos.users.list()).map((u) => sb.users.toMe(u))),
  }));

  app.post('/users', { preHandler: app.requireAdmin }, async (request, reply) => {
    const body = validate(createSchema, request.body);
    const user = await sb.users.create(body);
    reply.status(201);
    return { user };
  });

  app.get('/users/:id', { preHandler: app.requireUser }, async (request) => {
    const id = idParam(request);
    selfOrAdmin(request, id);
    return { user: await sb.users.toMe(await load(id)) };
  });

  app.patch('/users/:id', { preHandler: app.requireUser }, async (request) => {
    const id = idParam(request);
    const p = selfOrAdmin(request, id);
    const body = validate(patchSchema, request.body);
    if (p.role !== 'admin' && (body.role !== undefined || body.disabled !== undefined)) throw forbidden('only admins change roles or disable accounts');
    if (p.userId === id && (body.role === 'user' || body.disabled)) throw forbidden('you cannot demote or disable yourself');
    await load(id);
    await sb.users.update(id, body);
    return { user: await sb.users.toMe(await load(id)) };
  });

  app.delete('/users/:id', { preHandler: app.requireAdmin }, async (request) => {
    const id = idParam(request);
    if (principalOf(request).userId === id) throw forbidden('you cannot delete yourself');
    if (!(await sb.users.remove(id))) throw notFound(`user ${id}`);
    return { ok: true };
  });

  app.put('/users/:id/password', { preHandler: app.requireUser }, async (request) => {
    const id = idParam(request);
    const p = selfOrAdmin(request, id);
    const body = validate(passwordSchema, request.body);
    const user = await load(id);
    if (p.role !== 'admin' || p.userId === id) {
      if (!body.currentPassword || !(await verifyPassword(user.password_hash, body.currentPassword))) {
        throw new HttpError(403, 'currentPassword: wrong password', 'forbidden');
      }
    }
    await sb.users.setPassword(id, body.password);
    return { ok: true };
  });

  app.post('/users/:id/devices', { preHandler: app.requireAdmin }, async (request, reply) => {
    const id = idParam(request);
    await load(id);
    const device = await sb.users.addDevice(id, validate(deviceSchema, request.body));
    reply.status(201);
    return { device };
  });

  app.delete('/users/:id/devices/:deviceId', { preHandler: app.requireAdmin }, async (request) => {
    const id = idParam(request);
    const deviceId = idParam(request, 'deviceId');
    if (!(await sb.users.removeDevice(id, deviceId))) throw notFound(`device ${deviceId} of user ${id}`);
    return { ok: true };
  });

  app.put('/users/:id/default-device', { preHandler: app.requireUser }, async (request) => {
    const id = idParam(request);
    selfOrAdmin(request, id);
    const body = validate(defaultDeviceSchema, request.body);
    if (!(await sb.users.setDefaultDevice(id, body.deviceId))) throw notFound(`device ${body.deviceId} of user ${id}`);
    return { user: await sb.users.toMe(await load(id)) };
  });
}
