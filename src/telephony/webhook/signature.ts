import { createHmac, timingSafeEqual } from 'node:crypto';

/** Lower-case hex HMAC-SHA256 of `body` (prefixed by `<timestamp>.` when a timestamp is given). */
export function hmacHex(secret: string, body: Buffer | string, timestamp?: string): string {
  const mac = createHmac('sha256', secret);
  if (timestamp !== undefined) mac.update(`${timestamp}.`, 'utf8');
  mac.update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
  return mac.digest('hex');
}

/**
 * The value a sender puts in `X-Switchboard-Signature` (and, with a timestamp, the value of
 * `X-Switchboard-Timestamp` it signed). For integrators' tests and our own outgoing calls.
 */
export function signNativeBody(secret: string, body: Buffer | string, timestampSeconds?: number): string {
  return `sha256=${hmacHex(secret, body, timestampSeconds === undefined ? undefined : String(timestampSeconds))}`;
}

/** Constant-time check of a hex digest against the expected one; false for anything not 64 hex digits. */
export function hexDigestMatches(givenHex: string, expectedHex: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(givenHex)) return false;
  return timingSafeEqual(Buffer.from(givenHex.toLowerCase(), 'hex'), Buffer.from(expectedHex, 'hex'));
}
