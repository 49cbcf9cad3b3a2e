// Events per second through a real TCP socket on loopback, ours and asterisk-manager's, from the
// same replay server and the same stream. Each client logs in first; its clock starts just before
// it asks for the stream and stops when it has parsed the end marker, the last frame.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import type { AmiModules } from './modules.js';
import { END_EVENT } from './recordings.js';
import type { ReplayProcess } from './replay-process.js';
import { STREAM_ACTION } from './replay-protocol.js';

export interface ThroughputRun {
  /** Events in the stream divided by the time from asking for it to its last frame parsed. */
  eventsPerSecond: number;
  seconds: number;
  /** This process's CPU time meanwhile (user + system, all its threads: V8's GC runs partly on helper threads). */
  cpuSeconds: number;
  /** The main thread's alone (the one core the client runs on); NaN off Linux. 10 ms resolution. */
  mainThreadCpuSeconds: number;
  /** The replay server's CPU time meanwhile (its own process). */
  serverCpuSeconds: number;
  /** Event messages the client handed on: ours skips the events it has no use for unbuilt (event-filter.ts), theirs builds all. */
  built: number;
}

export interface OursRun extends ThroughputRun {
  /** CallEvents the translator produced, and calls the tracker opened and ended. */
  callEvents: number;
  callsCreated: number;
  callsEnded: number;
}

const USER = 'bench';
const SECRET = 'bench';
const RUN_TIMEOUT_MS = 180_000;

/** CPU seconds of this process's main thread (Linux: its task has the process id). */
function mainThreadCpuSeconds(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/**
 * One timed run, the same for both clients: from asking for the stream (`start`) until `ended`
 * gives the time the end marker arrived, with the CPU time of this process, its main thread and
 * the replay server meanwhile.
 */
async function timed(server: ReplayProcess, who: string, ended: Promise<number>, start: () => void): Promise<Omit<ThroughputRun, 'built'>> {
  collectGarbage();
  const server0 = server.cpuSeconds();
  const cpu0 = process.cpuUsage();
  const main0 = mainThreadCpuSeconds();
  const t0 = performance.now();
  start();
  const t1 = await Promise.race([ended, timeout(who)]);
  const cpu = process.cpuUsage(cpu0);
  const seconds = (t1 - t0) / 1000;
  return {
    eventsPerSecond: server.events / seconds,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainThreadCpuSeconds: mainThreadCpuSeconds() - main0,
    serverCpuSeconds: server.cpuSeconds() - server0,
  };
}

/** Collects garbage between runs when node was started with --expose-gc, so a run does not pay for the last one's. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

function timeout(what: string): Promise<never> {
  return new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no end of stream within ${RUN_TIMEOUT_MS / 1000} s`)), RUN_TIMEOUT_MS);
    timer.unref();
  });
}

/**
 * Ours, as the server runs it: AmiClient with the server's event filter (event-filter.ts), every event it emits through
 * the AmiCallTranslator and every CallEvent through the CallTracker.
 */
export async function runOurs(m: AmiModules, server: ReplayProcess, expectedBuilt: number): Promise<OursRun> {
  const translator = new m.AmiCallTranslator({ source: 'bench' });
  const tracker = new m.CallTracker();
  const client = new m.AmiClient({
    host: '127.0.0.1',
    port: server.port,
    username: USER,
    secret: SECRET,
    events: m.EVENT_CLASSES,
    acceptEvent: m.acceptsEvent,
    keepaliveIntervalMs: 0,
    reconnect: false,
  });
  let built = 0;
  let callEvents = 0;
  let callsCreated = 0;
  let callsEnded = 0;
  let finish: (at: number) => void = () => undefined;
  const ended = new Promise<number>((resolve) => (finish = resolve));
  client.on('event', (message) => {
    if (message.name === END_EVENT) return finish(performance.now());
    built++;
    const events = translator.handle(message);
    for (let i = 0; i < events.length; i++) {
      callEvents++;
      for (const update of tracker.apply(events[i]!)) {
        if (update.change === 'created') callsCreated++;
        else if (update.change === 'ended') callsEnded++;
      }
    }
  });
  try {
    await client.connect();
    const timing = await timed(server, 'our AMI client', ended, () => void client.action(STREAM_ACTION).catch(() => undefined));
    if (built !== expectedBuilt) throw new Error(`our AMI client built ${built} events, expected ${expectedBuilt}`);
    return {
      ...timing,
      built,
      callEvents,
      callsCreated,
      callsEnded,
    };
  } finally {
    await client.close();
  }
}

/** The parts of asterisk-manager 0.2.0 used here (it ships no types). */
interface AsteriskManager {
  on(name: string, listener: (event: Record<string, unknown>) => void): void;
  once(name: string, listener: (event: Record<string, unknown>) => void): void;
  action(action: Record<string, string>, callback?: (error: unknown) => void): string;
  disconnect(callback?: () => void): void;
}
type ManagerFactory = (port: number, host: string, username: string, password: string, events: boolean) => AsteriskManager;

const loadManager = (): ManagerFactory => createRequire(import.meta.url)('asterisk-manager') as ManagerFactory;

/** Theirs: asterisk-manager's client, counting its 'managerevent' emissions. */
export async function runTheirs(server: ReplayProcess): Promise<ThroughputRun> {
  const Manager = loadManager();
  // With a port it connects and sends its Login at once.
  const ami = Manager(server.port, '127.0.0.1', USER, SECRET, true);
  let built = 0;
  let finish: (at: number) => void = () => undefined;
  const ended = new Promise<number>((resolve) => (finish = resolve));
  try {
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        ami.once('response', (response) => (String(response.response).toLowerCase() === 'success' ? resolve() : reject(new Error(`asterisk-manager login: ${JSON.stringify(response)}`))));
      }),
      timeout('asterisk-manager login'),
    ]);
    ami.on('managerevent', (event) => {
      if (event.event === END_EVENT) finish(performance.now());
      else built++;
    });
    const timing = await timed(server, 'asterisk-manager', ended, () => void ami.action({ action: STREAM_ACTION }));
    if (built !== server.events) throw new Error(`asterisk-manager emitted ${built} events, the stream holds ${server.events}`);
    return { ...timing, built };
  } finally {
    await new Promise<void>((resolve) => ami.disconnect(resolve));
  }
}
