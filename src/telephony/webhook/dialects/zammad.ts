import { z } from 'zod';
import type { CallDirection, CallEvent, EndCause } from '../../../domain/calls/call-event.js';
import { defineDialect } from '../dialect.js';
import type { WebhookReply } from '../dialect.js';
import { directionWord } from '../direction-words.js';
import { malformed } from '../errors.js';
import { compactEvent } from '../event.js';
import { Fields } from '../fields.js';
import type { WebhookRequest } from '../types.js';

/**
 * Zammad's generic CTI push API, which sipgate.io's push API shares (Zammad adopted it).
 * Facts from the vendors' documentation (docs.zammad.org "Generic CTI": newCall/answer/hangup
 * events; sipgate.io README "API References"):
 * - POST, form-urlencoded (sipgate.io, Zammad) or JSON (Zammad); fields `event`, `from`, `to`,
 *   `direction` (`in`|`out`), `callId` (up to 250 characters).
 * - `user[]` on newCall: real names of the users involved, repeated for group calls; JSON
 *   sends `user` as a string or a list. `answer` carries a single `user`.
 * - sipgate.io adds `userId[]` (e.g. `w0`) and `fullUserId[]` (e.g. `1234567w0`); singular on answer.
 * - `queue` (optional, Zammad) on newCall; `answeringNumber` on answer and hangup.
 * - hangup `cause`: normalClearing, busy, cancel, noAnswer, congestion, notFound, forwarded.
 * - sipgate.io also posts `event=dtmf` (keypad digits), which is not call state.
 * - sipgate.io sends answer and hangup only when the answer to newCall asks for them:
 *   `<Response onAnswer="URL" onHangup="URL"/>` with Content-Type application/xml.
 * - Authentication is whatever the URL carries (Zammad: a token path segment; sipgate.io:
 *   basic auth in the URL), hence `?token=` or basic auth here.
 */

/** Keyed by the lower-cased cause. */
const CAUSES: ReadonlyMap<string, EndCause> = new Map([
  ['normalclearing', 'completed'],
  ['busy', 'busy'],
  ['cancel', 'cancelled'],
  // Both vendors document noAnswer as "the called party rejected the call (e.g. through a DND
  // setting)", not as ringing out: a call nobody picks up ends with `cancel` when the caller gives up.
  ['noanswer', 'rejected'],
  ['congestion', 'failed'],
  ['notfound', 'failed'],
  // Handed on to another party (redirect, voicemail target): not missed by our side.
  ['forwarded', 'answered_elsewhere'],
]);

const IGNORED_EVENTS = new Set(['dtmf']);

const optionsSchema = z.strictObject({
  extensionField: z.enum(['number', 'user', 'userId', 'fullUserId']).default('number'),
  numberFormat: z.enum(['international', 'asis']).default('international'),
});

/**
 * Both vendors send the other party in international format without the "+" ("4921155500100").
 * Read as written, that is ambiguous (in Germany it is also a valid national number), so
 * digits that do not start with a trunk or international "0" get their "+" back.
 */
function remote(number: string | undefined, options: ZammadOptions): string | undefined {
  if (number === undefined || options.numberFormat === 'asis') return number;
  return /^[1-9]\d{6,14}$/.test(number) ? `+${number}` : number;
}
type ZammadOptions = z.output<typeof optionsSchema>;

function endCause(raw: string | undefined): { cause?: EndCause; causeText?: string } {
  if (raw === undefined) return {};
  return { cause: CAUSES.get(raw.toLowerCase()) ?? 'unknown', causeText: raw };
}

/** Extensions named by the user fields, when the source is configured to route on them. */
function userExtensions(fields: Fields, options: ZammadOptions): string[] {
  if (options.extensionField === 'number') return [];
  const name = options.extensionField;
  return fields.list(`${name}[]`, name);
}

function translate(fields: Fields, options: ZammadOptions, source: string, at: number): CallEvent[] {
  const eventName = fields.required('event');
  const event = eventName.toLowerCase();
  if (IGNORED_EVENTS.has(event)) return [];
  if (event !== 'newcall' && event !== 'answer' && event !== 'hangup') {
    throw malformed(`event: unknown ${JSON.stringify(eventName)}; expected "newCall", "answer" or "hangup"`);
  }
  const callId = fields.required('callId');
  const direction: CallDirection = directionWord('direction', fields.required('direction'));
  const inbound = direction === 'inbound';
  const from = event === 'newcall' ? fields.required('from') : fields.text('from');
  const to = event === 'newcall' ? fields.required('to') : fields.text('to');
  const answeringNumber = fields.text('answeringNumber');
  const users = userExtensions(fields, options);

  // By number: inbound calls ring at the dialed number (a DID a user's device carries, or the
  // answering destination once known); outbound calls belong to the calling number.
  const byNumber = inbound ? (event === 'newcall' ? to : (answeringNumber ?? to)) : from;

  const common = {
    source,
    callId,
    direction,
    at,
    remoteNumber: remote(inbound ? from : to, options),
    localNumber: inbound ? to : from,
  };

  if (event === 'newcall') {
    const group = inbound && users.length > 1;
    return [
      compactEvent({
        ...common,
        kind: inbound ? 'ringing' : 'dialing',
        extension: group ? undefined : (users[0] ?? byNumber),
        extensions: group ? users : undefined,
        queue: fields.text('queue'),
      }),
    ];
  }
  const extension = users[0] ?? byNumber;
  if (event === 'answer') return [compactEvent({ ...common, kind: 'answered', extension })];
  return [compactEvent({ ...common, kind: 'ended', extension, ...endCause(fields.text('cause')) })];
}

const xmlAttribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Subscribes sipgate.io to the rest of the call; Zammad-style senders ignore the body. */
function subscribeToFollowUps(req: WebhookRequest, hookUrl: string): WebhookReply | undefined {
  const body = req.body;
  const event = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>)['event'] : undefined;
  if (typeof event !== 'string' || event.toLowerCase() !== 'newcall') return undefined;
  const url = xmlAttribute(hookUrl);
  return {
    contentType: 'application/xml',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response onAnswer="${url}" onHangup="${url}"/>\n`,
  };
}

export const zammadDialect = defineDialect({
  name: 'zammad',
  description: 'Zammad generic CTI / sipgate.io push format: event=newCall|answer|hangup, from, to, direction, callId, user[]',
  authModes: ['token'],
  methods: ['POST'],
  acceptsPathEvent: false,
  optionsSchema,
  optionsHelp: {
    extensionField:
      'what names the extension: "number" (to/from/answeringNumber, default), or the user fields "user", "userId", "fullUserId"',
    numberFormat:
      'how the other party\'s number arrives: "international" (default; digits without "+", as sipgate and Zammad send it) or "asis"',
  },
  parse(req, { source, options }) {
    return translate(Fields.of(req), options, source, req.receivedAt);
  },
  reply: subscribeToFollowUps,
});
