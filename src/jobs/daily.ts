/** Milliseconds from `now` until the next local HH:MM (tomorrow when it has passed today). */
export function msUntil(hhmm: string, now: Date): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const next = new Date(now);
  next.setHours(h, m, 0, 0);
  if (next.getTime() <= now.getTime()) next.setDate(next.getDate() + 1);
  return next.getTime() - now.getTime();
}

/** Runs `job` every day at `hhmm` local time until stopped; a failing run does not stop the next. */
export function scheduleDaily(hhmm: string, job: () => Promise<void>, onError: (error: unknown) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const arm = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      job()
        .catch(onError)
        .finally(arm);
    }, msUntil(hhmm, new Date()));
    timer.unref();
  };
  arm();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
