import { useI18n } from '../../i18n/i18n';
import { ConfirmButton } from './ConfirmButton';
import { ConnectionBadge } from './ConnectionBadge';
import { hostPort, isAmiSource, type SourceInfo } from './source-types';

export function SourceTable({
  sources,
  shownName,
  onShow,
  onRotate,
  onDelete,
}: {
  sources: SourceInfo[];
  shownName: string | null;
  onShow: (name: string) => Promise<void>;
  onRotate: (name: string) => Promise<void>;
  onDelete: (name: string) => Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (sources.length === 0) return <p className="muted">{t('admin.noSources')}</p>;
  return (
    <div className="table-wrap">
      <table className="admin-table">
        <caption className="visually-hidden">{t('admin.sourcesTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.sourceName')}</th>
            <th scope="col">{t('admin.dialect')}</th>
            <th scope="col">{t('admin.auth')}</th>
            <th scope="col">{t('admin.sourceAddress')}</th>
            <th scope="col">{t('admin.created')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.name} className={s.name === shownName ? 'row-selected' : undefined}>
              <td>
                <code>{s.name}</code>
                {/* An AMI source's badge says "switched off" itself. */}
                {!s.enabled && !isAmiSource(s) && <span className="tag tag-danger"> {t('admin.sourceOff')}</span>}
              </td>
              {isAmiSource(s) ? (
                <>
                  <td>{t('admin.dialect_ami')}</td>
                  <td>{t(`admin.amiAuth_${s.ami.auth}`)}</td>
                  <td className="url-cell">
                    <code>{hostPort(s.ami)}</code>
                    {s.ami.tls && ' (TLS)'}
                    <div>
                      <ConnectionBadge source={s} />
                    </div>
                  </td>
                </>
              ) : (
                <>
                  <td>{s.dialect}</td>
                  <td>{s.auth === 'hmac' ? t('admin.auth_hmac') : s.auth === 'token' ? t('admin.auth_token') : s.auth}</td>
                  <td className="url-cell">
                    <code>{s.url}</code>
                  </td>
                </>
              )}
              <td>{i18n.date(s.createdAt)}</td>
              <td>
                <div className="admin-actions">
                  {isAmiSource(s) ? (
                    <button type="button" aria-label={t('admin.editSourceNamed', { name: s.name })} onClick={() => void onShow(s.name)}>
                      {t('admin.editSource')}
                    </button>
                  ) : (
                    <>
                      <button type="button" aria-label={t('admin.showSourceNamed', { name: s.name })} onClick={() => void onShow(s.name)}>
                        {t('admin.showSource')}
                      </button>
                      {/* An AMI source's secret is the PBX's own: there is nothing to rotate. */}
                      <ConfirmButton
                        ariaLabel={t('admin.rotateNamed', { name: s.name })}
                        question={t('admin.rotateQuestion', { name: s.name })}
                        confirmLabel={t('admin.rotateConfirm')}
                        onConfirm={() => onRotate(s.name)}
                      >
                        {t('admin.rotate')}
                      </ConfirmButton>
                    </>
                  )}
                  <ConfirmButton
                    ariaLabel={t('admin.deleteSourceNamed', { name: s.name })}
                    question={t('admin.deleteSourceQuestion', { name: s.name })}
                    confirmLabel={t('common.delete')}
                    onConfirm={() => onDelete(s.name)}
                  >
                    {t('common.delete')}
                  </ConfirmButton>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
