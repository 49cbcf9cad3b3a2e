import type { WebhookReply } from './dialect.js';
import { findDialect } from './dialects/index.js';
import type { WebhookRequest, WebhookSource } from './types.js';

/**
 * What to answer a successfully parsed request with, when the sender needs more than an empty
 * 2xx: sipgate.io only sends answer/hangup events if its newCall request is answered with XML
 * naming the URL to send them to. `hookUrl` is the public URL that request came in on, query
 * (token) included, since sipgate.io calls it as is. Undefined: answer as usual.
 */
export function webhookReply(req: WebhookRequest, source: WebhookSource, hookUrl: string): WebhookReply | undefined {
  return findDialect(source.dialect)?.reply(req, hookUrl);
}
