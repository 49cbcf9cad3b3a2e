import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { Section } from './Section';

const MIN_LENGTH = 8;

/** A new password ends every session of the account, this one included, so the user signs in again. */
export function PasswordSection() {
  const session = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (next.length < MIN_LENGTH) return setError(t('settings.passwordTooShort', { min: MIN_LENGTH }));
    if (next !== repeat) return setError(t('settings.passwordMismatch'));
    setBusy(true);
    try {
      await api.put(`/users/${session.user.id}/password`, { password: next, currentPassword: current });
      setDone(true);
      setCurrent('');
      setNext('');
      setRepeat('');
    } catch (e) {
      setError(e instanceof ApiError && e.status === 403 ? t('settings.passwordWrongCurrent') : errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="settings-password" title={t('settings.passwordTitle')}>
      {done ? (
        <div role="status">
          <p>{t('settings.passwordChanged')}</p>
          <button type="button" className="primary" onClick={() => void session.signOut()}>
            {t('settings.signInAgain')}
          </button>
        </div>
      ) : (
        <form onSubmit={(event) => void submit(event)} className="settings-form">
          <input type="text" name="username" autoComplete="username" value={session.user.username} readOnly hidden />
          <label>
            {t('settings.currentPassword')}
            <input type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
          </label>
          <label>
            {t('settings.newPassword')}
            <input type="password" autoComplete="new-password" required value={next} onChange={(e) => setNext(e.target.value)} />
          </label>
          <label>
            {t('settings.repeatPassword')}
            <input type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </label>
          <p className="muted settings-help">{t('settings.passwordHelp', { min: MIN_LENGTH })}</p>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <div className="settings-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('settings.changePassword')}
            </button>
          </div>
        </form>
      )}
    </Section>
  );
}
