import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { AmiResults } from './ami/run.js';
import type { IngestResults } from './load/ingest-run.js';
import type { PopupResults } from './load/popup-run.js';
import type { LookupResults } from './lookup-run.js';
import type { BenchOptions } from './options.js';
import { ROOT } from './paths.js';
import type { Fixture } from './setup/fixture.js';
import { ms, type Summary } from './stats.js';

export const TARGETS = { popupP99Ms: 20, lookupP99Ms: 1, amiEventsPerSecond: 400_000, amiRatio: 10, amiBytesPerCall: 5000 } as const;

/** The AMI section's figures, with when and what they were measured on (they may be written on their own). */
export interface AmiReport {
  results: AmiResults;
  version: string;
  date: Date;
}

export interface BenchReport {
  options: BenchOptions;
  fixture: Fixture;
  lookups: LookupResults;
  popups: PopupResults & { attempts: number };
  ingest: IngestResults & { attempts: number };
  serverLogLines: string[];
  /** Absent when the AMI section did not run, or ran with other than the reference settings. */
  ami?: AmiReport | undefined;
  /** Which build was measured. */
  version: string;
  date: Date;
}

/** The commit of the measured source, and whether src/ had changes not yet committed. */
export function buildVersion(): string {
  if (process.env.BENCH_DIST) return `BENCH_DIST=${process.env.BENCH_DIST}`;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', 'src') ? `${commit} with uncommitted changes in src/` : commit;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

export function machine(): { cpu: string; cores: number; ramGb: number; node: string; os: string } {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) cpu = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // not Linux: os.cpus() is good enough
  }
  return { cpu, cores: os.cpus().length, ramGb: os.totalmem() / 2 ** 30, node: process.version, os: `${os.type()} ${os.release()}` };
}

const count = (n: number) => Math.round(n).toLocaleString('en');
const pct = (s: Summary) => `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)}`;
const verdict = (value: number, limit: number) => (Number.isFinite(value) && value < limit ? 'met' : 'MISSED');

type Row = [figure: string, value: string, note: string];
type Section = { title: string; header: Row; rows: Row[] };

const atLeast = (value: number, limit: number) => (value >= limit ? 'met' : 'MISSED');
const seconds = (s: number) => (Number.isFinite(s) ? `${s.toFixed(2)} s` : '–');
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** CPU time of a timed run: its main thread (the one core the client runs on) and the whole process (process.cpuUsage). */
function cpuRow(run: { mainThreadCpuSeconds: number; cpuSeconds: number; seconds: number }): Row {
  const share = (cpu: number) => `${((100 * cpu) / run.seconds).toFixed(0)} %`;
  return [
    '  CPU time: main thread / whole process',
    `${seconds(run.mainThreadCpuSeconds)} / ${seconds(run.cpuSeconds)}`,
    `${share(run.mainThreadCpuSeconds)} / ${share(run.cpuSeconds)} of one core; the process adds V8's GC helper threads`,
  ];
}

