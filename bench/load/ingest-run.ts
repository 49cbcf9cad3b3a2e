import { performance } from 'node:perf_hooks';
import { listenOverflows, machineBusySeconds, ownCpuSeconds } from '../machine-load.js';
import type { ServerProcess } from '../server-process.js';
import type { BenchUser } from '../setup/fixture.js';
import { Random } from '../setup/random.js';
import type { CallerSamples } from '../setup/samples.js';
import { summarize, type Summary } from '../stats.js';
import type { ClientPool } from './clients.js';
import type { NativeEvent, WebhookSender } from './webhook.js';

export interface IngestResults {
  concurrency: number;
  seconds: number;
  /** Events answered 202 per second. */
  eventsPerSecond: number;
  accepted: number;
  refused: number;
  latency: Summary;
  serverCpuPercent: number;
  loadGenCpuPercent: number;
  otherCpuPercent: number;
  listenOverflows: number;
}

/**
 * Webhook ingest throughput: `concurrency` senders post back to back (ringing, answered, ended
 * of one call after another, to extensions whose users are connected, callers mostly known)
 * for `seconds`. Every accepted event is in the call log and pushed to its user before its 202.
 */
export async function runIngest(options: {
  sender: WebhookSender;
  server: ServerProcess;
  clients: ClientPool;
  users: readonly BenchUser[];
  samples: CallerSamples;
  concurrency: number;
  seconds: number;
  seed: number;
  runId: string;
}): Promise<IngestResults> {
  const random = new Random(options.seed);
  const callers = [...options.samples.shared.map((c) => c.number), ...options.samples.unknown.slice(0, Math.ceil(options.samples.shared.length / 5))];
  const latencies: number[] = [];
  let accepted = 0;
  let refused = 0;
  let callNumber = 0;
  // Frames still arrive (every event is pushed); the bench only counts them.
  options.clients.onFrame(() => {});

  const cpuBefore = options.server.cpuSeconds();
  const ownBefore = ownCpuSeconds();
  const machineBefore = machineBusySeconds();
  const overflowsBefore = listenOverflows();
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const callId = `${options.runId}-ingest-${callNumber++}`;
      const user = random.pick(options.users);
      const events: NativeEvent[] = [
        { event: 'ringing', callId, direction: 'inbound', extension: user.extension, remoteNumber: random.pick(callers) },
        { event: 'answered', callId, direction: 'inbound', extension: user.extension },
        { event: 'ended', callId, direction: 'inbound', cause: 'completed' },
      ];
      for (const event of events) {
        const t0 = performance.now();
        const status = await options.sender.send(event);
        latencies.push(performance.now() - t0);
        if (status === 202) accepted++;
        else refused++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpu = options.server.cpuSeconds() - cpuBefore;
  const own = ownCpuSeconds() - ownBefore;
  const machine = machineBusySeconds() - machineBefore;
  return {
    concurrency: options.concurrency,
    seconds,
    eventsPerSecond: accepted / seconds,
    accepted,
    refused,
    latency: summarize(latencies),
    serverCpuPercent: (100 * cpu) / seconds,
    loadGenCpuPercent: (100 * own) / seconds,
    otherCpuPercent: Math.max(0, (100 * (machine - cpu - own)) / seconds),
    listenOverflows: listenOverflows() - overflowsBefore,
  };
}
