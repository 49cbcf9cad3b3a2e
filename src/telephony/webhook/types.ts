/**
 * The contract between the HTTP server and the webhook dialects. The server turns an HTTP
 * request into a WebhookRequest; a dialect turns that into CallEvents. Dialects never see
 * Fastify, users or storage.
 */

export const DIALECT_NAMES = ['native', 'crmplus', 'zammad', 'placetel'] as const;
export type DialectName = (typeof DIALECT_NAMES)[number];

/** `token`: a shared secret sent as is. `hmac`: the raw body signed with the shared secret. */
export const AUTH_MODES = ['token', 'hmac'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export type HttpMethod = 'GET' | 'POST';

/** Query strings and form bodies: repeated keys become arrays; `user[]` stays `user[]`. */
export type ParamValue = string | string[] | undefined;

export interface WebhookRequest {
  /** 'GET' or 'POST' (anything else is refused with 405). */
  method: string;
  /** The optional `:event` segment of `/api/v1/hooks/:source/:event`. */
  pathEvent?: string;
  query: Record<string, ParamValue>;
  /** Already parsed: a JSON value, a form-urlencoded object, or undefined when there was none. */
  body: unknown;
  /** The exact bytes received, for HMAC verification. */
  rawBody: Buffer;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  /** Epoch ms; the event time when the payload carries none. */
  receivedAt: number;
}

export interface WebhookSource {
  /** Becomes `CallEvent.source`. */
  name: string;
  dialect: DialectName;
  secret: string;
  auth: AuthMode;
  /** Dialect-specific settings, validated by the dialect's `optionsSchema`. */
  options: Record<string, string>;
}

export const isDialectName = (value: string): value is DialectName =>
  (DIALECT_NAMES as readonly string[]).includes(value);

export const isAuthMode = (value: string): value is AuthMode => (AUTH_MODES as readonly string[]).includes(value);
