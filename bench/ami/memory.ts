// Memory per tracked call: 10,000 copies of a real answered call held at once, in this process.
// The recording's bytes (ids made unique per call) go through the parser in socket-sized chunks,
// as they would arrive, then through the translator and the tracker; heapUsed after a full GC,
// before and after, divided by the number of calls. Needs node --expose-gc.

import type { AmiModules } from './modules.js';
import { eventFrames, readRecording, rewriteIds, splitAtHangup } from './recordings.js';
import { collectGarbage } from './throughput.js';

/** A loopback read: what node hands over per 'data' event when the bytes are there. */
export const CHUNK_BYTES = 64 * 1024;

export interface MemoryResults {
  calls: number;
  /** Translator and tracker together, each alone (tracker = together − translator alone). */
  bytesPerCall: number;
  translatorBytesPerCall: number;
  trackerBytesPerCall: number;
  /** Translator and tracker together when every field value is a copy, not a slice of the socket's text. */
  copiedBytesPerCall: number;
  /** Open calls in the tracker once every call is answered, and how many of them are answered. */
  openCalls: number;
  answeredCalls: number;
  /** Channels and calls the translator held meanwhile. */
  translatorChannels: number;
  translatorCalls: number;
  /** Bytes of recorded traffic per call fed in up to the answer. */
  wireBytesPerCall: number;
  /** After every call hung up: open calls left, and what is still held per call (the tracker's tombstones, the translator's ring of recent ids). */
  openAfterHangup: number;
  translatorChannelsAfterHangup: number;
  bytesPerCallAfterHangup: number;
  /** After the tombstones expired (sweep past their time): the whole heap difference to before, in bytes. */
  bytesLeftAfterSweep: number;
}

/** Feeds the copies' bytes to `push` in CHUNK_BYTES pieces, call after call. */
function feedCopies(template: string, calls: number, push: (chunk: Buffer) => void): number {
  const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let total = 0;
  for (let i = 0; i < calls; i++) {
    const bytes = Buffer.from(rewriteIds(template, `c${i}`), 'latin1');
    total += bytes.length;
    for (let at = 0; at < bytes.length; ) {
      const n = bytes.copy(chunk, used, at);
      used += n;
      at += n;
      if (used === CHUNK_BYTES) {
        // The parser decodes the bytes into a string at once, so the buffer can be reused.
        push(chunk);
        used = 0;
      }
    }
  }
  if (used > 0) push(chunk.subarray(0, used));
  return total;
}

const heapAfterGc = (): number => {
  collectGarbage();
  return process.memoryUsage().heapUsed;
};

/** A string with its own characters: not a slice that keeps the text it was cut from alive. */
const copyOf = (value: string): string => Buffer.from(value).toString();

/**
 * Parser → translator (→ tracker). `copyStrings`: every field value is replaced by a copy before
 * the translator sees it, to tell what the calls themselves take from what the socket text
 * their strings were sliced from takes.
 */
function pipeline(m: AmiModules, withTracker: boolean, copyStrings = false) {
  const translator = new m.AmiCallTranslator({ source: 'bench' });
  const tracker = withTracker ? new m.CallTracker() : undefined;
  const parser = new m.AmiFrameParser({
    acceptEvent: m.acceptsEvent,
    onMessage: (message) => {
      if (copyStrings) for (const key in message.fields) message.fields[key] = copyOf(message.fields[key]!);
      const events = translator.handle(message);
      if (tracker) for (const event of events) tracker.apply(event);
    },
  });
  return { translator, tracker, parser };
}

export function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

export function measureMemory(m: AmiModules, recordingFile: string, calls: number): MemoryResults {
  if (!hasGc()) throw new Error('the memory figure needs node --expose-gc (scripts/bench.sh passes it)');
  const { answered, hangup } = splitAtHangup(eventFrames(readRecording(recordingFile)));
  const answeredText = answered.join('');
  const hangupText = hangup.join('');

  /** Heap held by `calls` answered calls in a fresh pipeline, which is then dropped. */
  const heldBy = (withTracker: boolean, copyStrings: boolean): number => {
    const p = pipeline(m, withTracker, copyStrings);
    const before = heapAfterGc();
    feedCopies(answeredText, calls, (chunk) => p.parser.push(chunk));
    const held = heapAfterGc() - before;
    if (p.translator.size.calls !== calls) throw new Error(`the translator holds ${p.translator.size.calls} calls, expected ${calls}`);
    return held;
  };
  // The translator alone first, then both (below): the tracker's share is the difference.
  const translatorBytes = heldBy(false, false);
  const copiedBytes = heldBy(true, true);

  const both = pipeline(m, true);
  const tracker = both.tracker!;
  const before = heapAfterGc();
  const wireBytes = feedCopies(answeredText, calls, (chunk) => both.parser.push(chunk));
  const held = heapAfterGc() - before;
  const { channels: translatorChannels, calls: translatorCalls } = both.translator.size;
  const open = tracker.active();
  const openCalls = open.length;
  const answeredCalls = open.filter((call) => call.phase === 'answered').length;
  open.length = 0;

  feedCopies(hangupText, calls, (chunk) => both.parser.push(chunk));
  const afterHangup = heapAfterGc() - before;
  const openAfterHangup = tracker.active().length;

  tracker.sweep(Date.now() + m.DEFAULT_TRACKER_OPTIONS.tombstoneMs + 60_000);
  const afterSweep = heapAfterGc() - before;
  // Read after the last measurement, so that nothing measured could have been collected early.
  const translatorChannelsAfterHangup = both.translator.size.channels;

  return {
    calls,
    bytesPerCall: held / calls,
    translatorBytesPerCall: translatorBytes / calls,
    trackerBytesPerCall: (held - translatorBytes) / calls,
    copiedBytesPerCall: copiedBytes / calls,
    openCalls,
    answeredCalls,
    translatorChannels,
    translatorCalls,
    wireBytesPerCall: wireBytes / calls,
    openAfterHangup,
    translatorChannelsAfterHangup,
    bytesPerCallAfterHangup: afterHangup / calls,
    bytesLeftAfterSweep: afterSweep,
  };
}
