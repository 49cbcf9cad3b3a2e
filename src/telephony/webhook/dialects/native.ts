import { z } from 'zod';
import type { CallDirection, CallEvent, CallEventKind, EndCause } from '../../../domain/calls/call-event.js';
import { defineDialect } from '../dialect.js';
import { isEndCause } from '../end-causes.js';
import { malformed, unprocessable } from '../errors.js';
import { compactEvent } from '../event.js';
import { describeValue, MAX_FIELD_LENGTH } from '../fields.js';
import { describeIssues, formatPath } from '../zod-issues.js';

/**
 * Switchboard's own JSON format, documented in docs/webhooks.md. It is what integrators write
 * against, so it is strict (unknown fields are refused, which catches typos) and every error
 * names the field and the index of the event in a batch.
 */

export const NATIVE_EVENTS = ['ringing', 'dialing', 'answered', 'ended', 'missed'] as const;
export type NativeEventName = (typeof NATIVE_EVENTS)[number];

export const MAX_BATCH = 100;
/** Below this an epoch value is almost certainly seconds (it would be before March 1973 in ms). */
const SMALLEST_EPOCH_MS = 1e11;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/i;

const text = z
  .string({ error: (iss) => `expected a string, got ${describeValue(iss.input)}` })
  .trim()
  .min(1, 'empty')
  .max(MAX_FIELD_LENGTH, `longer than ${MAX_FIELD_LENGTH} characters`);

/** Ids and extensions are often numeric in the sender's database: accept JSON integers too. */
const idText = z.preprocess((v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v), text);

const phoneNumber = z
  .string({
    error: (iss) =>
      typeof iss.input === 'number'
        ? 'expected a string; quote phone numbers so "+" and leading zeros survive'
        : `expected a string, got ${describeValue(iss.input)}`,
  })
  .trim()
  .min(1, 'empty')
  .max(MAX_FIELD_LENGTH, `longer than ${MAX_FIELD_LENGTH} characters`);

function epochMs(value: number, ctx: z.RefinementCtx): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    ctx.addIssue({ code: 'custom', message: 'expected whole epoch milliseconds' });
    return z.NEVER;
  }
  if (value < SMALLEST_EPOCH_MS) {
    ctx.addIssue({ code: 'custom', message: 'looks like epoch seconds; send epoch milliseconds or an ISO 8601 time' });
    return z.NEVER;
  }
  return value;
}

