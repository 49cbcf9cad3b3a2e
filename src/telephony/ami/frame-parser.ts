// Streaming parser for the Asterisk Manager Interface (AMI) wire format.
//
// Why our own: the AMI clients on npm (asterisk-manager, asterisk-ami-client, …) are unmaintained,
// split every line with regexes (too slow for a busy PBX, where VarSet/Newexten alone are half the
// traffic), throw or desynchronize on a malformed frame, and mangle repeated keys and values that
// contain ': '. The wire format is small enough to own.
//
// Wire format, as handled here:
// - The first line of a connection is the banner `Asterisk Call Manager/x.y.z` (no blank line after
//   it). A first line without a colon is reported as the banner; a first line with one is taken as
//   the start of a frame (some proxies send no banner).
// - A frame is `Key: Value` lines ended by an empty line. Lines end with `\n`, optionally preceded
//   by one `\r` (both styles may be mixed). Empty lines between frames are ignored.
// - Key = the text before the first ':' (must be non-empty); value = the rest of the line after
//   that ':' and one following space if present (so `Key:` is an empty value and a value may
//   contain ': '). AMI keys never contain ':', so this is "everything after the first ': '".
// - The kind of a message comes from its first line: `Event: X` → event X, `Response: S` →
//   response S, anything else → 'other' with name ''.
// - A line with no colon (or an empty key) spoils its whole frame: the frame is dropped and the
//   parser resynchronizes at the next empty line. So garbage merged into a frame without a blank
//   line in between takes that frame with it; garbage set off by blank lines costs nothing else.
// - A frame longer than maxFrameChars (UTF-16 code units of its lines, line ends included) is
//   dropped the same way; a never-ending line is not buffered beyond that limit.
//
// Speed: a filtered event costs its name and a scan to its blank line, nothing more is cut out of
// the read; the fields of the events kept are built by constructors made for each key order
// (frame-shapes.ts).

import { StringDecoder } from 'node:string_decoder';
import { FrameShapes, type ShapeNode } from './frame-shapes.js';

export type AmiMessageKind = 'event' | 'response' | 'other';

export interface AmiMessage {
  kind: AmiMessageKind;
  /** Event name for events, response status (Success, Error, Follows, Goodbye…) for responses, '' otherwise. */
  name: string;
  /** First value of each key, keys spelled as received. Null prototype: `fields.toString` is undefined. */
  fields: Record<string, string>;
  actionId: string | undefined;
  /** Only for keys that occur more than once (ChanVariable, Output…): all their values in order. */
  multi: Record<string, string[]> | undefined;
}

export interface AmiParserStats {
  /** Messages delivered to onMessage. */
  messages: number;
  /** Events dropped by acceptEvent. */
  filtered: number;
  /** Non-empty lines without a colon (or with an empty key), counted in the frames they spoiled. */
  garbageLines: number;
  /** Frames dropped because they contained at least one garbage line. */
  garbageFrames: number;
  /** Frames dropped for exceeding maxFrameChars. */
  oversizedFrames: number;
}

export interface AmiFrameParserOptions {
  onMessage: (message: AmiMessage) => void;
  /** The connection's banner line; version is what follows the last '/' (the AMI protocol version). */
  onBanner?: (version: string, line: string) => void;
  /**
   * Called with the event name as soon as `Event: X` is read; false skips the frame unbuilt.
   * Responses are never filtered. Asked once per event name: the parser remembers the answer.
   */
  acceptEvent?: (eventName: string) => boolean;
  /** Default 1 MiB worth of characters; a big `Command` output stays well below. */
  maxFrameChars?: number;
}

/** All values of a key, in order ([] when absent). */
export function fieldValues(message: AmiMessage, key: string): string[] {
  const all = message.multi?.[key];
  if (all !== undefined) return all;
  const one = message.fields[key];
  return one === undefined ? [] : [one];
}

const DEFAULT_MAX_FRAME_CHARS = 1 << 20;
const LF = 10;
const CR = 13;
const SPACE = 32;

const enum State {
  Banner,
  Idle,
  Frame,
  Skip,
}

export class AmiFrameParser {
  readonly stats: AmiParserStats = { messages: 0, filtered: 0, garbageLines: 0, garbageFrames: 0, oversizedFrames: 0 };

