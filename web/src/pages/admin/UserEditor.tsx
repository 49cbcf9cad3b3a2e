import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Language, PublicUser } from '../../api/types';
import { isLanguage } from '../../i18n/catalog';
import { useI18n } from '../../i18n/i18n';
import { SaveStatus } from '../settings/SaveStatus';
import { useSaveState } from '../settings/useSaveState';
import { ConfirmButton } from './ConfirmButton';
import { UserDevices } from './UserDevices';
import { LanguageOptions } from '../settings/LanguageOptions';
import { SelectField } from '../settings/SelectField';

/** One account opened from the table: its details, a new password, its phones, or deleting it. */
export function UserEditor({
  user,
  isMe,
  onChanged,
  onDeleted,
  onClose,
}: {
  user: PublicUser;
  isMe: boolean;
  onChanged: () => Promise<void>;
  onDeleted: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const account = useSaveState();
  const [form, setForm] = useState({
    displayName: user.displayName,
    role: user.role,
    language: (isLanguage(user.language) ? user.language : 'en') as Language,
    disabled: user.disabled,
  });
  const set = (change: Partial<typeof form>) => {
    setForm((f) => ({ ...f, ...change }));
    account.touch();
  };
  const saveAccount = (event: FormEvent) => {
    event.preventDefault();
    void account.run(async () => {
      // Only what changed: the server refuses a role or "disabled" on one's own account even unchanged.
      const changes: Partial<typeof form> = {};
      if (form.displayName.trim() !== user.displayName) changes.displayName = form.displayName.trim();
      if (form.role !== user.role) changes.role = form.role;
      if (form.language !== user.language) changes.language = form.language;
      if (form.disabled !== user.disabled) changes.disabled = form.disabled;
      if (Object.keys(changes).length > 0) await api.patch(`/users/${user.id}`, changes);
      await onChanged();
    });
  };

  const password = useSaveState();
  const [newPassword, setNewPassword] = useState('');
  const savePassword = (event: FormEvent) => {
    event.preventDefault();
    void password
      .run(() => api.put(`/users/${user.id}/password`, { password: newPassword }))
      .then((ok) => ok && setNewPassword(''));
  };

  const removal = useSaveState();
  const id = `user-${user.id}`;

  return (
    <section className="card admin-section" aria-labelledby={`${id}-title`}>
      <div className="settings-actions">
        <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
          {t('admin.editUser', { name: user.displayName })}
        </h2>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>

      <form className="admin-form" onSubmit={saveAccount}>
        <label>
          {t('admin.displayName')}
          <input value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} required maxLength={200} />
        </label>
        <SelectField label={t('admin.role')} value={form.role} onChange={(e) => set({ role: e.target.value as PublicUser['role'] })} disabled={isMe} aria-describedby={isMe ? `${id}-self` : undefined}>
          <option value="user">{t('admin.role_user')}</option>
          <option value="admin">{t('admin.role_admin')}</option>
        </SelectField>
        <SelectField label={t('admin.language')} value={form.language} onChange={(e) => set({ language: e.target.value as Language })}>
          <LanguageOptions />
        </SelectField>
        <label className="inline">
          <input type="checkbox" checked={form.disabled} onChange={(e) => set({ disabled: e.target.checked })} disabled={isMe} />
          {t('admin.disableAccount')}
        </label>
        <p className="muted admin-help wide" id={`${id}-self`}>
          {isMe ? t('admin.selfLimits') : t('admin.disableHelp')}
        </p>
        <div className="admin-form-actions">
          <button type="submit" className="primary" disabled={account.busy}>
            {t('common.save')}
          </button>
          <SaveStatus state={account.state} />
        </div>
      </form>

      <h3>{t('admin.resetPassword')}</h3>
      {isMe ? (
        <p className="muted">{t('admin.ownPassword')}</p>
      ) : (
        <form className="admin-form" onSubmit={savePassword}>
          <label>
            {t('admin.newPassword')}
            <input
              type="password"
              autoComplete="new-password"
              required
              value={newPassword}
              onChange={(e) => {
                setNewPassword(e.target.value);
                password.touch();
              }}
            />
          </label>
          <p className="muted admin-help wide">{t('admin.resetPasswordHelp')}</p>
          <div className="admin-form-actions">
            <button type="submit" disabled={password.busy}>
              {t('admin.setPassword')}
            </button>
            <SaveStatus state={password.state} />
          </div>
        </form>
      )}

      <UserDevices user={user} onChanged={onChanged} />

      <h3>{t('admin.deleteUser')}</h3>
      {isMe ? (
        <p className="muted">{t('admin.cannotDeleteSelf')}</p>
      ) : (
        <div className="settings-actions">
          <ConfirmButton
            question={t('admin.deleteUserQuestion', { name: user.displayName })}
            confirmLabel={t('admin.deleteUserConfirm')}
            onConfirm={async () => {
              const ok = await removal.run(() => api.delete(`/users/${user.id}`));
              if (ok) await onDeleted();
            }}
          >
            {t('admin.deleteUserNamed', { name: user.displayName })}
          </ConfirmButton>
          <SaveStatus state={removal.state.phase === 'error' ? removal.state : { phase: 'idle' }} />
        </div>
      )}
    </section>
  );
}
