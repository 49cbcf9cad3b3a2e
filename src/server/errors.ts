import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { CallControlError, type CallControlErrorCode } from '../calls/call-control.js';
import { UnknownExtensionError } from '../calls/call-service.js';
import { ContactAccessError } from '../contacts/contact-service.js';
import { WebhookError } from '../telephony/webhook/errors.js';
import { UserInputError } from '../users/user-service.js';

/** An error whose message is meant for the person who sent the request. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'error',
  ) {
    super(message);
  }
}

/** The phone controls' error codes (src/calls/call-control.ts) and the HTTP status of each. */
export const CALL_CONTROL_STATUS: Readonly<Record<CallControlErrorCode, number>> = {
  invalid: 400,
  forbidden: 403,
  not_on_call: 409,
  no_phone: 409,
  pbx_refused: 502,
  pbx_unavailable: 503,
};

export const notFound = (what: string) => new HttpError(404, `${what} does not exist`, 'not_found');
export const forbidden = (message = 'you may not do this') => new HttpError(403, message, 'forbidden');

/** Validates at the edge; messages name the field: "numbers.0.type: Invalid option…". */
export function validate<S extends z.ZodType>(schema: S, data: unknown, where = ''): z.infer<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const message = result.error.issues
    .map((issue) => {
      const path = [where, ...issue.path.map(String)].filter(Boolean).join('.');
      if (issue.code === 'unrecognized_keys') return `${issue.keys.map((k) => (path ? `${path}.${k}` : k)).join(', ')}: unknown field`;
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
  throw new HttpError(400, message, 'invalid');
}

export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const send = (status: number, code: string, message: string) => void reply.status(status).send({ error: { code, message } });
  if (error instanceof HttpError) return send(error.status, error.code, error.message);
  if (error instanceof WebhookError) {
    request.log.warn({ source: (request.params as { source?: string }).source, err: error.message }, 'webhook refused');
    return send(error.status, error.code, error.message);
  }
  if (error instanceof UnknownExtensionError) {
    request.log.warn({ extensions: error.extensions }, 'call event for unknown extension');
    return send(422, 'unknown_extension', error.message);
  }
  if (error instanceof UserInputError) return send(error.status, 'invalid', error.message);
  if (error instanceof CallControlError) return send(CALL_CONTROL_STATUS[error.code], error.code, error.message);
  if (error instanceof ContactAccessError) return send(error.status, error.status === 404 ? 'not_found' : 'forbidden', error.message);
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode && fastifyError.statusCode < 500) {
    return send(fastifyError.statusCode, fastifyError.code ?? 'error', fastifyError.message);
  }
  request.log.error({ err: error }, 'request failed');
  send(500, 'internal', 'internal error; the details are in the server log');
}
