import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { AMI_AUTH_MODES, AMI_DIALECT, MAX_DEVICE_RULE_LENGTH, MAX_DEVICE_RULES } from '../../sources/source-service.js';
import { MAX_TRUSTED_PEM_CHARS } from '../../telephony/ami/trusted-certificate.js';
import { DIALECTS } from '../../telephony/webhook/index.js';
import { UserInputError } from '../../users/user-service.js';
import { HttpError, notFound, validate } from '../errors.js';

const webhookCreateSchema = z.strictObject({
  name: z.string().min(1).max(63),
  dialect: z.string().min(1),
  auth: z.enum(['token', 'hmac']).optional(),
  options: z.record(z.string(), z.string().max(200)).optional(),
});

// Shapes and sizes here; what a host name is and which characters a secret may hold, the service
// decides (the CLI goes through it too).
const amiFields = {
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  username: z.string().min(1).max(100),
  secret: z.string().min(1).max(200),
  tls: z.boolean(),
  tlsCa: z.string().max(MAX_TRUSTED_PEM_CHARS).nullable(),
  auth: z.enum(AMI_AUTH_MODES),
  deviceRules: z.array(z.string().max(MAX_DEVICE_RULE_LENGTH)).max(MAX_DEVICE_RULES),
};

const amiCreateSchema = z.strictObject({
  name: z.string().min(1).max(63),
  dialect: z.literal(AMI_DIALECT),
  ami: z.strictObject({
    ...amiFields,
    port: amiFields.port.optional(),
    tls: amiFields.tls.optional(),
    tlsCa: amiFields.tlsCa.optional(),
    auth: amiFields.auth.optional(),
    deviceRules: amiFields.deviceRules.optional(),
  }),
});

const patchSchema = z.strictObject({
  enabled: z.boolean().optional(),
  ami: z.strictObject(amiFields).partial().optional(),
});

/** The service names AMI fields as the CLI flags are named ("host"); in a request body they sit under "ami". */
async function amiFieldsNamed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserInputError && Object.hasOwn(amiFields, error.field)) throw new HttpError(error.status, `ami.${error.message}`, 'invalid');
    throw error;
  }
}

/**
 * Sources, for admins: a webhook source's URL and secret to paste into the phone system, or an
 * AMI source's connection settings and state (never its secret).
 */
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
    // One schema per kind rather than a union, so an error names the field instead of "no union member matched".
    const isAmi = (request.body as { dialect?: unknown } | null | undefined)?.dialect === AMI_DIALECT;
    const source = isAmi
      ? await amiFieldsNamed(() => sb.sources.add(validate(amiCreateSchema, request.body)))
      : await sb.sources.add(validate(webhookCreateSchema, request.body));
    reply.status(201);
    return { source };
  });

  app.get('/sources/:name', { preHandler: app.requireAdmin }, async (request) => {
    const { name } = request.params as { name: string };
    const source = await sb.sources.get(name, true);
    if (!source) throw notFound(`source "${name}"`);
    return { source };
  });

  app.patch('/sources/:name', { preHandler: app.requireAdmin }, async (request) => {
    const { name } = request.params as { name: string };
    const patch = validate(patchSchema, request.body);
    const source = await amiFieldsNamed(() => sb.sources.update(name, patch));
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
