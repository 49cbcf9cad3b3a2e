import { useCallback, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';

export type SaveState = { phase: 'idle' | 'saving' | 'saved' } | { phase: 'error'; message: string };

/** One group's save: busy while it runs, then "Saved" or the server's message. */
export function useSaveState() {
  const i18n = useI18n();
  const [state, setState] = useState<SaveState>({ phase: 'idle' });
  const run = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setState({ phase: 'saving' });
      try {
        await action();
        setState({ phase: 'saved' });
        return true;
      } catch (error) {
        setState({ phase: 'error', message: errorText(error, i18n) });
        return false;
      }
    },
    [i18n],
  );
  /** After an edit, "Saved" no longer describes the form. */
  const touch = useCallback(() => setState((s) => (s.phase === 'saved' || s.phase === 'error' ? { phase: 'idle' } : s)), []);
  return { state, run, touch, busy: state.phase === 'saving' };
}
