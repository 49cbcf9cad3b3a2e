import type { PublicUser } from '../../api/types';
import { LANGUAGE_NAMES, isLanguage } from '../../i18n/catalog';
import { useI18n } from '../../i18n/i18n';

export function UserTable({
  users,
  selectedId,
  meId,
  onEdit,
}: {
  users: PublicUser[];
  selectedId: number | null;
  meId: number;
  onEdit: (id: number) => void;
}) {
  const { t } = useI18n();
  if (users.length === 0) return <p className="muted">{t('common.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="admin-table">
        <caption className="visually-hidden">{t('admin.usersTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.displayName')}</th>
            <th scope="col">{t('admin.username')}</th>
            <th scope="col">{t('admin.role')}</th>
            <th scope="col">{t('admin.language')}</th>
            <th scope="col">{t('admin.extensions')}</th>
            <th scope="col">{t('admin.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className={user.id === selectedId ? 'row-selected' : undefined}>
              <td>
                {user.displayName}
                {user.id === meId && <span className="muted"> ({t('admin.you')})</span>}
              </td>
              <td>
                <code>{user.username}</code>
              </td>
              <td>{t(`admin.role_${user.role}`)}</td>
              <td>{isLanguage(user.language) ? LANGUAGE_NAMES[user.language] : user.language}</td>
              <td>
                {user.devices.length === 0
                  ? '–'
                  : user.devices.map((d) => (
                      <span key={d.id} className="extension">
                        {d.extension}
                        {d.isDefault && user.devices.length > 1 ? ' *' : ''}{' '}
                      </span>
                    ))}
              </td>
              <td>{user.disabled ? <span className="tag tag-danger">{t('admin.disabled')}</span> : t('admin.active')}</td>
              <td>
                <button
                  type="button"
                  aria-expanded={user.id === selectedId}
                  aria-label={t('admin.editNamed', { name: user.displayName })}
                  onClick={() => onEdit(user.id)}
                >
                  {t('common.edit')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
