import { useState, type FormEvent } from 'react';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { Section } from './Section';
import { SaveStatus } from './SaveStatus';
import { useDraft } from './useDraft';
import { useSaveState } from './useSaveState';

type Permission = NotificationPermission | 'unsupported';

const currentPermission = (): Permission => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/** Desktop notifications and the ringtone. The browser's own permission is shown beside the choice, since both are needed. */
export function NotificationsSection() {
  const session = useSession();
  const { t } = useI18n();
  const save = useSaveState();
  const { draft, setDraft, settle } = useDraft({ notifications: session.preferences.notifications, ringtone: session.preferences.ringtone });
  const [permission, setPermission] = useState<Permission>(currentPermission);

  const ask = async () => {
    if (typeof Notification === 'undefined') return;
    setPermission(await Notification.requestPermission());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(async () => {
      await session.updatePreferences(draft);
      settle();
    });
  };

  return (
    <Section id="settings-notifications" title={t('settings.notificationsTitle')}>
      <form onSubmit={submit} className="settings-form">
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.notifications}
            onChange={(event) => {
              setDraft({ notifications: event.target.checked });
              save.touch();
            }}
          />
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
          <input
            type="checkbox"
            checked={draft.ringtone}
            onChange={(event) => {
              setDraft({ ringtone: event.target.checked });
              save.touch();
            }}
          />
          {t('settings.ringtone')}
        </label>
        <div className="settings-actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {t('common.save')}
          </button>
          <SaveStatus state={save.state} />
        </div>
      </form>
    </Section>
  );
}
