import { useI18n } from '../../i18n/i18n';
import { SaveStatus } from './SaveStatus';
import type { useSaveState } from './useSaveState';

/** A settings form's submit button, off while it saves, and how the last save went. */
export function SaveActions({ save, label }: { save: Pick<ReturnType<typeof useSaveState>, 'busy' | 'state'>; label?: string }) {
  const { t } = useI18n();
  return (
    <div className="settings-actions">
      <button type="submit" className="primary" disabled={save.busy}>
        {label ?? t('common.save')}
      </button>
      <SaveStatus state={save.state} />
    </div>
  );
}
