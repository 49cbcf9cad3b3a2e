import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { AmiResults } from '../ami/run.js';
import {
  buildReplayStream,
  countEvents,
  END_EVENT,
  END_FRAME,
  eventFrames,
  MEMORY_RECORDING,
  readRecording,
  recordingFiles,
  rewriteIds,
  splitAtHangup,
} from '../ami/recordings.js';
import { isAmiReferenceRun, isReferenceRun, parseOptions, type BenchOptions } from '../options.js';
import { ROOT } from '../paths.js';
import { AMI_END, AMI_START, RESULTS_END, RESULTS_START, withAmiResults } from '../report.js';

const ids = (text: string, key = 'Uniqueid') => [...text.matchAll(new RegExp(`^${key}: ([^\\r\\n]*)`, 'gm'))].map((m) => m[1]!);

describe('AMI bench: id rewriting', () => {
  const frame = [
    'Event: DialBegin',
    'Channel: PJSIP/provider-00000003',
    'CallerIDNum: 1795433211.5',
    'Uniqueid: 1795433211.5',
    'Linkedid: 1795433211.5',
    'DestUniqueid: 1795433211.6',
    'DestLinkedid: 1795433211.5',
    'BridgeUniqueid: 8b1b2d0f-45b5-4f08-82ca-dbf06d3ac87b',
    'UniqueID: 1795433211.5',
    'LocalOneUniqueid: 1795433211.7',
    '',
    '',
  ].join('\r\n');

  test('tags every channel and call id, and nothing else', () => {
    const out = rewriteIds(frame, 3);
    assert.equal(
      out,
      [
        'Event: DialBegin',
        'Channel: PJSIP/provider-00000003',
        'CallerIDNum: 1795433211.5',
        'Uniqueid: 1795433211.5-3',
        'Linkedid: 1795433211.5-3',
        'DestUniqueid: 1795433211.6-3',
        'DestLinkedid: 1795433211.5-3',
        'BridgeUniqueid: 8b1b2d0f-45b5-4f08-82ca-dbf06d3ac87b',
        'UniqueID: 1795433211.5-3',
        'LocalOneUniqueid: 1795433211.7-3',
        '',
        '',
      ].join('\r\n'),
    );
  });

  test('leaves <unknown> and empty ids alone, and works with LF line ends', () => {
    const text = 'Event: OriginateResponse\nUniqueid: <unknown>\nLinkedid: \nDestUniqueid: 17.2\n\n';
    assert.equal(rewriteIds(text, 'c9'), 'Event: OriginateResponse\nUniqueid: <unknown>\nLinkedid: \nDestUniqueid: 17.2-c9\n\n');
  });

  test('two copies of a real recording share no channel or call id, and differ only in them', () => {
    const recording = eventFrames(readRecording(path.join(ROOT, 'test/fixtures/ami/transfer-attended.ami'))).join('');
    const a = rewriteIds(recording, 0);
    const b = rewriteIds(recording, 1);
    for (const key of ['Uniqueid', 'Linkedid', 'DestUniqueid', 'TransfereeUniqueid']) {
      const inA = new Set(ids(a, key));
      assert.ok(inA.size > 0, key);
      assert.ok(ids(b, key).every((id) => !inA.has(id)), `${key} repeats between copies`);
    }
    const untagged = (text: string) => text.replace(/-[01]$/gm, '');
    assert.equal(untagged(a), untagged(b));
    assert.equal(untagged(a), recording);
  });
});

