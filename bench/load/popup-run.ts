import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { listenOverflows, machineBusySeconds, ownCpuSeconds } from '../machine-load.js';
import type { ServerProcess } from '../server-process.js';
import { sleep, summarize, type Summary } from '../stats.js';
import type { CallerKind, PlannedCall } from './call-plan.js';
import type { ClientPool } from './clients.js';
import type { WebhookSender } from './webhook.js';

interface CallRecord {
  plan: PlannedCall;
  sentAt?: number;
  /** The answer to the ringing request. */
  ackAt?: number;
  ringStatus?: number;
  /** The first frame about the call on the ringing user's socket. */
  firstAt?: number;
  firstIdentifying?: boolean;
  /** The frame that carries the looked-up name. */
  namedAt?: number;
  name?: string;
  /** The first frame saying the lookup is over (with or without a name). */
  resolvedAt?: number;
}

export interface PopupResults {
  calls: number;
  seconds: number;
  /** Ringing request sent → first frame (number, `identifying: true`) on the user's socket. */
  firstFrame: Summary;
  /** Ringing request sent → frame with `call.identity.name`, for callers the phonebook knows. */
  popup: Summary;
  popupByKind: Record<Exclude<CallerKind, 'unknown'>, Summary>;
  /** For unknown callers: until the frame saying nobody knows them (`identifying: false`). */
  unknownResolved: Summary;
  /** Round trip of the ringing request (202), and of every request. */
  ringingAck: Summary;
  eventAck: Summary;
  missingFirstFrames: number;
  missingPopups: number;
  wrongNames: number;
  /** First frames that were not the progressive "number only, identifying" kind. */
  firstFrameNotIdentifying: number;
  statuses: Record<string, number>;
  events: number;
  /** How late calls left against their schedule (load generator health). */
  sendLag: Summary;
  /** How late the load generator's event loop ran (beyond the sampling interval). */
  loadGenLoopDelayP99: number;
  loadGenLoopDelayMax: number;
  /** The slowest popups: ms after the start of the measured part, and latency. */
  slowest: { at: number; ms: number; kind: CallerKind }[];
  serverCpuPercent: number;
  serverRssBytes: number;
  loadGenCpuPercent: number;
  /** CPU used by everything else on the machine meanwhile: should be near 0 for figures to count. */
  otherCpuPercent: number;
  /** Connections the kernel dropped for a full accept queue during the run (0 expected). */
  listenOverflows: number;
}

/**
 * The popup run: calls arrive on their schedule whether or not earlier ones were answered yet
 * (an open loop, so a slow server shows up as latency instead of as fewer calls), and every
 * frame is matched to its call on the ringing user's socket.
 */
