import type { SignatureScheme } from './dialect.js';
import { findDialect } from './dialects/index.js';
import { misconfigured, unauthenticated, WebhookError } from './errors.js';
import { secretsEqual } from './secret.js';
import { hexDigestMatches, hmacHex } from './signature.js';
import type { WebhookRequest, WebhookSource } from './types.js';

/**
 * Checks that the request comes from whoever holds the source's secret; throws WebhookError
 * (401 when the caller is at fault, 500 when the source itself is unusable).
 *
 * - `token`: the secret as is, in `Authorization: Bearer`, `X-Switchboard-Token`, the password
 *   of basic auth (`https://x:<secret>@host/…`, what Placetel and sipgate.io document), or
 *   `?token=` (softphones and Zammad-style senders can only be given a URL).
 * - `hmac`: hex HMAC-SHA256 of the raw body in the dialect's signature header.
 */
export function authenticateWebhook(req: WebhookRequest, source: WebhookSource): void {
  try {
    const dialect = findDialect(source.dialect);
    if (!dialect) throw misconfigured(`source ${source.name}: unknown dialect ${JSON.stringify(source.dialect)}`);
    if (!dialect.authModes.includes(source.auth)) {
      throw misconfigured(`source ${source.name}: ${dialect.name} does not support ${source.auth} authentication`);
    }
    if (source.secret === '') throw misconfigured(`source ${source.name} has no secret`);
    if (source.auth === 'token') {
      checkToken(req, source.secret);
      return;
    }
    const scheme = dialect.signatureScheme(source.options);
    if (!scheme) throw misconfigured(`source ${source.name}: ${dialect.name} has no signature scheme`);
    checkSignature(req, source.secret, scheme);
  } catch (err) {
    if (err instanceof WebhookError) throw err;
    throw new WebhookError('internal', 'could not authenticate the request', { cause: err });
  }
}

function header(req: WebhookRequest, name: string): string | undefined {
  const value = req.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

/** `x-placetel-signature` → `X-Placetel-Signature`, for messages. */
const displayName = (name: string): string =>
  name.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());

function tokenCandidates(req: WebhookRequest): string[] {
  const found: string[] = [];
  const authorization = header(req, 'authorization');
  if (authorization) {
    const [scheme = '', ...rest] = authorization.split(/\s+/);
    const credentials = rest.join(' ');
    if (scheme.toLowerCase() === 'bearer') found.push(credentials);
    else if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(credentials, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) found.push(decoded.slice(colon + 1));
    }
  }
  const tokenHeader = header(req, 'x-switchboard-token');
  if (tokenHeader) found.push(tokenHeader);
  const query = req.query['token'];
  for (const value of Array.isArray(query) ? query : [query]) {
    if (value) found.push(value);
  }
  return found;
}

function checkToken(req: WebhookRequest, secret: string): void {
  const candidates = tokenCandidates(req);
  if (candidates.length === 0) {
    throw unauthenticated(
      'missing token: send "Authorization: Bearer <token>", "X-Switchboard-Token: <token>" or add ?token=<token> to the URL',
    );
  }
  // Every candidate is compared, so timing does not tell which place held the right one.
  let ok = false;
  for (const candidate of candidates) ok = secretsEqual(candidate, secret) || ok;
  if (!ok) throw unauthenticated('invalid token');
}

function checkSignature(req: WebhookRequest, secret: string, scheme: SignatureScheme): void {
  const signatureName = displayName(scheme.header);
  const given = header(req, scheme.header);
  if (!given) throw unauthenticated(`missing signature: ${signatureName} header`);
  const hex = scheme.prefix && given.toLowerCase().startsWith(scheme.prefix) ? given.slice(scheme.prefix.length) : given;

  let timestamp: string | undefined;
  if (scheme.timestampHeader) {
    const timestampName = displayName(scheme.timestampHeader);
    timestamp = header(req, scheme.timestampHeader);
    if (timestamp === undefined && scheme.requireTimestamp) throw unauthenticated(`missing ${timestampName} header`);
    if (timestamp !== undefined) {
      if (!/^\d{1,12}$/.test(timestamp)) throw unauthenticated(`${timestampName}: expected epoch seconds`);
      const skewMs = Math.abs(req.receivedAt - Number(timestamp) * 1000);
      const maxSkewMs = scheme.maxSkewMs ?? 300_000;
      if (skewMs > maxSkewMs) {
        throw unauthenticated(
          `${timestampName}: ${Math.round(skewMs / 1000)} s away from our clock (at most ${maxSkewMs / 1000} s); replayed request or clock skew`,
        );
      }
    }
  }

  if (!hexDigestMatches(hex, hmacHex(secret, req.rawBody, timestamp))) {
    throw unauthenticated(
      `invalid signature: ${signatureName} must be ${scheme.prefix}<hex HMAC-SHA256 of the exact body${timestamp === undefined ? '' : ', prefixed by "<timestamp>."'}>`,
    );
  }
}