  private readonly onMessage: (message: AmiMessage) => void;
  private readonly onBanner: ((version: string, line: string) => void) | undefined;
  private readonly acceptEvent: ((eventName: string) => boolean) | undefined;
  private readonly maxFrameChars: number;

  private decoder = new StringDecoder('utf8');
  /** Unconsumed text: always a partial line (no '\n'). */
  private rest = '';
  private state: State = State.Banner;
  /** Skip state only: the current line had content that was already thrown away. */
  private midLine = false;
  /** A garbage skip keeps counting colon-less lines; a filtered/oversized skip does not look. */
  private countGarbage = false;
  /** Position in the current buffer of the first ':' at or after the last search start, or buf.length. */
  private colonAt = -1;
  private rescan = false;

  private frameChars = 0;
  private kind: AmiMessageKind = 'other';
  private name = '';
  private fields: Record<string, string> | null = null;
  /** An event following its known key orders: its values so far are in `values`, `fields` is still null. */
  private node: ShapeNode | null = null;
  private readonly values: string[] = [];
  private readonly shapes = new FrameShapes();
  private multi: Record<string, string[]> | undefined = undefined;

  constructor(options: AmiFrameParserOptions) {
    this.onMessage = options.onMessage;
    this.onBanner = options.onBanner;
    this.acceptEvent = options.acceptEvent;
    this.maxFrameChars = options.maxFrameChars ?? DEFAULT_MAX_FRAME_CHARS;
  }

  /** Forget everything buffered (a partial frame is discarded) and expect a banner again: call on reconnect. */
  reset(): void {
    this.decoder = new StringDecoder('utf8');
    this.rest = '';
    this.rescan = false;
    this.state = State.Banner;
    this.midLine = false;
    this.countGarbage = false;
    this.clearFrame();
  }

  /** Feed bytes as they arrive. Don't mix Buffer and string chunks inside one multi-byte character. */
  push(chunk: Buffer | string): void {
    const text = typeof chunk === 'string' ? this.decoder.end() + chunk : this.decoder.write(chunk);
    if (text.length === 0) return;
    const rest = this.rest;
    const buf = rest.length === 0 ? text : rest + text;
    let pos = 0;
    let scanFrom = this.rescan ? 0 : rest.length; // rest holds no '\n' unless a callback threw
    this.rescan = false;
    this.colonAt = -1;
    let done = false;
    try {
      for (;;) {
        const nl = buf.indexOf('\n', scanFrom);
        if (nl === -1) break;
        const start = pos;
        pos = scanFrom = nl + 1; // consumed before the callback runs, so a throwing callback loses nothing else
        const end = nl > start && buf.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (this.state === State.Skip) {
          // Hot for filtered events: no slicing, just find the blank line.
          if (end === start && !this.midLine) {
            this.state = State.Idle;
          } else if (this.countGarbage && end > start) {
            this.countIfGarbage(buf, start, end);
          }
          this.midLine = false;
        } else {
          this.line(buf, start, end, pos - start);
        }
      }
      done = true;
    } finally {
      if (done) {
        this.keepTail(buf, pos);
      } else {
        // A callback threw: keep the unread lines for the next push.
        this.rest = buf.slice(pos);
        this.rescan = true;
      }
    }
  }

