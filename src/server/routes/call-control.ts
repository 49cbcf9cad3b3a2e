import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { FORWARD_KINDS, type Actor, type ForwardKind, type ForwardTarget } from '../../calls/call-control.js';
import { DialError, planDial } from '../../calls/dial.js';
import type { Call } from '../../domain/calls/call.js';
import { principalOf } from '../auth/guard.js';
import { isAdmin } from '../auth/principal.js';
import { HttpError, notFound, validate } from '../errors.js';

const transferSchema = z.strictObject({ target: z.string().trim().min(1, 'is required').max(64), attended: z.boolean().default(false) });
const recordSchema = z.strictObject({ action: z.enum(['start', 'stop', 'pause', 'resume']) });
const spySchema = z.strictObject({ mode: z.enum(['listen', 'whisper', 'barge']) });
const queueSchema = z.strictObject({
  action: z.enum(['login', 'logout', 'pause', 'unpause']),
  /** Why: shown in the queue's statistics (lunch, after-call work…); for pause and unpause. */
  reason: z.string().trim().min(1).max(80).optional(),
});
const forwardTargetSchema = z.union([z.strictObject({ number: z.string().trim().min(1, 'is required').max(64) }), z.strictObject({ voicemail: z.literal(true) })]);
const forwardingSchema = z.strictObject({
  unconditional: forwardTargetSchema.nullable().optional(),
  busy: forwardTargetSchema.nullable().optional(),
  unavailable: forwardTargetSchema.nullable().optional(),
});

const actorOf = (request: FastifyRequest): Actor => {
  const p = principalOf(request);
  return { userId: p.userId, isAdmin: isAdmin(p) };
};

/**
 * What the PBX dials for a number typed by a person: an extension as it is, an outside number
 * with the outside-line prefix in the form dialed from here (the callto: scheme's digits).
 */
export function pbxDialString(sb: Switchboard, input: string, field: string): string {
  try {
    return planDial(input, sb.numbering.normalizer(), 'callto').number;
  } catch (error) {
    if (error instanceof DialError) throw new HttpError(400, `${field}: ${error.message}`, 'invalid');
    throw error;
  }
}

/**
 * The phone controls: acting on a call in progress (answer, hang up, transfer, park, record,
 * supervise), taking a parked call, and the user's own PBX settings (forwarding, queues).
 * Anyone may ask; the call control answers 409 when the user has no phone on that call.
 */
export async function callControlRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  const control = sb.callControl;

  /** A call in progress, by its id; ended and unknown calls are gone for the controls. */
  const activeCall = (request: FastifyRequest): Call => {
    const id = (request.params as { id: string }).id;
    if (id.length > 300) throw new HttpError(400, 'id: too long', 'invalid');
    const call = sb.calls.current(id);
    if (call === undefined) throw notFound(`a call in progress with id ${id}`);
    return call;
  };

  app.post('/calls/:id/answer', { preHandler: app.requireUser }, async (request) => {
    await control.answer(actorOf(request), activeCall(request));
    return { ok: true };
  });

  app.post('/calls/:id/hangup', { preHandler: app.requireUser }, async (request) => {
    await control.hangup(actorOf(request), activeCall(request));
    return { ok: true };
  });

  app.post('/calls/:id/transfer', { preHandler: app.requireUser }, async (request) => {
    const call = activeCall(request);
    const { target, attended } = validate(transferSchema, request.body);
    await control.transfer(actorOf(request), call, pbxDialString(sb, target, 'target'), attended);
    return { ok: true, attended };
  });

  app.post('/calls/:id/transfer/cancel', { preHandler: app.requireUser }, async (request) => {
    await control.cancelTransfer(actorOf(request), activeCall(request));
    return { ok: true };
  });

  app.post('/calls/:id/park', { preHandler: app.requireUser }, async (request) => control.park(actorOf(request), activeCall(request)));

  app.post('/calls/:id/record', { preHandler: app.requireUser }, async (request) => {
    const call = activeCall(request);
    const { action } = validate(recordSchema, request.body);
    const { file } = await control.record(actorOf(request), call, action);
    return { action, file };
  });

  app.post('/calls/:id/spy', { preHandler: app.requireUser }, async (request) => {
    const call = activeCall(request);
    const { mode } = validate(spySchema, request.body);
    await control.spy(actorOf(request), call, mode);
    return { ok: true, mode };
  });

  app.post('/parking/:space/pickup', { preHandler: app.requireUser }, async (request) => {
    const { space } = request.params as { space: string };
    await control.pickup(actorOf(request), space);
    return { ok: true, space };
  });

  app.get('/me/forwarding', { preHandler: app.requireUser }, async (request) => control.forwarding(actorOf(request)));

  app.put('/me/forwarding', { preHandler: app.requireUser }, async (request) => {
    const body = validate(forwardingSchema, request.body);
    const changes: Partial<Record<ForwardKind, ForwardTarget | null>> = {};
    for (const kind of FORWARD_KINDS) {
      const target = body[kind];
      if (target === undefined) continue;
      changes[kind] = target === null || 'voicemail' in target ? target : { number: pbxDialString(sb, target.number, `${kind}.number`) };
    }
    return control.setForwarding(actorOf(request), changes);
  });

  app.post('/queues/:queue/members/me', { preHandler: app.requireUser }, async (request) => {
    const { queue } = request.params as { queue: string };
    const { action, reason } = validate(queueSchema, request.body);
    await control.queue(actorOf(request), queue, action, reason);
    return { ok: true, queue, action };
  });
}
