import { useMemo } from 'react';
import { useI18n } from '../../i18n/i18n';
import { connectionState, type AmiSourceInfo } from './source-types';
import './sources.css';

/**
 * How the connection to an AMI source stands, in words: while it retries, also why it failed and
 * when it tries next, so an admin can tell a wrong secret from a PBX that is down.
 */
export function ConnectionBadge({ source, details = true }: { source: AmiSourceInfo; details?: boolean }) {
  const { t, locale, dateTime } = useI18n();
  // With seconds: the next attempt is often less than a minute away.
  const clock = useMemo(() => new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }), [locale]);
  const state = connectionState(source);
  const status = source.enabled ? source.connection : null;
  const lines: string[] = [];
  if (details && status) {
    if (state === 'connected' && status.connectedAt !== null) lines.push(t('admin.connSince', { time: dateTime(status.connectedAt) }));
    if (state !== 'connected' && status.lastError) lines.push(t('admin.connLastError', { error: status.lastError }));
    if (state === 'reconnecting' && status.nextAttemptAt !== null) lines.push(t('admin.connNextAttempt', { time: clock.format(status.nextAttemptAt) }));
  }
  return (
    <>
      <span className={`conn-badge conn-${state}`}>{t(`admin.conn_${state}`)}</span>
      {lines.length > 0 && (
        <div className="conn-details muted">
          {lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
    </>
  );
}
