import { useEffect, useRef, useState } from 'react';

/**
 * A form's copy of saved values. It follows the saved values (changed in another tab, or by
 * another group on this page) until the user edits it, and again once it is saved.
 */
export function useDraft<T>(saved: T) {
  const [draft, setDraftState] = useState<T>(saved);
  const dirty = useRef(false);
  const key = JSON.stringify(saved);
  useEffect(() => {
    if (!dirty.current) setDraftState(saved);
    // `key` stands for `saved`: a new object with the same values is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const setDraft = (change: Partial<T>) => {
    dirty.current = true;
    setDraftState((d) => ({ ...d, ...change }));
  };
  const settle = () => {
    dirty.current = false;
  };
  return { draft, setDraft, settle };
}