export function amiSections(ami: AmiResults): Section[] {
  const { stream: s, ours: o, theirs: t, memory: mem } = ami;
  const lines = (n: number) => `${count(n)} events/s`;
  const T = TARGETS;
  return [
    {
      title: `AMI parse and track: ${count(s.events)} events over TCP on loopback (${s.loops} loops of the ${s.recordings} recordings, ${(s.bytes / 1e6).toFixed(0)} MB), median of ${ami.oursRuns.length} runs`,
      header: ['Figure', 'Value', 'Note'],
      rows: [
        ['Ours: AmiClient, AmiCallTranslator, CallTracker', lines(o.eventsPerSecond), `target ≥ ${count(T.amiEventsPerSecond)}: ${atLeast(o.eventsPerSecond, T.amiEventsPerSecond)}; all events in the stream over ${seconds(o.seconds)}`],
        ['  events built (the rest skipped unparsed by the event filter)', count(s.built), `${((100 * s.built) / s.events).toFixed(0)} % of the stream`],
        ['  CallEvents out / calls opened / calls ended', `${count(o.callEvents)} / ${count(o.callsCreated)} / ${count(o.callsEnded)}`, 'per run'],
        cpuRow(o),
        ['asterisk-manager 0.2.0: managerevent emissions', lines(t.eventsPerSecond), `parses every event, tracks nothing; over ${seconds(t.seconds)}`],
        cpuRow(t),
        ['Ours ÷ asterisk-manager', `${ami.ratio.toFixed(1)}×`, `target ≥ ${T.amiRatio}×: ${atLeast(ami.ratio, T.amiRatio)}`],
        [
          'Per CPU second of the main thread: ours / asterisk-manager',
          Number.isFinite(ami.oursPerCpuSecond) ? `${count(ami.oursPerCpuSecond)} / ${count(ami.theirsPerCpuSecond)} events` : '–',
          `${(ami.oursPerCpuSecond / ami.theirsPerCpuSecond).toFixed(1)}×; the same runs without the time other processes took`,
        ],
        ['Every run (events/s): ours / asterisk-manager', `${ami.oursRuns.map(count).join(', ')} / ${ami.theirsRuns.map(count).join(', ')}`, 'alternating, ours first'],
        [
          'Replay server CPU; other processes',
          `${seconds(o.serverCpuSeconds)} / ${seconds(t.serverCpuSeconds)}; ${o.otherCpuPercent.toFixed(0)} % / ${t.otherCpuPercent.toFixed(0)} %`,
          `median runs, ours / theirs; server in its own process. Runs repeated for other work: ${ami.repeatedRuns}; busiest run kept: ${ami.maxOtherCpuPercent.toFixed(0)} %`,
        ],
      ],
    },
    {
      title: `AMI memory per tracked call: ${count(mem.calls)} answered calls held at once (${ami.memoryRecording} up to the answer, ids per call)`,
      header: ['Figure', 'Value', 'Note'],
      rows: [
        ['Translator and tracker', `${count(mem.bytesPerCall)} bytes/call`, `target < ${count(T.amiBytesPerCall)}: ${verdict(mem.bytesPerCall, T.amiBytesPerCall)}; heapUsed after a full GC`],
        ['  AmiCallTranslator', `${count(mem.translatorBytesPerCall)} bytes/call`, `${count(mem.translatorChannels)} channels, ${count(mem.translatorCalls)} calls held`],
        ['  CallTracker', `${count(mem.trackerBytesPerCall)} bytes/call`, `${count(mem.openCalls)} open calls, ${count(mem.answeredCalls)} answered`],
        ['  the same with every field value copied', `${count(mem.copiedBytesPerCall)} bytes/call`, 'without the socket text that strings sliced from it keep alive'],
        ['Recorded bytes per call up to the answer', count(mem.wireBytesPerCall), 'parsed from 64 KiB reads, VarSet and Newexten included'],
        ['After every call hung up', `${count(mem.bytesPerCallAfterHangup)} bytes/call`, `${count(mem.openAfterHangup)} calls open; tombstones (10 min) and the translator's last 4,096 ids`],
        ['After the tombstones expired', mb(mem.bytesLeftAfterSweep), `in all; ${count(mem.translatorChannelsAfterHangup)} channels held`],
      ],
    },
  ];
}

function rows(r: BenchReport): Section[] {
  return [...(r.ami ? amiSections(r.ami.results) : []), ...serverSections(r)];
}

