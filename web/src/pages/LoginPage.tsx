import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import type { Language } from '../api/types';
import { useSignIn } from '../app/session';
import { LANGUAGE_NAMES, LANGUAGES } from '../i18n/catalog';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../lib/errors';

export function LoginPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { expired, signedIn } = useSignIn();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/login', { username, password });
      await signedIn();
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setError(t('auth.wrong'));
      else if (e instanceof ApiError && e.status === 429) setError(t('auth.rateLimited'));
      else setError(errorText(e, i18n));
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="login-form card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t('auth.title')}</h1>
        {expired && !error && (
          <p className="notice" role="status">
            {t('auth.expired')}
          </p>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <label>
          {t('auth.username')}
          <input name="username" autoComplete="username" autoCapitalize="none" required value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('auth.signingIn') : t('auth.signIn')}
        </button>
        <label className="inline">
          {t('auth.language')}
          <select value={i18n.language} onChange={(e) => i18n.setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </form>
    </main>
  );
}
