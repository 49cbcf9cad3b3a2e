import type { FormEvent } from 'react';
import type { Preferences } from '../../api/types';
import { useSession } from '../../app/session';
import { useDraft } from './useDraft';
import { useSaveState } from './useSaveState';

/**
 * A settings group over some of the user's preferences: a draft that follows the saved values
 * until edited, and a submit that stores it. `toPreferences` is for a form that holds the values
 * in another shape than the preferences (an empty text for "none").
 */
export function usePreferencesForm<T extends Partial<Preferences>>(saved: T): PreferencesForm<T>;
export function usePreferencesForm<T>(saved: T, toPreferences: (draft: T) => Partial<Preferences>): PreferencesForm<T>;
export function usePreferencesForm<T>(saved: T, toPreferences = (draft: T) => draft as Partial<Preferences>): PreferencesForm<T> {
  const session = useSession();
  const save = useSaveState();
  const { draft, setDraft, settle } = useDraft(saved);

  /** An edit: "Saved" or an old error no longer describes the form. */
  const edit = (change: Partial<T>) => {
    setDraft(change);
    save.touch();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(async () => {
      await session.updatePreferences(toPreferences(draft));
      settle();
    });
  };

  return { draft, setDraft: edit, submit, save };
}

export interface PreferencesForm<T> {
  draft: T;
  setDraft: (change: Partial<T>) => void;
  submit: (event: FormEvent) => void;
  save: ReturnType<typeof useSaveState>;
}
