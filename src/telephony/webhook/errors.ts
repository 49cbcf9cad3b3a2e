/**
 * The only error type the webhook layer throws. The server answers with `status` and `message`
 * as they are, so messages are written for the person configuring the phone system.
 */
export type WebhookErrorCode =
  | 'malformed' // 400: the request cannot be read as this dialect
  | 'unauthenticated' // 401: missing or wrong token / signature
  | 'not_found' // 404: a path the source does not serve
  | 'method_not_allowed' // 405
  | 'unprocessable' // 422: well-formed, but contradicts itself
  | 'misconfigured' // 500: the source's own configuration is unusable
  | 'internal'; // 500: a bug on our side

const STATUS: Record<WebhookErrorCode, number> = {
  malformed: 400,
  unauthenticated: 401,
  not_found: 404,
  method_not_allowed: 405,
  unprocessable: 422,
  misconfigured: 500,
  internal: 500,
};

export class WebhookError extends Error {
  readonly status: number;
  readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookError';
    this.code = code;
    this.status = STATUS[code];
  }
}

export const malformed = (message: string): WebhookError => new WebhookError('malformed', message);
export const unprocessable = (message: string): WebhookError => new WebhookError('unprocessable', message);
export const unauthenticated = (message: string): WebhookError => new WebhookError('unauthenticated', message);
export const misconfigured = (message: string): WebhookError => new WebhookError('misconfigured', message);
