import { readFileSync } from 'node:fs';
import { sleep } from './stats.js';

/** CPU seconds the whole machine has spent busy (all cores), from /proc/stat; NaN elsewhere. */
export function machineBusySeconds(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: everything but idle and iowait is work.
    const busy = fields.reduce((sum, v, i) => (i === 3 || i === 4 || i > 7 ? sum : sum + v), 0);
    return busy / 100;
  } catch {
    return Number.NaN;
  }
}

/** This process's CPU seconds (user + system). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/**
 * Waits (up to `maxWaitMs`) for a moment when the machine is quiet: other work on a 2-core box
 * (a test suite, a compiler) shows up directly in the latency figures. Returns the busy share
 * (one core = 100 %) of the last window.
 */
export async function waitForQuiet(maxWaitMs: number, say: (line: string) => void, thresholdPercent = 15): Promise<number> {
  const deadline = Date.now() + maxWaitMs;
  let warned = false;
  for (;;) {
    const before = machineBusySeconds();
    const ownBefore = ownCpuSeconds();
    await sleep(1000);
    const busy = 100 * (machineBusySeconds() - before - (ownCpuSeconds() - ownBefore));
    if (!Number.isFinite(busy) || busy < thresholdPercent) return busy;
    if (Date.now() > deadline) {
      say(`warning: the machine is still busy with other work (${busy.toFixed(0)} % of a core); measuring anyway`);
      return busy;
    }
    if (!warned) {
      say(`the machine is busy with other work (${busy.toFixed(0)} % of a core); waiting up to ${Math.round(maxWaitMs / 1000)} s for it to calm down…`);
      warned = true;
    }
  }
}

/**
 * Connections the kernel dropped because a listening socket's accept queue was full (all
 * processes). Each costs the client a SYN retransmission (1 s or more), so it must stay 0.
 */
export function listenOverflows(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const header = lines.find((l) => l.startsWith('TcpExt:'))!.split(/\s+/);
    const values = lines.filter((l) => l.startsWith('TcpExt:'))[1]!.split(/\s+/);
    return Number(values[header.indexOf('ListenOverflows')]);
  } catch {
    return Number.NaN;
  }
}
