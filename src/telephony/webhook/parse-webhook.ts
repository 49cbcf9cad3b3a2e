import type { CallEvent } from '../../domain/calls/call-event.js';
import { findDialect } from './dialects/index.js';
import { misconfigured, WebhookError } from './errors.js';
import type { WebhookRequest, WebhookSource } from './types.js';

/**
 * Translates an authenticated request into CallEvents in the source's dialect. Throws only
 * WebhookError. An empty list is a valid answer (an event that carries no call state).
 */
export function parseWebhook(req: WebhookRequest, source: WebhookSource): CallEvent[] {
  try {
    const dialect = findDialect(source.dialect);
    if (!dialect) throw misconfigured(`source ${source.name}: unknown dialect ${JSON.stringify(source.dialect)}`);
    const method = req.method.toUpperCase();
    if (!(dialect.methods as readonly string[]).includes(method)) {
      throw new WebhookError(
        'method_not_allowed',
        `${method} not accepted: ${dialect.name} sources take ${dialect.methods.join(' or ')}`,
      );
    }
    if (req.pathEvent !== undefined && !dialect.acceptsPathEvent) {
      throw new WebhookError(
        'not_found',
        `${dialect.name} sources take no event in the path: send to /api/v1/hooks/${source.name}`,
      );
    }
    return dialect.parse(req, source.name, source.options);
  } catch (err) {
    if (err instanceof WebhookError) throw err;
    throw new WebhookError('internal', 'could not translate the request', { cause: err });
  }
}
