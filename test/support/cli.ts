import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from here so `--import tsx` resolves. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(REPO_ROOT, 'src/cli/main.ts');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment a child gets: ours without any Switchboard setting (a developer's shell must
 * not leak into a test), plus `env`.
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('SWITCHBOARD_') || name === 'PORT') continue;
    base[name] = value;
  }
  return { ...base, ...env };
}

/** Starts `switchboard ARGS` as a real process; stdin is closed unless the caller writes to it. */
export function spawnCli(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: childEnv(options.env ?? {}),
    stdio: 'pipe',
  });
}

/**
 * At most this many CLI processes of one test file at a time. Each is a whole node with tsx
 * compiling the CLI; a dozen started at once on a 2-core machine, beside the other test files,
 * could take longer than the hang timeout, which is meant for hangs, not for waiting in line.
 */
const MAX_RUNNING = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_RUNNING) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** Runs `switchboard ARGS` to the end; `input` is piped on stdin. Fails the test if it hangs (timed from its start). */
export async function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CliResult> {
  const release = await slot();
  try {
    return await runOne(args, options);
  } finally {
    release();
  }
}

function runOne(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string; timeoutMs?: number }): Promise<CliResult> {
  const child = spawnCli(args, options);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`switchboard ${args.join(' ')} did not finish within ${options.timeoutMs ?? 20_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(options.input);
  });
}

/** The environment that points the CLI at a test server's data folder and port. */
export function cliEnvFor(server: { dataDir: string; port: number }): Record<string, string> {
  return { SWITCHBOARD_DATA_DIR: server.dataDir, SWITCHBOARD_SERVER_HOST: '127.0.0.1', SWITCHBOARD_SERVER_PORT: String(server.port) };
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
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

/** A `switchboard serve` process, with what it printed so far. */
export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `switchboard serve` on a free port and waits until it logs that it is listening (or
 * rejects with what it printed when it exits first).
 */
export async function startServe(env: Record<string, string>, options: { port?: number; timeoutMs?: number } = {}): Promise<ServeProcess> {
  const port = options.port ?? (await freePort());
  const child = spawnCli(['serve'], { env: { PORT: String(port), SWITCHBOARD_SERVER_HOST: '127.0.0.1', ...env } });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start within ${options.timeoutMs ?? 15_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, options.timeoutMs ?? 15_000);
    const onData = () => {
      if (!stdout.includes('Switchboard is listening')) return;
      clearTimeout(timer);
      child.stdout.off('data', onData);
      resolve();
    };
    child.stdout.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (code ${code}, signal ${signal}) before listening\nstdout: ${stdout}\nstderr: ${stderr}`));
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, stdout: () => stdout, stderr: () => stderr, exited };
}