  private line(buf: string, start: number, end: number, rawChars: number): void {
    if (end === start) {
      if (this.state === State.Frame) this.emit();
      return; // blank line outside a frame (or right after the banner): nothing to do
    }
    if (this.state === State.Banner) {
      this.state = State.Idle;
      if (this.findColon(buf, start) >= end) {
        const line = buf.slice(start, end);
        this.onBanner?.(line.slice(line.lastIndexOf('/') + 1), line);
        return;
      }
    }
    if (this.state === State.Idle) {
      this.state = State.Frame;
      this.frameChars = 0;
    }
    this.frameChars += rawChars;
    if (this.frameChars > this.maxFrameChars) {
      this.stats.oversizedFrames++;
      this.skip(false);
      return;
    }
    const node = this.node;
    if (node !== null) {
      const next = this.shapes.next(node, buf, start, end);
      if (next !== undefined) {
        let valueStart = start + next.key.length + 1;
        if (valueStart < end && buf.charCodeAt(valueStart) === SPACE) valueStart++;
        this.values[next.depth] = buf.slice(valueStart, end);
        this.node = next;
        return;
      }
    }
    const colon = this.findColon(buf, start);
    if (colon >= end || colon === start) {
      this.stats.garbageLines++;
      this.stats.garbageFrames++;
      this.skip(true);
      return;
    }
    let valueStart = colon + 1;
    if (valueStart < end && buf.charCodeAt(valueStart) === SPACE) valueStart++;
    const value = buf.slice(valueStart, end);
    if (node !== null) {
      // A key this event has not had at this place before: a new branch of its shapes, or the hash table from here on.
      const grown = this.shapes.grow(node, buf.slice(start, colon));
      if (grown !== undefined) {
        this.values[grown.depth] = value;
        this.node = grown;
        return;
      }
      this.fields = this.shapes.hashTable(node, this.values);
      this.node = null;
    }
    let fields = this.fields;
    if (fields === null) {
      const keyLength = colon - start;
      if (keyLength === 5 && buf.startsWith('Event', start)) {
        const root = this.shapes.root(value, this.acceptEvent);
        if (root === false) {
          this.stats.filtered++;
          this.skip(false);
          return;
        }
        this.kind = 'event';
        this.name = value;
        if (root !== undefined) {
          this.values[0] = value;
          this.node = root;
          return;
        }
      } else if (keyLength === 8 && buf.startsWith('Response', start)) {
        this.kind = 'response';
        this.name = value;
      }
      fields = this.fields = Object.create(null) as Record<string, string>;
    }
    const key = buf.slice(start, colon);
    const first = fields[key];
    if (first === undefined) {
      fields[key] = value;
    } else {
      const multi = (this.multi ??= Object.create(null) as Record<string, string[]>);
      const all = multi[key];
      if (all === undefined) multi[key] = [first, value];
      else all.push(value);
    }
  }

  /** First ':' at or after start in buf (buf.length if none); memoized so runs of colon-less lines stay linear. */
  private findColon(buf: string, start: number): number {
    if (this.colonAt < start) {
      const at = buf.indexOf(':', start);
      this.colonAt = at === -1 ? buf.length : at;
    }
    return this.colonAt;
  }

  private countIfGarbage(buf: string, start: number, end: number): void {
    const colon = this.findColon(buf, start);
    if (colon >= end || colon === start) this.stats.garbageLines++;
  }

  private emit(): void {
    const fields = this.node !== null ? this.shapes.finish(this.node, this.values) : this.fields;
    this.state = State.Idle;
    if (fields === null) return;
    const message: AmiMessage = { kind: this.kind, name: this.name, fields, actionId: fields.ActionID, multi: this.multi };
    this.clearFrame();
    this.stats.messages++;
    this.onMessage(message);
  }

  private skip(countGarbage: boolean): void {
    this.state = State.Skip;
    this.countGarbage = countGarbage;
    this.midLine = false;
    this.clearFrame();
  }

  private clearFrame(): void {
    this.kind = 'other';
    this.name = '';
    this.fields = null;
    this.node = null;
    this.multi = undefined;
  }

  /** Store the partial last line, unless it makes its frame too big or the frame is being skipped anyway. */
  private keepTail(buf: string, pos: number): void {
    const length = buf.length - pos;
    if (length === 0) {
      this.rest = '';
      return;
    }
    // A trailing '\r' may be half of the "\r\n" of a blank line: it does not count yet.
    const endsInCr = buf.charCodeAt(buf.length - 1) === CR;
    const content = endsInCr ? length - 1 : length;
    if (this.state !== State.Skip || this.countGarbage) {
      // A garbage skip keeps its partial line so that it can still be counted; only its size is limited.
      const before = this.state === State.Frame ? this.frameChars : 0;
      if (before + content <= this.maxFrameChars) {
        this.rest = pos === 0 ? buf : buf.slice(pos);
        return;
      }
      if (this.state === State.Skip) {
        this.countGarbage = false; // a huge junk line: stop looking into this frame
      } else {
        this.stats.oversizedFrames++;
        this.skip(false);
      }
    }
    // Skipping: drop the text, remember whether the line had any (so its '\n' does not end the frame).
    if (content > 0) this.midLine = true;
    this.rest = endsInCr ? '\r' : '';
  }
}
