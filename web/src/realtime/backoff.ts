/**
 * Delay before reconnect attempt `attempt` (0-based): doubling from half a second up to 15 s,
 * with ±30 % jitter so a server restart is not met by every browser at the same instant.
 */
export function nextDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.min(attempt, 10));
  return Math.round(base * (0.7 + 0.6 * random()));
}
