import { useState } from 'react';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { SaveActions } from './SaveActions';
import { Section } from './Section';
import { usePreferencesForm } from './usePreferencesForm';

type Permission = NotificationPermission | 'unsupported';

const currentPermission = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/** Desktop notifications and the ringtone. The browser's own permission is shown beside the choice, since both are needed. */
export function NotificationsSection() {
  const session = useSession();
  const { t } = useI18n();
  const { draft, setDraft, submit, save } = usePreferencesForm({ notifications: session.preferences.notifications, ringtone: session.preferences.ringtone });
  const [permission, setPermission] = useState<Permission>(currentPermission);

  const ask = async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };

  return (
    <Section id="settings-notifications" title={t('settings.notificationsTitle')}>
      <form onSubmit={submit} className="settings-form">
        <label className="inline">
          <input type="checkbox" checked={draft.notifications} onChange={(event) => setDraft({ notifications: event.target.checked })} />
          {t('settings.notifications')}
        </label>
        <div className="settings-permission">
          <span>{t(`settings.permission_${permission}`)}</span>
          {permission === 'default' && (
            <button type="button" onClick={() => void ask()}>
              {t('settings.askPermission')}
            </button>
          )}
          {permission === 'denied' && <span className="muted">{t('settings.permissionDeniedHelp')}</span>}
          {draft.notifications && permission !== 'granted' && permission !== 'unsupported' && (
            <span className="notice">{t('settings.permissionNeeded')}</span>
          )}
        </div>
        <label className="inline">
          <input type="checkbox" checked={draft.ringtone} onChange={(event) => setDraft({ ringtone: event.target.checked })} />
          {t('settings.ringtone')}
        </label>
        <SaveActions save={save} />
      </form>
    </Section>
  );
}
