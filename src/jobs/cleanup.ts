import type { Switchboard } from '../app/switchboard.js';

/**
 * The nightly clean-up: closes call records that were opened but never completed (their end
 * event was lost and the process restarted in between), purges calls past the retention period,
 * and drops expired sessions.
 */
export async function runCleanup(sb: Switchboard, now = Date.now()) {
  const staleBefore = now - sb.config.calls.maxCallSeconds * 1000;
  const purgeBefore = now - sb.config.calls.retentionDays * 86_400_000;
  const calls = await sb.repos.calls.cleanup(staleBefore, purgeBefore, now);
  const sessions = await sb.repos.credentials.purgeExpiredSessions(now);
  sb.log.info({ ...calls, sessions }, 'daily clean-up done');
  return { ...calls, sessions };
}
