import { z } from 'zod';
import type { CallDirection, CallEvent, EndCause } from '../../../domain/calls/call-event.js';
import { defineDialect } from '../dialect.js';
import { directionWord } from '../direction-words.js';
import { malformed, unprocessable } from '../errors.js';
import { compactEvent } from '../event.js';
import { Fields } from '../fields.js';

/**
 * Placetel's Notify API. Facts from Placetel's documentation (github.com/Placetel/call-control-notify-api, README):
 * - one POST per event with an application/x-www-form-urlencoded body;
 * - `event`: IncomingCall, OutgoingCall, CallAccepted (incoming calls only), HungUp;
 * - `from`, `to`, `call_id` (hex SHA-256), `direction` (`in`|`out`);
 * - `peer`: the SIP user that answered (CallAccepted) or places the call (OutgoingCall), e.g.
 *   `7777abcdefg@fpbx.de`; on OutgoingCall `from` is the caller id presented;
 * - HungUp `type`: voicemail, missed, blocked, accepted, busy, canceled, unavailable, congestion;
 *   `duration`: seconds of an accepted call, 0 otherwise;
 * - `X-PLACETEL-SIGNATURE`: lower-case hex HMAC-SHA256 of the raw body keyed with the shared
 *   secret (the README's example: secret `12345` signs its sample body to `c4f823c5…92d0`);
 * - without a shared secret, basic auth in the URL is the documented alternative.
 */

/** Keyed by the lower-cased hang-up type. */
const CAUSES: ReadonlyMap<string, EndCause> = new Map([
  ['accepted', 'completed'],
  ['missed', 'noanswer'],
  ['voicemail', 'voicemail'],
  ['blocked', 'rejected'],
  ['busy', 'busy'],
  ['canceled', 'cancelled'],
  ['unavailable', 'failed'],
  ['congestion', 'failed'],
]);

const EVENTS = {
  IncomingCall: 'inbound',
  OutgoingCall: 'outbound',
  CallAccepted: 'inbound',
  HungUp: undefined,
} as const satisfies Record<string, CallDirection | undefined>;
type PlacetelEvent = keyof typeof EVENTS;

const isPlacetelEvent = (value: string): value is PlacetelEvent => Object.hasOwn(EVENTS, value);

const optionsSchema = z.strictObject({
  sipDomain: z.enum(['keep', 'strip']).default('keep'),
});
type PlacetelOptions = z.output<typeof optionsSchema>;

function directionOf(event: PlacetelEvent, fields: Fields): CallDirection {
  const implied = EVENTS[event];
  const statedText = fields.text('direction');
  const stated = statedText === undefined ? undefined : directionWord('direction', statedText);
  if (implied && stated && implied !== stated) {
    throw unprocessable(`direction: "${statedText}" contradicts event ${event}, which is ${implied}`);
  }
  // Older Placetel versions sent HungUp without direction; then only inbound calls were notified.
  return implied ?? stated ?? 'inbound';
}

function durationSeconds(fields: Fields): number | undefined {
  const raw = fields.text('duration');
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw malformed(`duration: expected whole seconds, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

function translate(fields: Fields, options: PlacetelOptions, source: string, at: number): CallEvent[] {
  const eventName = fields.required('event');
  if (!isPlacetelEvent(eventName)) {
    throw malformed(
      `event: unknown ${JSON.stringify(eventName)}; expected "IncomingCall", "OutgoingCall", "CallAccepted" or "HungUp"`,
    );
  }
  const callId = fields.required('call_id');
  const direction = directionOf(eventName, fields);
  const starts = eventName === 'IncomingCall' || eventName === 'OutgoingCall';
  const from = starts ? fields.required('from') : fields.text('from');
  const to = starts ? fields.required('to') : fields.text('to');
  const peer = fields.text('peer');
  const inbound = direction === 'inbound';
  const sipUser = (id: string | undefined) => (id && options.sipDomain === 'strip' ? id.replace(/@.*$/, '') : id);

  const common = {
    source,
    callId,
    direction,
    at,
    extension: sipUser(peer ?? (inbound ? to : from)),
    remoteNumber: inbound ? from : to,
    // On an outbound call with `peer`, `from` is the presented caller id; without it, the SIP user.
    localNumber: inbound ? to : peer ? from : undefined,
  };

  switch (eventName) {
    case 'IncomingCall':
      return [compactEvent({ ...common, kind: 'ringing' })];
    case 'OutgoingCall':
      return [compactEvent({ ...common, kind: 'dialing' })];
    case 'CallAccepted':
      return [compactEvent({ ...common, kind: 'answered' })];
    case 'HungUp': {
      const type = fields.text('type');
      const ended = compactEvent({
        ...common,
        kind: 'ended',
        cause: type === undefined ? undefined : (CAUSES.get(type.toLowerCase()) ?? 'unknown'),
        causeText: type,
      });
      const duration = durationSeconds(fields);
      // Placetel sends no CallAccepted for outbound calls; the duration of an accepted call
      // tells when the far end picked up, so the call log gets its talk time.
      if (!inbound && type?.toLowerCase() === 'accepted' && duration !== undefined && duration > 0) {
        return [compactEvent({ ...common, kind: 'answered', at: at - duration * 1000 }), ended];
      }
      return [ended];
    }
  }
}

export const placetelDialect = defineDialect({
  name: 'placetel',
  description: 'Placetel Notify API: form POST with event=IncomingCall|OutgoingCall|CallAccepted|HungUp, signed by X-PLACETEL-SIGNATURE',
  authModes: ['hmac', 'token'],
  methods: ['POST'],
  acceptsPathEvent: false,
  optionsSchema,
  optionsHelp: {
    sipDomain: '"strip" turns a SIP peer like 7777abc@fpbx.de into the extension 7777abc; default "keep"',
  },
  signature: () => ({ header: 'x-placetel-signature', prefix: '' }),
  parse(req, { source, options }) {
    return translate(Fields.of(req), options, source, req.receivedAt);
  },
});