function serverSections(r: BenchReport): Section[] {
  const { popups: p, lookups: l, ingest: g, fixture: f } = r;
  const lat: Row = ['Figure', 'p50 / p95 / p99 / max (ms)', 'Note'];
  const popupFailures = p.missingPopups + p.missingFirstFrames + p.wrongNames;
  return [
    {
      title: `Ring to popup: ${count(p.calls)} calls at ${r.options.rate}/s over ${p.seconds.toFixed(1)} s, ${r.options.clients.toLocaleString('en')} clients connected, ${count(f.contacts)} contacts`,
      header: lat,
      rows: [
        ['Popup with the name (known callers)', pct(p.popup), `target p99 < ${TARGETS.popupP99Ms} ms: ${verdict(p.popup.p99, TARGETS.popupP99Ms)} (${count(p.popup.count)} popups)`],
        ['  central phonebook, exact number', pct(p.popupByKind.e164), `${count(p.popupByKind.e164.count)} calls`],
        ["  user's private contact", pct(p.popupByKind.private), `${count(p.popupByKind.private.count)} calls`],
        ['  stored number not normalizable (suffix match)', pct(p.popupByKind.suffix), `${count(p.popupByKind.suffix.count)} calls`],
        ['First frame (number, identifying: true)', pct(p.firstFrame), `${count(p.firstFrame.count)} calls`],
        ['Unknown caller: "not found" frame', pct(p.unknownResolved), `${count(p.unknownResolved.count)} calls`],
        ['Ringing webhook answered (202)', pct(p.ringingAck), ''],
        ['Every webhook request (ringing, answered, ended)', pct(p.eventAck), `${count(p.events)} requests`],
        ['Load generator: send delay vs. schedule', pct(p.sendLag), `event-loop delay p99 ${ms(p.loadGenLoopDelayP99)} ms, max ${ms(p.loadGenLoopDelayMax)} ms`],
      ],
    },
    {
      title: 'Popup run: counts',
      header: ['Figure', 'Value', 'Note'],
      rows: [
        ['Popups that never arrived', String(p.missingPopups), 'must be 0'],
        ['Calls without any frame', String(p.missingFirstFrames), 'must be 0'],
        ['Popups with another name than the contact', String(p.wrongNames), 'must be 0'],
        ['First frames that were not "identifying"', String(p.firstFrameNotIdentifying), 'the number is pushed before the lookup'],
        ['Webhook answers', Object.entries(p.statuses).map(([s, n]) => `${s}: ${count(n)}`).join(', '), popupFailures === 0 ? '' : 'FAILURES above'],
        ['Server CPU (one core = 100 %)', `${p.serverCpuPercent.toFixed(0)} %`, `RSS ${(p.serverRssBytes / 2 ** 20).toFixed(0)} MiB`],
        ['Load generator CPU / other processes', `${p.loadGenCpuPercent.toFixed(0)} % / ${p.otherCpuPercent.toFixed(0)} %`, 'other work on the machine skews the figures'],
        ['TCP accept-queue overflows (whole machine)', String(p.listenOverflows), 'each costs a client a 1 s SYN retry; 0 expected'],
        ['Attempts', String(p.attempts), 'a run during which other processes were busy is repeated'],
      ],
    },
    {
      title: `Caller lookup in-process, ${count(f.contacts)} contacts, cache off (${count(r.options.lookups)} per kind)`,
      header: lat,
      rows: [
        ['DirectoryChain.identify, all kinds', pct(l.chain.all), `target p99 < ${TARGETS.lookupP99Ms} ms: ${verdict(l.chain.all.p99, TARGETS.lookupP99Ms)}`],
        ['  exact number, central', pct(l.chain.e164), ''],
        ['  exact number, private contact', pct(l.chain.private), ''],
        ['  suffix match', pct(l.chain.suffix), ''],
        ['  unknown number', pct(l.chain.unknown), ''],
        ['ContactsRepo.lookupByNumber, all kinds', pct(l.repo.all), `target p99 < ${TARGETS.lookupP99Ms} ms: ${verdict(l.repo.all.p99, TARGETS.lookupP99Ms)}`],
        ['  exact / private / suffix / unknown p99', `${ms(l.repo.e164.p99)} / ${ms(l.repo.private.p99)} / ${ms(l.repo.suffix.p99)} / ${ms(l.repo.unknown.p99)}`, ''],
        ['Normalizing the caller id', pct(l.normalize), 'once per call, before the lookup'],
        ['Wrong or missing names', String(l.wrong), 'must be 0'],
      ],
    },
    {
      title: `Contact search, ${count(r.options.searches)} queries per kind, as a non-admin user`,
      header: lat,
      rows: [
        ['Name prefix ("Bjø", "Jürg")', pct(l.search.prefix), ''],
        ['Substring of a name or company ("degå", "ström")', pct(l.search.substring), 'trigram index'],
        ['Number fragment (5–8 digits)', pct(l.search.number), 'trigram index'],
      ],
    },
    {
      title: `Call log, a page of 50, ${count(r.options.searches)} pages per kind`,
      header: lat,
      rows: [
        ["A user's own calls", pct(l.callLog.own), 'from their own rows in call_parties'],
        ["A user's missed calls", pct(l.callLog.ownMissed), ''],
        ['Everyone\'s calls (admin)', pct(l.callLog.all), ''],
        ['Everyone\'s calls with a number fragment (4 digits)', pct(l.callLog.allByNumber), 'a scan of the log until 50 match'],
        ['Everyone\'s calls with a whole number', pct(l.callLog.allByWholeNumber), 'exact E.164, through its index'],
      ],
    },
    {
      title: `Webhook ingest, ${g.concurrency} requests in flight for ${g.seconds.toFixed(1)} s`,
      header: ['Figure', 'Value', 'Note'],
      rows: [
        ['Events accepted per second', count(g.eventsPerSecond), `${count(g.accepted)} accepted, ${count(g.refused)} refused`],
        ['Request latency p50 / p95 / p99 / max (ms)', pct(g.latency), g.attempts > 1 ? `${g.attempts} attempts (other work on the machine)` : ''],
        ['CPU: server / load generator / other processes', `${g.serverCpuPercent.toFixed(0)} % / ${g.loadGenCpuPercent.toFixed(0)} % / ${g.otherCpuPercent.toFixed(0)} %`, 'one core = 100 %'],
        ['TCP accept-queue overflows (whole machine)', String(g.listenOverflows), '0 expected'],
      ],
    },
    {
      title: 'Data set',
      header: ['Figure', 'Value', 'Note'],
      rows: [
        ['Phonebook import (ContactsRepo.insertMany, 5,000 per batch)', `${count(f.contactsPerSecond)} contacts/s`, `${count(f.contacts)} contacts in ${f.importSeconds.toFixed(0)} s, measured ${f.builtAt.slice(0, 10)}`],
        ['Call log before the run', `${count(f.historyCalls)} calls`, 'seeded: 240 per user over 90 days'],
        ['Numbers stored', count(f.numbers), `${count(f.invalidNumbers)} not normalizable (${((100 * f.invalidNumbers) / f.numbers).toFixed(1)} %)`],
        ['Whole data set build (first run)', `${f.buildSeconds.toFixed(0)} s`, `database ${(f.databaseBytes / 1e6).toFixed(0)} MB`],
      ],
    },
  ];
}

