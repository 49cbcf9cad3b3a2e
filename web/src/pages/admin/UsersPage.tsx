import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { PublicUser } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { CreateUserForm } from './CreateUserForm';
import { UserEditor } from './UserEditor';
import { UserTable } from './UserTable';
import '../settings/settings.css';
import './admin.css';

/** Accounts and their phones, for admins. */
export function UsersPage() {
  const session = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [users, setUsers] = useState<PublicUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      setUsers((await api.get<{ users: PublicUser[] }>('/users')).users);
      setError(null);
    } catch (e) {
      setError(errorText(e, i18n));
    }
  }, [i18n]);
  useEffect(() => {
    void load();
  }, [load]);

  /** After a change: the list, and the session when it was the admin's own account. */
  const changed = useCallback(
    async (userId: number) => {
      await load();
      if (userId === session.user.id) await session.refresh();
    },
    [load, session],
  );

  const selected = users?.find((u) => u.id === editing) ?? null;

  return (
    <div className="admin-page">
      <h1>{t('admin.usersTitle')}</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {users === null && !error && <p role="status">{t('common.loading')}</p>}
      {users && <UserTable users={users} selectedId={editing} meId={session.user.id} onEdit={(id) => setEditing(id === editing ? null : id)} />}
      {selected && (
        <UserEditor
          key={selected.id}
          user={selected}
          isMe={selected.id === session.user.id}
          onChanged={() => changed(selected.id)}
          onDeleted={async () => {
            setEditing(null);
            await load();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      <CreateUserForm
        onCreated={async (user) => {
          await load();
          setEditing(user.id);
        }}
      />
    </div>
  );
}
