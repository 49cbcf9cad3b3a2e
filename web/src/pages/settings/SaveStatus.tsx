import { useI18n } from '../../i18n/i18n';
import type { SaveState } from './useSaveState';

/** "Saved" or the error, next to a group's save button; the live region is always there so it is read out. */
export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useI18n();
  return (
    <>
      <span className="save-status" role="status">
        {state.phase === 'saving' ? t('settings.saving') : state.phase === 'saved' ? t('common.saved') : ''}
      </span>
      {state.phase === 'error' && (
        <p className="error" role="alert">
          {state.message}
        </p>
      )}
    </>
  );
}
