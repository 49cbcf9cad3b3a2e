import type { CredentialsRepo } from '../../store/credentials.js';
import type { UsersRepo } from '../../store/users.js';
import type { Principal } from './principal.js';
import { randomToken, sha256 } from './secrets.js';

export const SESSION_COOKIE = 'sb_session';
export const TOKEN_PREFIX = 'sbt_';

/** Sessions slide: each use extends them, but they are only written back once a minute. */
const TOUCH_INTERVAL_MS = 60_000;

export class Authenticator {
  constructor(
    private readonly users: UsersRepo,
    private readonly credentials: CredentialsRepo,
    private readonly sessionMs: number,
  ) {}

  async startSession(userId: number, userAgent: string | undefined, now = Date.now()): Promise<{ cookie: string; expiresAt: number }> {
    const cookie = randomToken('');
    const expiresAt = now + this.sessionMs;
    await this.credentials.createSession({ idHash: sha256(cookie), userId, now, expiresAt, userAgent });
    return { cookie, expiresAt };
  }

  async fromSession(cookie: string, now = Date.now()): Promise<Principal | undefined> {
    const idHash = sha256(cookie);
    const session = await this.credentials.sessionByHash(idHash);
    if (!session) return undefined;
    if (session.expires_at <= now) {
      await this.credentials.deleteSession(idHash);
      return undefined;
    }
    const principal = await this.principal(session.user_id, 'session');
    if (!principal) return undefined;
    if (now - session.last_seen_at > TOUCH_INTERVAL_MS) await this.credentials.touchSession(idHash, now, now + this.sessionMs);
    return { ...principal, sessionHash: idHash };
  }

  async fromToken(token: string, now = Date.now()): Promise<Principal | undefined> {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    const row = await this.credentials.tokenByHash(sha256(token));
    if (!row) return undefined;
    const principal = await this.principal(row.user_id, 'token');
    if (principal && (row.last_used_at === null || now - row.last_used_at > TOUCH_INTERVAL_MS)) await this.credentials.touchToken(row.id, now);
    return principal;
  }

  async createToken(userId: number, name: string, now = Date.now()) {
    const token = randomToken(TOKEN_PREFIX);
    const row = await this.credentials.createToken({ userId, name, tokenHash: sha256(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6), now });
    return { token, ...row };
  }

  private async principal(userId: number, via: Principal['via']): Promise<Principal | undefined> {
    const user = await this.users.byId(userId);
    if (!user || user.disabled) return undefined;
    return { userId: user.id, username: user.username, displayName: user.display_name, role: user.role, language: user.language, presence: user.presence, via };
  }
}
