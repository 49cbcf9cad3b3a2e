import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Switchboard } from '../../app/switchboard.js';
import { capabilitiesFor } from '../../calls/capabilities.js';
import { customerCard } from '../../calls/customer-card.js';
import { DialError, planDial, whyInvalid } from '../../calls/dial.js';
import { publicDevice } from '../../users/user-service.js';
import type { Viewer } from '../../store/contacts.js';
import { principalOf } from '../auth/guard.js';
import { isAdmin } from '../auth/principal.js';
import { HttpError, validate } from '../errors.js';

const numberSchema = z.strictObject({ number: z.string().trim().min(1, 'is required').max(64) });
const cardSchema = z.object({ number: z.string().trim().min(1, 'is required').max(64) });

const viewerOf = (request: FastifyRequest): Viewer => {
  const p = principalOf(request);
  return { userId: p.userId, isAdmin: isAdmin(p) };
};

/** What the browser can do with the phone: capabilities, dialing, and the customer card of a number. */
export async function phoneRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  app.get('/capabilities', { preHandler: app.requireUser }, async (request) => capabilitiesFor(principalOf(request).userId, sb.capabilityProviders));

  app.post('/dial', { preHandler: app.requireUser }, async (request) => {
    const { number: input } = validate(numberSchema, request.body);
    const p = principalOf(request);
    const [{ preferences }, devices] = await Promise.all([sb.preferences.get(p.userId), sb.repos.users.devices(p.userId)]);
    const mode = capabilitiesFor(p.userId, sb.capabilityProviders).dial;
    // The PBX dials what a softphone on it would: the callto: form, whatever scheme the user picked for their own softphone.
    const scheme = mode === 'pbx' ? 'callto' : preferences.dialScheme;
    let plan;
    try {
      plan = planDial(input, sb.numbering.normalizer(), scheme);
    } catch (error) {
      if (error instanceof DialError) throw new HttpError(400, error.message, 'invalid_number');
      throw error;
    }
    let device = devices.find((d) => d.is_default === 1) ?? devices[0];
    if (mode === 'pbx') {
      const { extension } = await sb.callControl.dial({ userId: p.userId, isAdmin: isAdmin(p) }, plan.number);
      device = devices.find((d) => d.extension === extension) ?? device;
    }
    request.log.info({ userId: p.userId, number: plan.number, e164: plan.e164, scheme, device: device?.extension ?? null, mode }, 'dial');
    const reply = { mode, number: plan.number, e164: plan.e164, uri: mode === 'client' ? plan.uri : null, device: device ? publicDevice(device) : null };
    return mode === 'pbx' ? { ...reply, originated: true } : reply;
  });

  app.get('/card', { preHandler: app.requireUser }, async (request) => {
    const { number: input } = validate(cardSchema, request.query);
    const number = sb.numbering.normalizer().normalize(input);
    if (number.digits === '') throw new HttpError(400, `number: "${input}" is not a phone number: ${whyInvalid(number.reason)}`, 'invalid_number');
    return customerCard(sb, viewerOf(request), input, number);
  });
}
