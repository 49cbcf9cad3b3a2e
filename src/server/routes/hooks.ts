import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Switchboard } from '../../app/switchboard.js';
import { authenticateWebhook, parseWebhook, WebhookError, webhookReply, type WebhookRequest } from '../../telephony/webhook/index.js';
import { baseUrl } from '../../sources/source-service.js';
import type { ParamValue } from '../../telephony/webhook/types.js';
import { HttpError } from '../errors.js';

function formToObject(text: string): Record<string, ParamValue> {
  // No prototype: a field named "constructor" or "__proto__" is just a field.
  const out = Object.create(null) as Record<string, ParamValue>;
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = Object.hasOwn(out, key) ? out[key] : undefined;
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

/** Reads the body the way the phone system meant it, keeping the exact bytes for signatures. */
function parseBody(request: FastifyRequest, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') return formToObject(text);
  if (type === 'application/json' || type.endsWith('+json') || type === 'text/plain' || type === '') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      if (type === 'application/json' || type.endsWith('+json')) throw new WebhookError('malformed', `body is not valid JSON: ${(error as Error).message}`);
      return formToObject(text);
    }
  }
  throw new HttpError(415, `content type ${type} is not understood; send application/json or application/x-www-form-urlencoded`, 'unsupported_media_type');
}

/**
 * The webhook endpoint every phone system posts to: public, but each request must carry its
 * source's token or signature. The events are in the call log before we answer 202.
 */
export async function hookRoutes(app: FastifyInstance, { sb }: { sb: Switchboard }): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const handle = async (request: FastifyRequest) => {
    const params = request.params as { source: string; event?: string };
    const source = await sb.sources.forWebhook(params.source);
    if (!source) throw new HttpError(404, `no webhook source named "${params.source}"; create it with "switchboard sources add"`, 'not_found');
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const req: WebhookRequest = {
      method: request.method,
      pathEvent: params.event,
      query: request.query as Record<string, ParamValue>,
      body: parseBody(request, rawBody),
      rawBody,
      headers: request.headers,
      receivedAt: Date.now(),
    };
    authenticateWebhook(req, source);
    const events = parseWebhook(req, source);
    const updates = await sb.calls.ingest(events);
    // Some senders (sipgate.io) need an answer in their own format to keep sending events.
    const reply = webhookReply(req, source, `${baseUrl(sb.config)}${request.url}`);
    return { reply, result: { accepted: events.length, calls: [...new Set(updates.map((u) => u.call.id))] } };
  };

  for (const url of ['/hooks/:source', '/hooks/:source/:event']) {
    app.route({
      method: ['GET', 'POST'],
      url,
      handler: async (request, reply) => {
        const handled = await handle(request);
        if (handled.reply) {
          reply.status(200).type(handled.reply.contentType);
          return handled.reply.body;
        }
        reply.status(202);
        return handled.result;
      },
    });
  }
}
