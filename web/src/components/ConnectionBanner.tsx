import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useRealtime } from '../realtime/realtime';

/** Says plainly when live updates have stopped, and when the next attempt is. */
export function ConnectionBanner() {
  const { status, retryAt, reconnectNow } = useRealtime();
  const { t } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (status !== 'lost') return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [status]);
  if (status !== 'lost') return null;
  const seconds = retryAt ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : 0;
  return (
    <div className="connection-banner" role="alert">
      <span>{t('shell.connectionLost', { seconds })}</span>
      <button type="button" onClick={reconnectNow}>
        {t('shell.reconnectNow')}
      </button>
    </div>
  );
}
