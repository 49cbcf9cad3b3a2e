import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { DIST } from './paths.js';
import { sleep } from './stats.js';

export interface ServerProcess {
  url: string;
  pid: number;
  /** CPU seconds (user + system) the server has used so far. */
  cpuSeconds(): number;
  /** Resident memory in bytes. */
  rssBytes(): number;
  /** Lines the server logged (warnings and errors only). */
  logLines(): string[];
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function procStat(pid: number): { cpuSeconds: number; rssBytes: number } {
  try {
    // Fields after the command name (which may contain spaces) start at ") ".
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssPages = Number(fields[21]);
    return { cpuSeconds: ticks / 100, rssBytes: rssPages * 4096 };
  } catch {
    return { cpuSeconds: Number.NaN, rssBytes: Number.NaN };
  }
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * `switchboard serve` from dist/, as its own process on a free loopback port, so that the load
 * generator does not share its CPU thread. Resolves once /api/v1/health answers.
 */
export async function startServerProcess(dataDir: string, options: { profileDir?: string } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  // Nothing from the caller's Switchboard settings may leak into the measured server.
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SWITCHBOARD_') && key !== 'PORT') env[key] = value;
  Object.assign(env, {
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_SERVER_HOST: '127.0.0.1',
    PORT: String(port),
    SWITCHBOARD_LOG_LEVEL: 'warn',
  });
  const nodeArgs = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  // cwd is the data folder: a switchboard.json in the repository must not configure the bench.
  const child = spawn(process.execPath, [...nodeArgs, path.join(DIST, 'cli/main.js'), 'serve'], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(line);
    if (lines.length > 1000) lines.splice(0, lines.length - 1000);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${lines.slice(-20).join('\n')}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/v1/health within 60 s:\n${lines.slice(-20).join('\n')}`);
    }
    await sleep(100);
  }

  const pid = child.pid!;
  return {
    url,
    pid,
    cpuSeconds: () => procStat(pid).cpuSeconds,
    rssBytes: () => procStat(pid).rssBytes,
    logLines: () => [...lines],
    async stop() {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 30_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    },
  };
}