describe('AMI bench: event counting', () => {
  test('counts event frames by their first line, whatever the line ends and blank lines between', () => {
    const text =
      'Event: Newchannel\r\nUniqueid: 1\r\n\r\n' +
      'Response: Success\r\nActionID: 7\r\n\r\n' + // a response, not an event
      '\r\n\r\nEvent: VarSet\nVariable: x\nValue: Event: no\n\n' + // extra blank lines; "Event:" inside a value
      'Event: Newchannel\r\nUniqueid: 2\r\n\r\n' +
      'Event: Hangup\r\nUniqueid: 1'; // last frame cut short: still an event frame
    const counted = countEvents(Buffer.from(text));
    assert.equal(counted.events, 4);
    assert.deepEqual({ ...counted.byName }, { Newchannel: 2, VarSet: 1, Hangup: 1 });
    const none = countEvents('');
    assert.equal(none.events, 0);
    assert.deepEqual({ ...none.byName }, {});
  });

  test('a recording yields its events only: no banner, login reply or answers to actions', () => {
    const text = readRecording(path.join(ROOT, 'test/fixtures/ami/actions-misc.ami'));
    const frames = eventFrames(text);
    assert.ok(frames.length > 50);
    for (const frame of frames) {
      assert.match(frame, /^Event: /);
      assert.ok(frame.endsWith('\r\n\r\n') && !frame.slice(0, -4).includes('\r\n\r\n'), 'one frame, ended by its blank line');
      assert.doesNotMatch(frame, /^ActionID:/im);
    }
    // The recording has more Event frames than that: the list items that answer its actions.
    assert.ok(countEvents(text).events > frames.length);
    assert.equal(countEvents(frames.join('')).events, frames.length);
  });

  test('the replay stream is whole loops of every recording, counted in its bytes, the end marker last and not counted', () => {
    const recordings = recordingFiles(ROOT).map(readRecording);
    assert.ok(recordings.length >= 20);
    const perLoop = recordings.reduce((n, text) => n + eventFrames(text).length, 0);
    const stream = buildReplayStream(recordings, perLoop * 2 + 1);
    assert.equal(stream.loops, 3);
    assert.equal(stream.eventsPerLoop, perLoop);
    assert.equal(stream.events, 3 * perLoop);
    assert.equal(Object.values(stream.byName).reduce((a, b) => a + b, 0), stream.events);
    assert.equal(stream.byName[END_EVENT], undefined);
    assert.ok(stream.bytes.subarray(-END_FRAME.length).equals(Buffer.from(END_FRAME)));
    // An independent count: frame starts after a blank line.
    const text = stream.bytes.toString('latin1');
    assert.equal(text.split('\r\n\r\nEvent: ').length - 1 + (text.startsWith('Event: ') ? 1 : 0), stream.events + 1);
    // Every loop has its own calls.
    const linkedids = ids(text, 'Linkedid');
    const loopsOf = new Map<string, Set<string>>();
    for (const id of linkedids) {
      const [base, loop] = [id.slice(0, id.lastIndexOf('-')), id.slice(id.lastIndexOf('-') + 1)];
      loopsOf.set(base, (loopsOf.get(base) ?? new Set()).add(loop));
    }
    assert.ok([...loopsOf.values()].every((loops) => loops.size === 3));
  });

  test('the memory recording splits into a call up to its answer and its hang-up', () => {
    const { answered, hangup } = splitAtHangup(eventFrames(readRecording(path.join(ROOT, MEMORY_RECORDING))));
    const names = (frames: string[]) => frames.map((f) => /^Event: (\S+)/.exec(f)![1]);
    assert.equal(names(answered)[0], 'Newchannel');
    assert.ok(names(answered).includes('DialEnd') && names(answered).includes('BridgeEnter'));
    assert.ok(!names(answered).some((n) => /Hangup/.test(n!)));
    assert.equal(names(hangup)[0], 'HangupRequest');
    assert.equal(names(hangup).filter((n) => n === 'Hangup').length, 2);
  });
});

