import { useCallback, useState } from 'react';
import { api } from '../../api/client';
import type { PublicUser } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useFetch } from '../../lib/use-fetch';
import { CreateUserForm } from './CreateUserForm';
import { UserEditor } from './UserEditor';
import { UserTable } from './UserTable';
import '../settings/settings.css';
import './admin.css';

const loadUsers = async (path: string) => (await api.get<{ users: PublicUser[] }>(path)).users;

/** Accounts and their phones, for admins. */
export function UsersPage() {
  const session = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const list = useFetch('/users', loadUsers);
  const { reload } = list;
  const users = list.data ?? null;
  const error = list.error ? errorText(list.error, i18n) : null;
  const [editing, setEditing] = useState<number | null>(null);

  /** After a change: the list, and the session when it was the admin's own account. */
  const changed = useCallback(
    async (userId: number) => {
      await reload();
      if (userId === session.user.id) await session.refresh();
    },
    [reload, session],
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
            await reload();
          }}
          onClose={() => setEditing(null)}
        />
      )}
      <CreateUserForm
        onCreated={async (user) => {
          await reload();
          setEditing(user.id);
        }}
      />
    </div>
  );
}
