// The recorded Asterisk traffic (test/fixtures/ami/) turned into what the AMI bench replays: the
// event frames of every recording, looped, each loop's channel and call ids made its own so that
// the tracker sees new calls rather than the same ones again. Pure, apart from reading the files.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.join('test', 'fixtures', 'ami');
/** The inbound call answered by a SIP phone: the call the memory figure holds 10,000 of. */
export const MEMORY_RECORDING = path.join(FIXTURES, 'pjsip', 'inbound-answered.ami');

/** Ends the replayed stream: both clients stop their clock when they have parsed it. Not counted. */
export const END_EVENT = 'BenchStreamEnd';
export const END_FRAME = `Event: ${END_EVENT}\r\n\r\n`;

/** The `.ami` recordings, folder by folder, in a fixed order. */
export function recordingFiles(root: string): string[] {
  const files: string[] = [];
  for (const dir of [FIXTURES, path.join(FIXTURES, 'pjsip')]) {
    for (const name of readdirSync(path.join(root, dir)).sort()) if (name.endsWith('.ami')) files.push(path.join(root, dir, name));
  }
  return files;
}

/**
 * The frames of a recording that are events on their own: not the banner, the login reply or any
 * other response, nor list events answering an action (they carry its ActionID). `\r\n` line
 * ends, each frame ended by its blank line, as Asterisk sends them.
 */
export function eventFrames(recording: string): string[] {
  return recording
    .split(/\r?\n\r?\n/)
    .filter((frame) => frame.startsWith('Event:') && !/^ActionID:/im.test(frame))
    .map((frame) => `${frame.replace(/\r?\n/g, '\r\n')}\r\n\r\n`);
}

/** Channel and call ids: Uniqueid, Linkedid and their Dest…/Transferee…/LocalOne… forms. Not BridgeUniqueid (a UUID, not a channel). */
const ID_LINE = /^(\w*(?:Uniqueid|Linkedid)): ([^\r\n<][^\r\n]*)$/gim;

/**
 * The same frames with every channel and call id given `-tag` (`1795433211.5` → `1795433211.5-3`),
 * so a second copy of a recording is a different call. `<unknown>` (a failed Originate) stays.
 */
export function rewriteIds(text: string, tag: string | number): string {
  return text.replace(ID_LINE, (line, key: string, value: string) => (/bridge/i.test(key) ? line : `${key}: ${value}-${tag}`));
}

export interface EventCount {
  /** Frames whose first line is `Event: …`. */
  events: number;
  /** How many of each event name. */
  byName: Record<string, number>;
}

/**
 * Counts the event frames in wire bytes: frames are separated by a blank line (`\r\n\r\n` or
 * `\n\n`), an event frame's first line is `Event: Name`. Independent of both parsers measured.
 */
export function countEvents(bytes: Buffer | string): EventCount {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
  const byName: Record<string, number> = Object.create(null) as Record<string, number>;
  let events = 0;
  let at = 0;
  while (at < text.length) {
    // Skip the blank lines between frames; `at` is then the first character of a frame.
    while (at < text.length && (text.charCodeAt(at) === 13 || text.charCodeAt(at) === 10)) at++;
    if (at >= text.length) break;
    const lineEnd = text.indexOf('\n', at);
    const firstLine = text.slice(at, lineEnd === -1 ? text.length : lineEnd).replace(/\r$/, '');
    if (firstLine.startsWith('Event:')) {
      const name = firstLine.slice(6).trim();
      byName[name] = (byName[name] ?? 0) + 1;
      events++;
    }
    const blank = /\r?\n\r?\n/g;
    blank.lastIndex = at;
    const end = blank.exec(text);
    if (end === null) break;
    at = end.index + end[0].length;
  }
  return { events, byName };
}

export interface ReplayStream {
  bytes: Buffer;
  /** Times every recording was repeated. */
  loops: number;
  /** Event frames in `bytes` (END_FRAME excluded). */
  events: number;
  byName: Record<string, number>;
  /** Event frames in one loop. */
  eventsPerLoop: number;
}

/**
 * Every recording's event frames one after another, repeated until at least `minEvents` events
 * (whole loops), ids tagged with the loop number; END_FRAME last. Built once, before any timing.
 */
export function buildReplayStream(recordings: readonly string[], minEvents: number): ReplayStream {
  const loop = recordings.map((text) => eventFrames(text).join('')).join('');
  const eventsPerLoop = countEvents(loop).events;
  if (eventsPerLoop === 0) throw new Error('the recordings hold no events');
  const loops = Math.max(1, Math.ceil(minEvents / eventsPerLoop));
  const parts: Buffer[] = [];
  for (let n = 0; n < loops; n++) parts.push(Buffer.from(rewriteIds(loop, n), 'latin1'));
  parts.push(Buffer.from(END_FRAME, 'latin1'));
  const bytes = Buffer.concat(parts);
  // Counted again in the bytes that will be sent, not derived from the loop.
  const { events, byName } = countEvents(bytes);
  if (--byName[END_EVENT]! === 0) delete byName[END_EVENT];
  return { bytes, loops, events: events - 1, byName, eventsPerLoop };
}

/** Events in which a channel starts to go away: where a call stops being one that is simply up. */
const HANGING_UP = new Set(['HangupRequest', 'SoftHangupRequest', 'Hangup']);

/**
 * One call's frames split at its hang-up: from the first Newchannel (what came before belongs to
 * the connection, not the call) up to the answer, and the rest.
 */
export function splitAtHangup(frames: readonly string[]): { answered: string[]; hangup: string[] } {
  const nameOf = (frame: string) => /^Event: ([^\r\n]*)/.exec(frame)?.[1] ?? '';
  const first = frames.findIndex((f) => nameOf(f) === 'Newchannel');
  const call = first === -1 ? [...frames] : frames.slice(first);
  const cut = call.findIndex((f) => HANGING_UP.has(nameOf(f)));
  return cut === -1 ? { answered: call, hangup: [] } : { answered: call.slice(0, cut), hangup: call.slice(cut) };
}

export function readRecording(file: string): string {
  // latin1 keeps every byte as one character; the recordings are ASCII anyway.
  return readFileSync(file, 'latin1');
}
