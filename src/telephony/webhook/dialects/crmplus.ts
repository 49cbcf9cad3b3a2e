import { z } from 'zod';
import type { CallDirection, CallEvent } from '../../../domain/calls/call-event.js';
import { defineDialect } from '../dialect.js';
import { directionWord } from '../direction-words.js';
import { malformed, unprocessable } from '../errors.js';
import { compactEvent } from '../event.js';
import { Fields } from '../fields.js';

/**
 * Softphones configured the way CRM+'s "Softphone Connector" expects: one URL per event
 * (ringing, connected, ended, not answered), called by GET or POST, carrying the local
 * extension, the remote number and a call id under parameter names the admin chooses.
 * Softphones rarely can set headers, so the token usually travels as `?token=`.
 */

type Step = 'start' | 'answered' | 'ended' | 'notanswered';

/** Keys are lower-case with `-`, `_` and spaces removed, so `not-answered` and `NotAnswered` both match. */
const EVENTS: ReadonlyMap<string, { step: Step; outbound?: true }> = new Map([
  ['ringing', { step: 'start' }],
  ['dialing', { step: 'start', outbound: true }],
  ['outgoing', { step: 'start', outbound: true }],
  ['connected', { step: 'answered' }],
  ['answered', { step: 'answered' }],
  ['ended', { step: 'ended' }],
  ['hangup', { step: 'ended' }],
  ['notanswered', { step: 'notanswered' }],
  ['missed', { step: 'notanswered' }],
]);

const paramName = z
  .string()
  .regex(/^[A-Za-z0-9_.[\]-]{1,64}$/, 'expected a parameter name (letters, digits, "_", "-", ".", "[]")')
  .refine((name) => name !== 'token', '"token" is reserved for authentication');

const optionsSchema = z
  .strictObject({
    extensionParam: paramName.default('extension'),
    numberParam: paramName.default('number'),
    callIdParam: paramName.default('callid'),
    directionParam: paramName.default('direction'),
    nameParam: paramName.default('name'),
    eventParam: paramName.default('event'),
  })
  .superRefine((options, ctx) => {
    const seen = new Map<string, string>();
    for (const [option, param] of Object.entries(options)) {
      const other = seen.get(param);
      if (other) ctx.addIssue({ code: 'custom', path: [option], message: `"${param}" is already used by ${other}` });
      seen.set(param, option);
    }
  });

type CrmPlusOptions = z.output<typeof optionsSchema>;

const normalizeEvent = (value: string): string => value.toLowerCase().replace(/[-_\s]/g, '');

function translate(fields: Fields, pathEvent: string | undefined, options: CrmPlusOptions, source: string, at: number): CallEvent {
  const eventName = pathEvent ?? fields.text(options.eventParam);
  if (eventName === undefined) {
    throw malformed(
      `event: missing; call /api/v1/hooks/${source}/ringing (or connected, ended, notanswered, dialing) or pass ${options.eventParam}=…`,
    );
  }
  const event = EVENTS.get(normalizeEvent(eventName));
  if (!event) {
    throw malformed(`event: unknown ${JSON.stringify(eventName)}; expected ringing, connected, ended, notanswered, dialing or outgoing`);
  }
  const callId = fields.required(options.callIdParam);
  const extension = fields.required(options.extensionParam);
  const statedText = fields.text(options.directionParam);
  const stated = statedText === undefined ? undefined : directionWord(options.directionParam, statedText);
  if (event.outbound && stated === 'inbound') {
    throw unprocessable(`${options.directionParam}: says inbound, but "${eventName}" starts an outbound call`);
  }
  const direction: CallDirection = event.outbound ? 'outbound' : (stated ?? 'inbound');
  const common = {
    source,
    callId,
    direction,
    at,
    extension,
    remoteNumber: fields.text(options.numberParam),
    remoteName: fields.text(options.nameParam),
  };
  switch (event.step) {
    case 'start':
      return compactEvent({ ...common, kind: direction === 'outbound' ? 'dialing' : 'ringing' });
    case 'answered':
      return compactEvent({ ...common, kind: 'answered' });
    case 'ended':
      // The softphone does not say how it ended; the tracker knows whether it was answered.
      return compactEvent({ ...common, kind: 'ended' });
    case 'notanswered':
      return compactEvent({ ...common, kind: 'ended', cause: 'noanswer' });
  }
}

export const crmplusDialect = defineDialect({
  name: 'crmplus',
  description: 'Softphone calling one URL per event (CRM+ Softphone Connector style): /hooks/<source>/ringing?extension=…&number=…&callid=…',
  authModes: ['token'],
  methods: ['GET', 'POST'],
  acceptsPathEvent: true,
  optionsSchema,
  optionsHelp: {
    extensionParam: 'parameter holding the local extension (default "extension")',
    numberParam: 'parameter holding the remote number (default "number")',
    callIdParam: 'parameter holding the call id (default "callid")',
    directionParam: 'parameter saying in/out (default "direction"); absent means inbound',
    nameParam: 'parameter holding the remote party name, if the softphone sends one (default "name")',
    eventParam: 'parameter naming the event when the URL has no event segment (default "event")',
  },
  parse(req, { source, options }) {
    return [translate(Fields.of(req), req.pathEvent, options, source, req.receivedAt)];
  },
});
