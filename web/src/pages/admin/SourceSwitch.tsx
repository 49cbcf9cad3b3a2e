import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { SaveStatus } from '../settings/SaveStatus';
import { useSaveState } from '../settings/useSaveState';
import { isAmiSource, type SourceInfo } from './source-types';

/** Switches a source off (webhooks refused, AMI connection closed) or on again, keeping its settings. */
export function SourceSwitch({ source, onChanged }: { source: SourceInfo; onChanged: (source: SourceInfo) => Promise<void> }) {
  const { t } = useI18n();
  const save = useSaveState();
  const toggle = () =>
    void save.run(async () => {
      const reply = await api.patch<{ source: SourceInfo }>(`/sources/${encodeURIComponent(source.name)}`, { enabled: !source.enabled });
      await onChanged(reply.source);
    });
  return (
    <>
      <h3>{t('admin.status')}</h3>
      <p className="muted admin-help">{isAmiSource(source) ? t('admin.switchOffHelp_ami') : t('admin.switchOffHelp_webhook')}</p>
      <div className="settings-actions">
        <span>{source.enabled ? t('admin.active') : t('admin.disabled')}</span>
        <button
          type="button"
          aria-label={t(source.enabled ? 'admin.switchOffNamed' : 'admin.switchOnNamed', { name: source.name })}
          onClick={toggle}
          disabled={save.busy}
        >
          {source.enabled ? t('admin.switchOff') : t('admin.switchOn')}
        </button>
        <SaveStatus state={save.state} />
      </div>
    </>
  );
}