describe('AMI bench: README figures', () => {
  const readme = [
    '# Benchmark',
    '',
    RESULTS_START,
    '## Results',
    '',
    'Run on 2026-11-23 15:44 UTC: server figures.',
    '',
    '| a | b |',
    RESULTS_END,
    'after',
  ].join('\n');
  const results = {
    stream: { events: 300_000, built: 140_000, loops: 10, eventsPerLoop: 30_000, recordings: 26, bytes: 1e8 },
    ours: { eventsPerSecond: 500_000, seconds: 0.6, cpuSeconds: 0.7, mainThreadCpuSeconds: 0.6, serverCpuSeconds: 0.1, built: 140_000, callEvents: 9, callsCreated: 3, callsEnded: 3, otherCpuPercent: 1, attempts: 1 },
    theirs: { eventsPerSecond: 50_000, seconds: 6, cpuSeconds: 6.1, mainThreadCpuSeconds: 5.9, serverCpuSeconds: 0.1, built: 300_000, otherCpuPercent: 1, attempts: 1 },
    oursRuns: [490_000, 500_000, 510_000],
    theirsRuns: [49_000, 50_000, 51_000],
    ratio: 10,
    oursPerCpuSecond: 500_000,
    theirsPerCpuSecond: 50_000,
    repeatedRuns: 0,
    maxOtherCpuPercent: 2,
    memory: {
      calls: 10_000,
      bytesPerCall: 4000,
      translatorBytesPerCall: 3000,
      trackerBytesPerCall: 1000,
      copiedBytesPerCall: 2500,
      openCalls: 10_000,
      answeredCalls: 10_000,
      translatorChannels: 20_000,
      translatorCalls: 10_000,
      wireBytesPerCall: 25_000,
      openAfterHangup: 0,
      translatorChannelsAfterHangup: 0,
      bytesPerCallAfterHangup: 200,
      bytesLeftAfterSweep: 1e6,
    },
    memoryRecording: 'test/fixtures/ami/pjsip/inbound-answered.ami',
    seconds: 20,
  } satisfies AmiResults;

  test('an AMI-only run adds its block at the top of the results and leaves the rest as it was', () => {
    const once = withAmiResults(readme, { results, version: 'abc1234', date: new Date('2026-11-24T10:00:00Z') });
    assert.equal(once.replace(/<!-- bench:ami:start -->[\s\S]*<!-- bench:ami:end -->\n\n/, ''), readme);
    assert.ok(once.indexOf(AMI_START) > once.indexOf('## Results') && once.indexOf(AMI_END) < once.indexOf('server figures'));
    assert.match(once, /Run on 2026-11-24 10:00 UTC/);
    assert.match(once, /\| Ours: AmiClient, AmiCallTranslator, CallTracker \| 500,000 events\/s \| target ≥ 400,000: met/);
    assert.match(once, /\| Translator and tracker \| 4,000 bytes\/call \| target < 5,000: met/);

    // A second run replaces only its own block.
    const slower = { ...results, ratio: 4.2, oursRuns: [1, 2, 3] };
    const twice = withAmiResults(once, { results: slower, version: 'def5678', date: new Date('2026-11-25T10:00:00Z') });
    assert.equal(twice.split(AMI_START).length, 2);
    assert.match(twice, /4\.2× \| target ≥ 10×: MISSED/);
    assert.doesNotMatch(twice, /2026-11-24/);
    assert.equal(twice.replace(/<!-- bench:ami:start -->[\s\S]*<!-- bench:ami:end -->\n\n/, ''), readme);
  });
});

describe('AMI bench: options', () => {
  const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseOptions(argv, env) as BenchOptions;

  test('--only ami (or =ami, or BENCH_ONLY) runs the AMI section alone and may write only its figures', () => {
    for (const options of [parse(['--only', 'ami']), parse(['--only=AMI']), parse([], { BENCH_ONLY: 'ami' })]) {
      assert.equal(options.only, 'ami');
      assert.equal(isAmiReferenceRun(options, {}), true);
      assert.equal(isReferenceRun(options, {}), false);
    }
    assert.throws(() => parse(['--only=lookups']), /--only: expected one of all, ami, server/);
  });

  test('the AMI figures are only written with the reference settings', () => {
    const full = parse([]);
    assert.equal(full.only, 'all');
    assert.equal(full.amiEvents, 300_000);
    assert.equal(isAmiReferenceRun(full, {}), true);
    assert.equal(isAmiReferenceRun(parse(['--quick']), {}), false);
    assert.equal(parse(['--quick']).amiEvents, 100_000);
    assert.equal(isAmiReferenceRun(parse(['--ami-events=5000']), {}), false);
    assert.equal(isAmiReferenceRun(parse(['--ami-calls', '500']), {}), false);
    assert.equal(isAmiReferenceRun(parse(['--only=server']), {}), false);
    assert.equal(isAmiReferenceRun(full, { BENCH_DIST: '/tmp/other/dist' }), false);
    assert.throws(() => parse(['--ami-events=10']), /--ami-events/);
  });
});
