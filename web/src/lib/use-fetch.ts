import { useCallback, useEffect, useRef, useState } from 'react';

export interface Fetched<T> {
  /** The last answer for the current key; kept while the same key is fetched again. */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads what `key` names (null: nothing to load). An answer that arrives after a newer request
 * started is dropped, so a slow old page never overwrites the one the user asked for last.
 */
export function useFetch<T>(key: string | null, load: (key: string) => Promise<T>): Fetched<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error: unknown; loading: boolean }>({ key: null, error: null, loading: key !== null });
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);

  const reload = useCallback(async () => {
    if (key === null) return;
    const request = ++latest.current;
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, error: null, loading: true }));
    try {
      const data = await loadRef.current(key);
      if (request === latest.current) setState({ key, data, error: null, loading: false });
    } catch (error) {
      if (request === latest.current) setState((s) => ({ key, data: s.key === key ? s.data : undefined, error, loading: false }));
    }
  }, [key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : null, loading: !current || state.loading, reload };
}
