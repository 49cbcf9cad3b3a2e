import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Language, PublicUser } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { LanguageOptions } from '../settings/LanguageOptions';
import { SelectField } from '../settings/SelectField';

const EMPTY = { username: '', displayName: '', password: '', role: 'user' as PublicUser['role'], language: 'en' as Language, extension: '' };

export function CreateUserForm({ onCreated }: { onCreated: (user: PublicUser) => void | Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState({ ...EMPTY, language: i18n.language });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const set = (change: Partial<typeof form>) => {
    setForm((f) => ({ ...f, ...change }));
    setCreated(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const extension = form.extension.trim();
      const reply = await api.post<{ user: PublicUser }>('/users', {
        username: form.username.trim(),
        password: form.password,
        displayName: form.displayName.trim() || undefined,
        role: form.role,
        language: form.language,
        devices: extension ? [{ extension, isDefault: true }] : undefined,
      });
      setForm({ ...EMPTY, language: form.language });
      setCreated(reply.user.username);
      await onCreated(reply.user);
    } catch (e) {
      setError(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card admin-section" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('admin.createUser')}</h2>
      <form className="admin-form" onSubmit={(event) => void submit(event)}>
        <label>
          {t('admin.username')}
          <input
            value={form.username}
            onChange={(e) => set({ username: e.target.value })}
            required
            maxLength={63}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="create-user-username-help"
          />
        </label>
        <label>
          {t('admin.displayName')}
          <input value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} maxLength={200} autoComplete="off" />
        </label>
        <label>
          {t('admin.password')}
          <input type="password" value={form.password} onChange={(e) => set({ password: e.target.value })} required autoComplete="new-password" />
        </label>
        <SelectField label={t('admin.role')} value={form.role} onChange={(e) => set({ role: e.target.value as PublicUser['role'] })}>
          <option value="user">{t('admin.role_user')}</option>
          <option value="admin">{t('admin.role_admin')}</option>
        </SelectField>
        <SelectField label={t('admin.language')} value={form.language} onChange={(e) => set({ language: e.target.value as Language })}>
          <LanguageOptions />
        </SelectField>
        <label>
          {t('admin.firstExtension')}
          <input value={form.extension} onChange={(e) => set({ extension: e.target.value })} inputMode="tel" maxLength={32} autoComplete="off" placeholder="201" />
        </label>
        <p id="create-user-username-help" className="muted admin-help wide">
          {t('admin.usernameHelp')}
        </p>
        {error && (
          <p className="error wide" role="alert">
            {error}
          </p>
        )}
        <div className="admin-form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('admin.createUserButton')}
          </button>
          <span className="admin-status" role="status">
            {created ? t('admin.userCreated', { username: created }) : ''}
          </span>
        </div>
      </form>
    </section>
  );
}
