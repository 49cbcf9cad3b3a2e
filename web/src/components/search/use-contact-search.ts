import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { ContactView } from '../../api/types';

export interface ContactSearch {
  results: ContactView[];
  /** The text the results belong to; differs from the input while a search is pending. */
  answered: string;
  pending: boolean;
  failed: boolean;
}

/**
 * Searches as the user types: waits `delay` ms after the last key, and drops any answer that
 * arrives after a newer question was asked (a slow reply must not overwrite a fresh one).
 */
export function useContactSearch(text: string, { delay = 150, limit = 8 } = {}): ContactSearch {
  const [state, setState] = useState<ContactSearch>({ results: [], answered: '', pending: false, failed: false });
  const latest = useRef(0);

  useEffect(() => {
    const q = text.trim();
    const ticket = ++latest.current;
    if (q === '') {
      setState({ results: [], answered: '', pending: false, failed: false });
      return;
    }
    setState((s) => ({ ...s, pending: true }));
    const timer = window.setTimeout(() => {
      api
        .get<{ contacts: ContactView[] }>('/contacts', { q, limit })
        .then((reply) => {
          if (ticket === latest.current) setState({ results: reply.contacts, answered: q, pending: false, failed: false });
        })
        .catch(() => {
          if (ticket === latest.current) setState({ results: [], answered: q, pending: false, failed: true });
        });
    }, delay);
    return () => window.clearTimeout(timer);
  }, [text, delay, limit]);

  return state;
}