export async function runPopups(calls: PlannedCall[], sourceName: string, sender: WebhookSender, clients: ClientPool, server: ServerProcess): Promise<PopupResults> {
  const records = new Map<string, CallRecord>();
  for (const plan of calls) records.set(`${sourceName}:${plan.callId}`, { plan });
  clients.onFrame((user, frame, receivedAt) => {
    const record = records.get(frame.call.id);
    if (!record || record.plan.user.id !== user.id) return;
    if (record.firstAt === undefined) {
      record.firstAt = receivedAt;
      record.firstIdentifying = frame.call.identifying && frame.call.identity === null;
    }
    if (record.namedAt === undefined && frame.call.identity?.name) {
      record.namedAt = receivedAt;
      record.name = frame.call.identity.name;
    }
    if (record.resolvedAt === undefined && !frame.call.identifying) record.resolvedAt = receivedAt;
  });

  const statuses = new Map<number, number>();
  const eventAcks: number[] = [];
  const lags: number[] = [];
  const post = async (event: Parameters<WebhookSender['send']>[0], measured: boolean) => {
    const t0 = performance.now();
    const status = await sender.send(event);
    if (measured) {
      eventAcks.push(performance.now() - t0);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    return status;
  };

  const play = async (record: CallRecord) => {
    const { plan } = record;
    const base = { callId: plan.callId, direction: 'inbound' as const };
    record.sentAt = performance.now();
    const status = await post({ ...base, event: 'ringing', extension: plan.user.extension, remoteNumber: plan.number }, plan.measured);
    record.ackAt = performance.now();
    record.ringStatus = status;
    if (status !== 202) return;
    await sleep(plan.ringMs);
    if (plan.answered) {
      await post({ ...base, event: 'answered', extension: plan.user.extension }, plan.measured);
      await sleep(plan.talkMs);
      await post({ ...base, event: 'ended', cause: 'completed' }, plan.measured);
    } else {
      await post({ ...base, event: 'missed', cause: 'cancelled' }, plan.measured);
    }
  };

  const LOOP_RESOLUTION_MS = 5;
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  const overflowsBefore = listenOverflows();
  const running: Promise<void>[] = [];
  const start = performance.now();
  type Mark = { at: number; cpu: number; own: number; machine: number };
  const mark = (): Mark => ({ at: performance.now(), cpu: server.cpuSeconds(), own: ownCpuSeconds(), machine: machineBusySeconds() });
  let measuredFrom: Mark | undefined;
  let index = 0;
  while (index < calls.length) {
    const now = performance.now() - start;
    while (index < calls.length && calls[index]!.at <= now) {
      const plan = calls[index++]!;
      if (plan.measured && !measuredFrom) {
        measuredFrom = mark();
        loopDelay.enable();
      }
      if (plan.measured) lags.push(now - plan.at);
      running.push(play(records.get(`${sourceName}:${plan.callId}`)!));
    }
    if (index < calls.length) await sleep(Math.max(0, calls[index]!.at - (performance.now() - start)));
  }
  const measuredUntil = mark();
  loopDelay.disable();
  const serverRssBytes = server.rssBytes();
  await Promise.all(running);
  // Lookups finish within milliseconds; give stragglers a moment before counting them missing.
  await sleep(500);
  clients.onFrame(() => {});

  const measured = [...records.values()].filter((r) => r.plan.measured);
  const accepted = measured.filter((r) => r.ringStatus === 202);
  const since = (r: CallRecord, at: number | undefined) => (at === undefined || r.sentAt === undefined ? [] : [at - r.sentAt]);
  const known = accepted.filter((r) => r.plan.expected !== null);
  const popupOf = (kind: CallerKind) => summarize(known.filter((r) => r.plan.kind === kind).flatMap((r) => since(r, r.namedAt)));
  const seconds = measuredFrom ? (measuredUntil.at - measuredFrom.at) / 1000 : Number.NaN;
  const share = (key: 'cpu' | 'own' | 'machine') => (measuredFrom ? (100 * (measuredUntil[key] - measuredFrom[key])) / seconds : Number.NaN);

  return {
    calls: measured.length,
    seconds,
    firstFrame: summarize(accepted.flatMap((r) => since(r, r.firstAt))),
    popup: summarize(known.flatMap((r) => since(r, r.namedAt))),
    popupByKind: { e164: popupOf('e164'), private: popupOf('private'), suffix: popupOf('suffix') },
    unknownResolved: summarize(accepted.filter((r) => r.plan.expected === null).flatMap((r) => since(r, r.resolvedAt))),
    ringingAck: summarize(accepted.flatMap((r) => since(r, r.ackAt))),
    eventAck: summarize(eventAcks),
    missingFirstFrames: accepted.filter((r) => r.firstAt === undefined).length,
    missingPopups: known.filter((r) => r.namedAt === undefined).length,
    wrongNames: known.filter((r) => r.name !== undefined && r.name !== r.plan.expected).length,
    firstFrameNotIdentifying: accepted.filter((r) => r.firstAt !== undefined && !r.firstIdentifying).length,
    statuses: Object.fromEntries([...statuses].map(([status, count]) => [String(status), count])),
    events: eventAcks.length,
    sendLag: summarize(lags),
    // The histogram holds whole intervals between its samples; the lateness is what exceeds them.
    loadGenLoopDelayP99: Math.max(0, loopDelay.percentile(99) / 1e6 - LOOP_RESOLUTION_MS),
    loadGenLoopDelayMax: Math.max(0, loopDelay.max / 1e6 - LOOP_RESOLUTION_MS),
    slowest: known
      .filter((r) => r.namedAt !== undefined && r.sentAt !== undefined)
      .map((r) => ({ at: r.sentAt! - (measuredFrom?.at ?? start), ms: r.namedAt! - r.sentAt!, kind: r.plan.kind }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10),
    serverCpuPercent: share('cpu'),
    serverRssBytes,
    loadGenCpuPercent: share('own'),
    otherCpuPercent: Math.max(0, share('machine') - share('cpu') - share('own')),
    listenOverflows: listenOverflows() - overflowsBefore,
  };
}
