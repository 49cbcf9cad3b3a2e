import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReplayReady } from './replay-protocol.js';

export interface ReplayProcess extends Omit<ReplayReady, 'type'> {
  pid: number;
  /** CPU seconds (user + system) the replay server has used so far; NaN off Linux. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** replay-server next to this file: the compiled .js in a bench run, the .ts under tsx. */
function serverScript(): string {
  const here = fileURLToPath(import.meta.url);
  const script = path.join(path.dirname(here), `replay-server${path.extname(here)}`);
  if (!existsSync(script)) throw new Error(`${script} is missing`);
  return script;
}

/** Starts the replay server with a stream of at least `minEvents` events; resolves once it listens. */
export async function startReplayServer(minEvents: number): Promise<ReplayProcess> {
  // Without the parent's flags (--expose-gc, --cpu-prof…): only a loader such as tsx is passed on.
  const execArgv = process.execArgv.filter((arg, i, all) => arg === '--import' || all[i - 1] === '--import');
  const child: ChildProcess = fork(serverScript(), [String(minEvents)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<ReplayReady>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the AMI replay server did not start within 60 s')), 60_000);
    child.once('message', (message: ReplayReady) => {
      clearTimeout(timer);
      resolve(message);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the AMI replay server exited with code ${code}`));
    });
  });
  child.removeAllListeners('exit');
  const pid = child.pid!;
  const { type: _type, ...stream } = ready;
  return {
    ...stream,
    pid,
    cpuSeconds: () => cpuSecondsOf(pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // Closing the IPC channel is its signal to exit; a kill only if it does not.
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
