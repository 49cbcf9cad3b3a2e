import { useEffect, useState } from 'react';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { notificationPermission, requestNotificationPermission } from './notify';

const DISMISSED_KEY = 'switchboard.notificationPrompt.dismissed';

function wasDismissed(): boolean {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * A polite offer to turn on desktop notifications. Browsers frown on asking at page load, so the
 * permission is only requested when the user clicks; "Not now" is remembered.
 */
export function NotificationPrompt() {
  const { t } = useI18n();
  const { preferences } = useSession();
  const [permission, setPermission] = useState(notificationPermission);
  const [dismissed, setDismissed] = useState(wasDismissed);

  useEffect(() => {
    // The answer may have been given in another tab or in the browser's settings.
    const recheck = () => setPermission(notificationPermission());
    window.addEventListener('focus', recheck);
    return () => window.removeEventListener('focus', recheck);
  }, []);

  if (permission !== 'default' || dismissed || !preferences.notifications) return null;

  const dismiss = () => {
    setDismissed(true);
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      /* shown again next time, no harm */
    }
  };

  return (
    <div className="notify-bar" role="region" aria-label={t('popup.notifyPrompt')}>
      <p>{t('popup.notifyPrompt')}</p>
      <div className="popup-buttons">
        <button type="button" className="primary" onClick={() => void requestNotificationPermission().then(setPermission)}>
          {t('popup.notifyEnable')}
        </button>
        <button type="button" onClick={dismiss}>
          {t('popup.notifyLater')}
        </button>
      </div>
    </div>
  );
}
