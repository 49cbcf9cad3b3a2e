import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { CallView } from '../../api/types';
import { usePbx, useRealtimeEvents } from '../../realtime/realtime';

/** A busy PBX changes many times a second: its changes lead to one re-read per this long at most. */
const AFTER_CHANGE_MS = 300;
/** What the PBX's state does not show (a caller's name, a hold) still turns up this soon. */
const EVERY_MS = 5000;

export interface AllActiveCalls {
  /** Undefined until the first answer. */
  calls: CallView[] | undefined;
  /** The last re-read's failure, if it failed; the calls read before it are kept. */
  error: unknown;
}

/**
 * Every call in progress on every phone system, for an admin (GET /calls/active?all=1). The live
 * connection carries only the admin's own calls, so the list is read again: shortly after the
 * PBX's state changes (a phone rings, is answered, hangs up), after a change to one of the admin's
 * own calls or a reconnect, and every few seconds while the page is in view.
 */
export function useAllActiveCalls(): AllActiveCalls {
  const pbx = usePbx();
  const [state, setState] = useState<AllActiveCalls>({ calls: undefined, error: null });
  const mounted = useRef(false);
  const running = useRef(false);
  const again = useRef(false);
  const soon = useRef<number | undefined>(undefined);

  const load = useCallback(async () => {
    // One request at a time: what is asked for meanwhile is answered by one more read afterwards.
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        try {
          const { calls } = await api.get<{ calls: CallView[] }>('/calls/active', { all: 1 });
          if (mounted.current) setState({ calls, error: null });
        } catch (error) {
          if (mounted.current) setState((s) => ({ calls: s.calls, error }));
        }
      } while (again.current && mounted.current);
    } finally {
      running.current = false;
    }
  }, []);

  const loadSoon = useCallback(() => {
    if (soon.current !== undefined || !mounted.current) return;
    soon.current = window.setTimeout(() => {
      soon.current = undefined;
      void load();
    }, AFTER_CHANGE_MS);
  }, [load]);

  useEffect(() => {
    mounted.current = true;
    void load();
    const timer = window.setInterval(() => {
      if (!document.hidden) void load();
    }, EVERY_MS);
    const onVisible = () => {
      if (!document.hidden) void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      mounted.current = false;
      window.clearInterval(timer);
      window.clearTimeout(soon.current);
      soon.current = undefined;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [load]);

  // The first PBX state is already covered by the first read.
  const seenPbx = useRef(pbx);
  useEffect(() => {
    if (seenPbx.current === pbx) return;
    seenPbx.current = pbx;
    loadSoon();
  }, [pbx, loadSoon]);
  useRealtimeEvents(loadSoon);

  return state;
}