const eventTime = z.unknown().transform((value, ctx): number => {
  if (typeof value === 'number') return epochMs(value, ctx);
  if (typeof value !== 'string') {
    ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 string or epoch milliseconds, got ${describeValue(value)}` });
    return z.NEVER;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return epochMs(Number(trimmed), ctx);
  const match = ISO_8601.exec(trimmed);
  const ms = match ? Date.parse(trimmed) : Number.NaN;
  if (!match || Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 time like "2024-05-02T09:30:00Z", got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  if (match[1] === undefined) {
    // Without a zone the sender's local time would be read as ours.
    ctx.addIssue({ code: 'custom', message: 'ISO 8601 time needs a zone ("Z" or "+01:00")' });
    return z.NEVER;
  }
  return ms;
});

const nativeEventSchema = z.strictObject({
  event: z.enum(NATIVE_EVENTS),
  callId: idText,
  direction: z.enum(['inbound', 'outbound']).optional(),
  extension: idText.optional(),
  extensions: z
    .array(idText, { error: (iss) => `expected a list of extensions, got ${describeValue(iss.input)}` })
    .min(1, 'empty list')
    .max(MAX_BATCH, `more than ${MAX_BATCH} extensions`)
    .optional(),
  remoteNumber: phoneNumber.optional(),
  remoteName: text.optional(),
  localNumber: phoneNumber.optional(),
  queue: text.optional(),
  time: eventTime.optional(),
  cause: text.optional(),
  legOnly: z.boolean({ error: (iss) => `expected true or false, got ${describeValue(iss.input)}` }).optional(),
});

type NativeEvent = z.infer<typeof nativeEventSchema>;

const KIND: Record<NativeEventName, CallEventKind> = {
  ringing: 'ringing',
  dialing: 'dialing',
  answered: 'answered',
  ended: 'ended',
  missed: 'ended',
};

interface Problem {
  field: string;
  message: string;
  /** Missing data is malformed (400); contradictions are unprocessable (422). */
  missing?: boolean;
}

function direction(e: NativeEvent): CallDirection | Problem {
  if (e.direction) {
    if (e.event === 'ringing' && e.direction === 'outbound') {
      return { field: 'direction', message: '"ringing" is for inbound calls; an outbound call starts with "dialing"' };
    }
    if (e.event === 'dialing' && e.direction === 'inbound') {
      return { field: 'direction', message: '"dialing" is for outbound calls; an inbound call starts with "ringing"' };
    }
    return e.direction;
  }
  if (e.event === 'ringing' || e.event === 'missed') return 'inbound';
  if (e.event === 'dialing') return 'outbound';
  return { field: 'direction', message: `missing (required with "${e.event}")`, missing: true };
}

function endCause(e: NativeEvent): { cause?: EndCause; causeText?: string } | Problem {
  const ends = e.event === 'ended' || e.event === 'missed';
  if (e.cause === undefined) return e.event === 'missed' ? { cause: 'noanswer' } : {};
  if (!ends) return { field: 'cause', message: 'only allowed with "ended" or "missed"' };
  if (!isEndCause(e.cause)) return { cause: 'unknown', causeText: e.cause };
  if (e.event === 'missed' && e.cause === 'completed') {
    return { field: 'cause', message: '"completed" contradicts "missed"; use "ended"' };
  }
  return { cause: e.cause };
}

const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null && 'field' in value;

function translate(e: NativeEvent, source: string, receivedAt: number): CallEvent | Problem {
  const dir = direction(e);
  if (isProblem(dir)) return dir;
  const ending = endCause(e);
  if (isProblem(ending)) return ending;
  if (e.extension !== undefined && e.extensions !== undefined) {
    return { field: 'extensions', message: 'give either "extension" or "extensions", not both' };
  }
  if (e.extensions !== undefined && e.event !== 'ringing') {
    return { field: 'extensions', message: 'only allowed with "ringing"; other events name one "extension"' };
  }
  if (e.event === 'dialing' && e.extension === undefined) {
    return { field: 'extension', message: 'missing (required with "dialing": who places the call)', missing: true };
  }
  if (e.legOnly !== undefined && e.event !== 'ended' && e.event !== 'missed') {
    return { field: 'legOnly', message: 'only allowed with "ended" or "missed"' };
  }
  if (e.legOnly === true && e.extension === undefined) {
    return { field: 'legOnly', message: 'needs "extension": whose leg ended', missing: true };
  }
  return compactEvent({
    source,
    callId: e.callId,
    kind: KIND[e.event],
    direction: dir,
    at: e.time ?? receivedAt,
    extension: e.extension,
    extensions: e.extensions,
    remoteNumber: e.remoteNumber,
    remoteName: e.remoteName,
    localNumber: e.localNumber,
    queue: e.queue,
    cause: ending.cause,
    causeText: ending.causeText,
    legOnly: e.legOnly,
  });
}

function parseOne(item: unknown, source: string, receivedAt: number, prefix: number[]): CallEvent {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    const where = prefix.length ? `${formatPath(prefix)}: ` : 'body: ';
    throw malformed(`${where}expected an event object, got ${describeValue(item)}`);
  }
  const result = nativeEventSchema.safeParse(item);
  if (!result.success) throw malformed(describeIssues(result.error.issues, item, prefix));
  const event = translate(result.data, source, receivedAt);
  if (isProblem(event)) {
    const message = `${formatPath([...prefix, event.field])}: ${event.message}`;
    throw event.missing ? malformed(message) : unprocessable(message);
  }
  return event;
}

export const nativeDialect = defineDialect({
  name: 'native',
  description: 'Switchboard JSON: {"event":"ringing","callId":"…","extension":"201","remoteNumber":"+47…"} or a list of them',
  authModes: ['hmac', 'token'],
  methods: ['POST'],
  acceptsPathEvent: false,
  optionsSchema: z.strictObject({
    requireTimestamp: z.enum(['true', 'false']).default('false'),
  }),
  optionsHelp: {
    requireTimestamp:
      '"true" refuses HMAC-signed requests without X-Switchboard-Timestamp (replay protection); default "false"',
  },
  signature: (options) => ({
    header: 'x-switchboard-signature',
    prefix: 'sha256=',
    timestampHeader: 'x-switchboard-timestamp',
    requireTimestamp: options.requireTimestamp === 'true',
    maxSkewMs: 5 * 60_000,
  }),
  parse(req, { source }) {
    const { body } = req;
    if (Array.isArray(body)) {
      if (body.length === 0) throw malformed('body: empty list; send at least one event');
      if (body.length > MAX_BATCH) throw malformed(`body: ${body.length} events; at most ${MAX_BATCH} per request`);
      return body.map((item, index) => parseOne(item, source, req.receivedAt, [index]));
    }
    if (typeof body !== 'object' || body === null) {
      throw malformed('body: expected a JSON event object or a list of them (Content-Type: application/json)');
    }
    return [parseOne(body, source, req.receivedAt, [])];
  },
});

