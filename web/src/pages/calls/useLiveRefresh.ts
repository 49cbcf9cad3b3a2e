import { useEffect, useRef } from 'react';
import type { CallView } from '../../api/types';
import { useRealtimeEvents } from '../../realtime/realtime';

const DEBOUNCE_MS = 400;

/**
 * Calls `refresh` once a call the page shows has ended (so it is in the log) and after a reconnect,
 * when anything may have been missed. Bursts (a reconnect replays every active call) become one fetch.
 */
export function useLiveRefresh(refresh: () => void, options: { enabled?: boolean; matches?: (call: CallView) => boolean } = {}): void {
  const timer = useRef<number | undefined>(undefined);
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const { enabled = true, matches } = options;

  useRealtimeEvents((event) => {
    if (!enabled) return;
    if (event.type === 'call' && (event.call.phase !== 'ended' || (matches && !matches(event.call)))) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => refreshRef.current(), DEBOUNCE_MS);
  });

  useEffect(() => () => window.clearTimeout(timer.current), []);
}