function plainTable(header: Row, body: Row[]): string {
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')}`.trimEnd()).join('\n');
}

const plainSections = (sections: Section[]) => sections.map((section) => `${section.title}\n${plainTable(section.header, section.rows)}`).join('\n\n');

export function consoleReport(report: BenchReport): string {
  return plainSections(rows(report));
}

export function amiConsoleReport(ami: AmiResults): string {
  return plainSections(amiSections(ami));
}

function markdownTable(header: Row, body: Row[]): string {
  // Sub-rows are indented in the terminal; Markdown drops leading spaces, so they get a dash.
  const cell = (c: string) => c.replace(/\|/g, '\\|').replace(/^ {2}/, '– ');
  const line = (r: Row) => `| ${r.map(cell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...body.map(line)].join('\n');
}

const runOn = (date: Date) => {
  const m = machine();
  return `Run on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${m.cpu}, ${m.cores} cores, ${m.ramGb.toFixed(0)} GiB RAM, Node ${m.node}, ${m.os}.`;
};

export const AMI_START = '<!-- bench:ami:start -->';
export const AMI_END = '<!-- bench:ami:end -->';

/** The AMI figures with their own date and build, between their markers (an `--only=ami` run replaces just these). */
export function amiMarkdown(ami: AmiReport): string {
  const lines = [
    AMI_START,
    `AMI section. ${runOn(ami.date)}`,
    `Build: ${ami.version}. Clients, translator and tracker in the bench process on one thread; the replay server in a child process.`,
    '',
  ];
  for (const section of amiSections(ami.results)) lines.push(`### ${section.title}`, '', markdownTable(section.header, section.rows), '');
  lines.push(AMI_END);
  return lines.join('\n');
}

/** The AMI block (markers included) found in a README, or '' when it has none. */
export function amiBlockOf(text: string): string {
  const start = text.indexOf(AMI_START);
  const end = text.indexOf(AMI_END);
  return start >= 0 && end > start ? text.slice(start, end + AMI_END.length) : '';
}

/** `keptAmiBlock`: the README's AMI figures, kept when this report has none of its own. */
export function markdownResults(report: BenchReport, keptAmiBlock = ''): string {
  const { options: o } = report;
  const ami = report.ami ? amiMarkdown(report.ami) : keptAmiBlock;
  const lines = ['## Results', ''];
  if (ami) lines.push(ami, '');
  lines.push(
    `${runOn(report.date)}`,
    `Build: ${report.version}. Load generator and server on the same machine. ${o.warmup} s warm-up (not counted), then ${o.duration} s measured.`,
    '',
  );
  for (const section of serverSections(report)) lines.push(`### ${section.title}`, '', markdownTable(section.header, section.rows), '');
  if (report.serverLogLines.length) {
    lines.push(`The server logged ${report.serverLogLines.length} warning or error lines during the run; the first:`, '', '```', ...report.serverLogLines.slice(0, 5), '```', '');
  }
  return lines.join('\n');
}

export const RESULTS_START = '<!-- bench:results:start -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** Replaces the results section of the README, keeping everything around it (and its AMI figures when the report has none). */
export function writeReadmeResults(file: string, report: BenchReport): void {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(RESULTS_START);
  const end = text.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`${file}: the markers ${RESULTS_START} … ${RESULTS_END} are missing`);
  const kept = amiBlockOf(text.slice(start, end));
  const next = `${text.slice(0, start + RESULTS_START.length)}\n${markdownResults(report, kept)}\n${text.slice(end)}`;
  writeFileSync(file, next);
}

/**
 * The README text with only its AMI figures replaced, everything else as it was. Without an AMI
 * block yet, it goes first in the results section, under its heading.
 */
export function withAmiResults(text: string, ami: AmiReport): string {
  const block = amiMarkdown(ami);
  const old = amiBlockOf(text);
  if (old) return text.replace(old, () => block);
  const start = text.indexOf(RESULTS_START);
  const end = text.indexOf(RESULTS_END);
  if (start < 0 || end < start) throw new Error(`the markers ${RESULTS_START} … ${RESULTS_END} are missing`);
  const heading = /^## Results\n\n?/m.exec(text.slice(start, end));
  const at = heading ? start + heading.index + heading[0].length : start + RESULTS_START.length + 1;
  return `${text.slice(0, at)}${block}\n\n${text.slice(at)}`;
}

export function writeAmiResults(file: string, ami: AmiReport): void {
  writeFileSync(file, withAmiResults(readFileSync(file, 'utf8'), ami));
}
