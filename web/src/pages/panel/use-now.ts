import { useEffect, useState } from 'react';

/**
 * The time now, moving on every second while `ticking` (someone waits, a call is parked), so the
 * counters count; still otherwise, so an idle panel does not re-render for nothing.
 */
export function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}
