import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';

/** What the panel is for, while no phone system feeds it, and where one is connected. */
export function NoPbx() {
  const { t } = useI18n();
  const { isAdmin } = useSession();
  return (
    <div className="panel-empty card">
      <h2>{t('panel.emptyTitle')}</h2>
      <p>{t('panel.emptyText', { admin: t('shell.admin'), sources: t('shell.sources') })}</p>
      {isAdmin && (
        <p>
          <Link to="/admin/sources">{t('panel.emptyAdminLink')}</Link>
        </p>
      )}
    </div>
  );
}
