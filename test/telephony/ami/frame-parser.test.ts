import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { AmiFrameParser, fieldValues, type AmiFrameParserOptions, type AmiMessage } from '../../../src/telephony/ami/frame-parser.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/ami/', import.meta.url));
const recordings = ['', 'pjsip/'].flatMap((dir) =>
  readdirSync(FIXTURES + dir)
    .filter((f) => f.endsWith('.ami'))
    .map((f) => ({ name: dir + f, bytes: readFileSync(FIXTURES + dir + f) })),
);

interface Parsed {
  messages: AmiMessage[];
  banners: string[];
  parser: AmiFrameParser;
}

function parse(chunks: Iterable<Buffer | string>, options: Partial<AmiFrameParserOptions> = {}): Parsed {
  const messages: AmiMessage[] = [];
  const banners: string[] = [];
  const parser = new AmiFrameParser({ onMessage: (m) => messages.push(m), onBanner: (v) => banners.push(v), ...options });
  for (const chunk of chunks) parser.push(chunk);
  return { messages, banners, parser };
}

function* cutAt(data: Buffer | string, cuts: number[]): Generator<Buffer | string> {
  let from = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    if (cut <= from || cut >= data.length) continue;
    yield data.slice(from, cut);
    from = cut;
  }
  yield data.slice(from);
}

function* bytewise(data: Buffer): Generator<Buffer> {
  for (let i = 0; i < data.length; i++) yield data.subarray(i, i + 1);
}

/** Independent model of a message from its ordered key/value pairs. */
function model(pairs: [string, string][]): AmiMessage {
  const fields: Record<string, string> = Object.create(null);
  const all = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    if (!all.has(k)) all.set(k, []);
    all.get(k)!.push(v);
    if (!(k in fields)) fields[k] = v;
  }
  let multi: Record<string, string[]> | undefined;
  for (const [k, vs] of all) if (vs.length > 1) (multi ??= Object.create(null) as Record<string, string[]>)[k] = vs;
  const [firstKey, firstValue] = pairs[0]!;
  const kind = firstKey === 'Event' ? 'event' : firstKey === 'Response' ? 'response' : 'other';
  return { kind, name: kind === 'other' ? '' : firstValue, fields, actionId: fields['ActionID'], multi };
}

/**
 * Reference split of a recording: banner line, then frames = runs of non-empty lines, each line
 * split at the first ': '. Not "\r\n\r\n": Asterisk 22 ends the Park response's Message line with a
 * bare "\n" and follows the frame with an extra "\r\n" (inbound-parked in both folders).
 */
function referenceSplit(bytes: Buffer): { banner: string; messages: AmiMessage[] } {
  const [banner, ...lines] = bytes.toString('utf8').split(/\r?\n/);
  assert.equal(lines.at(-1), '', 'recording ends with a line end');
  const frames: string[][] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line !== '') current.push(line);
    else if (current.length > 0) {
      frames.push(current);
      current = [];
    }
  }
  assert.deepEqual(current, [], 'recording ends with a complete frame');
  const messages = frames.map((frame) =>
    model(
      frame.map((line): [string, string] => {
        const i = line.indexOf(': ');
        return i === -1 ? [line.replace(/:$/, ''), ''] : [line.slice(0, i), line.slice(i + 2)];
      }),
    ),
  );
  return { banner: banner!, messages };
}

describe('recorded Asterisk 22 traffic', () => {
  for (const { name, bytes } of recordings) {
    test(name, () => {
      const reference = referenceSplit(bytes);
      assert.match(reference.banner, /^Asterisk Call Manager\/\d+\.\d+\.\d+$/);
      const whole = parse([bytes]);
      assert.deepEqual(whole.banners, ['11.0.0']);
      assert.equal(whole.messages.length, reference.messages.length);
      assert.deepEqual(whole.messages, reference.messages);
      assert.deepEqual(whole.parser.stats, {
        messages: reference.messages.length,
        filtered: 0,
        garbageLines: 0,
        garbageFrames: 0,
        oversizedFrames: 0,
      });

      const byByte = parse(bytewise(bytes));
      assert.deepEqual(byByte.banners, ['11.0.0']);
      assert.deepEqual(byByte.messages, reference.messages);

      const lf = parse([bytes.toString('latin1').replaceAll('\r\n', '\n')].map((s) => Buffer.from(s, 'latin1')));
      assert.deepEqual(lf.banners, ['11.0.0']);
      assert.deepEqual(lf.messages, reference.messages);

      fc.assert(
        fc.property(fc.array(fc.nat({ max: bytes.length }), { maxLength: 200 }), fc.boolean(), (cuts, asString) => {
          const data = asString ? bytes.toString('utf8') : bytes;
          const run = parse(cutAt(data, cuts));
          assert.deepEqual(run.banners, ['11.0.0']);
          assert.deepEqual(run.messages, reference.messages);
        }),
        { numRuns: 20 },
      );
    });
  }

  test('the recordings contain the shapes we rely on', () => {
    const all = recordings.flatMap(({ bytes }) => parse([bytes]).messages);
    assert.ok(all.some((m) => m.kind === 'response' && m.name === 'Error'), 'an error response');
    const command = all.find((m) => m.fields['Message'] === 'Command output follows');
    assert.ok(command?.fields['Output']?.startsWith('Asterisk 22'));
    assert.ok(all.some((m) => m.kind === 'event' && m.actionId !== undefined), 'list events carry ActionID');
  });

  test('the event filter drops VarSet and Newexten, is asked once per name, and leaves the rest unchanged', () => {
    const noise = new Set(['VarSet', 'Newexten']);
    for (const { name, bytes } of recordings) {
      const everything = parse([bytes]).messages;
      const seen: string[] = [];
      const filtered = parse(bytewise(bytes), {
        acceptEvent: (e) => {
          seen.push(e);
          return !noise.has(e);
        },
      });
      const kept = everything.filter((m) => !(m.kind === 'event' && noise.has(m.name)));
      assert.deepEqual(filtered.messages, kept, name);
      assert.equal(filtered.parser.stats.filtered, everything.length - kept.length, name);
      assert.equal(filtered.parser.stats.messages, kept.length, name);
      const names = [...new Set(everything.filter((m) => m.kind === 'event').map((m) => m.name))];
      assert.deepEqual(seen, names, 'asked once per event name (the answer is remembered), never for responses');
    }
    const total = recordings.reduce((n, { bytes }) => n + parse([bytes], { acceptEvent: (e) => !noise.has(e) }).parser.stats.filtered, 0);
    assert.ok(total > 1000);
  });
});

describe('wire format details', () => {
  test('values keep everything after the first ": ", empty values, repeated keys in order', () => {
    const { messages } = parse([
      'Asterisk Call Manager/6.0.1\r\n',
      'Response: Success\r\nActionID: 7\r\nMessage: Command output follows\r\nOutput: a: b : c\r\nOutput:\r\nOutput:  two spaces\r\n\r\n',
      'Event: Newchannel\nChanVariable: A=1\nChanVariable: B=2\nExten:\nKey:value\n\n',
      'Foo: bar\r\n\n',
    ]);
    assert.equal(messages.length, 3);
    const [r, e, o] = messages as [AmiMessage, AmiMessage, AmiMessage];
    assert.equal(r.kind, 'response');
    assert.equal(r.name, 'Success');
    assert.equal(r.actionId, '7');
    assert.equal(r.fields['Output'], 'a: b : c');
    assert.deepEqual(fieldValues(r, 'Output'), ['a: b : c', '', ' two spaces']);
    assert.deepEqual(fieldValues(r, 'Message'), ['Command output follows']);
    assert.deepEqual(fieldValues(r, 'Nope'), []);
    assert.equal(e.kind, 'event');
    assert.equal(e.name, 'Newchannel');
    assert.equal(e.actionId, undefined);
    assert.deepEqual(fieldValues(e, 'ChanVariable'), ['A=1', 'B=2']);
    assert.equal(e.fields['Exten'], '');
    assert.equal(e.fields['Key'], 'value');
    assert.deepEqual(o, model([['Foo', 'bar']]));
    assert.equal(e.fields['toString'], undefined, 'no prototype keys');
  });

  test('banner: reported once, only for a colon-less first line; blank lines between frames are ignored', () => {
    const noBanner = parse(['\r\nResponse: Goodbye\r\n\r\n\r\n\n\nEvent: X\r\n\r\n']);
    assert.deepEqual(noBanner.banners, []);
    assert.deepEqual(noBanner.messages.map((m) => m.name), ['Goodbye', 'X']);
    const split = parse(['Asterisk Call Man', 'ager/11.0.0\r', '\nEvent: A\r', '\n\r', '\n']);
    assert.deepEqual(split.banners, ['11.0.0']);
    assert.deepEqual(split.messages.map((m) => m.name), ['A']);
  });

  test('UTF-8 split across chunks', () => {
    const bytes = Buffer.from('Asterisk Call Manager/11.0.0\r\nEvent: Newcallerid\r\nCallerIDName: Åse Ærø 😀\r\n\r\n');
    const { messages } = parse(bytewise(bytes));
    assert.equal(messages[0]?.fields['CallerIDName'], 'Åse Ærø 😀');
  });

  test('a frame above maxFrameChars is dropped without buffering it, the next one survives', () => {
    const big = 'x'.repeat(10_000);
    const chunks = ['Asterisk Call Manager/11.0.0\r\n', 'Event: A\r\nData: ', ...Array(50).fill(big), '\r\nMore: 1\r', '\n\r', '\nEvent: B\r\n\r\n'];
    const { messages, parser } = parse(chunks, { maxFrameChars: 1000 });
    assert.deepEqual(messages.map((m) => m.name), ['B']);
    assert.equal(parser.stats.oversizedFrames, 1);
    assert.ok((parser as unknown as { rest: string }).rest.length < 1000);
  });

  test('a throwing callback loses nothing: the unread lines come with the next push', () => {
    let calls = 0;
    const parser = new AmiFrameParser({
      onMessage: (m) => {
        calls++;
        if (m.name === 'A') throw new Error('boom');
      },
    });
    assert.throws(() => parser.push('Event: A\r\n\r\nEvent: B\r\n\r\nEvent: C\r\n'), /boom/);
    parser.push('\r\n');
    assert.equal(calls, 3, 'B and C still arrive');
    assert.equal(parser.stats.messages, 3);
  });
});

// ---- property tests ----------------------------------------------------------------------------

const keyChar = fc.constantFrom(...[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_/.']);
const valueChar = fc.constantFrom(...[...'abcXYZ019 :=;,.-/<>@#+"\'()[]{}æøåÆØÅüß€😀\t']);
const key = fc.oneof(fc.constantFrom('Channel', 'ChanVariable', 'Output', 'ActionID', 'Uniqueid'), fc.string({ unit: keyChar, minLength: 1, maxLength: 12 }));
const value = fc.oneof(
  fc.string({ unit: valueChar, maxLength: 30 }),
  fc.tuple(fc.string({ unit: valueChar, maxLength: 10 }), fc.string({ unit: valueChar, maxLength: 10 })).map(([a, b]) => `${a}: ${b}`),
);
const firstLine = fc.oneof(
  fc.tuple(fc.constant('Event'), fc.constantFrom('Newchannel', 'VarSet', 'Newexten', 'Hangup', 'DialBegin')),
  fc.tuple(fc.constant('Response'), fc.constantFrom('Success', 'Error', 'Follows')),
  fc.tuple(key, value),
);
const pairsArb = fc
  .tuple(firstLine, fc.array(fc.tuple(key, value), { maxLength: 12 }))
  .map(([first, rest]): [string, string][] => [first, ...rest]);
const eol = fc.constantFrom('\r\n', '\n');
/** A frame: its pairs and the line ending of each line, plus of the terminating blank line. */
const frameArb = pairsArb.chain((pairs) => fc.tuple(fc.constant(pairs), fc.array(eol, { minLength: pairs.length + 1, maxLength: pairs.length + 1 })));
const serialize = ([pairs, eols]: [[string, string][], string[]]) =>
  pairs.map(([k, v], i) => `${k}:${v === '' && i % 2 ? '' : ' '}${v}${eols[i]}`).join('') + eols[pairs.length];

/** Garbage: non-empty lines with neither ':' nor a line break (random text, control chars, invalid UTF-8). */
const junkLine = fc.uint8Array({ minLength: 1, maxLength: 40 }).map((a) => a.map((b) => (b === 0x0a || b === 0x0d || b === 0x3a ? 0x21 : b)));
const cutsFor = (length: number) => fc.array(fc.nat({ max: Math.max(length, 1) }), { maxLength: 60 });

describe('property: random traffic', () => {
  test('frames serialized with mixed line ends and cut anywhere come back exactly', () => {
    fc.assert(
      fc.property(
        fc.array(frameArb, { minLength: 1, maxLength: 15 }).chain((frames) => {
          const text = 'Asterisk Call Manager/9.1.2\r\n' + frames.map(serialize).join('');
          const bytes = Buffer.from(text);
          return fc.tuple(fc.constant(frames), fc.constant(bytes), cutsFor(bytes.length));
        }),
        ([frames, bytes, cuts]) => {
          const run = parse(cutAt(bytes, cuts));
          assert.deepEqual(run.banners, ['9.1.2']);
          assert.deepEqual(run.messages, frames.map(([pairs]) => model(pairs)));
          assert.equal(run.parser.stats.messages, frames.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Rule: a garbage line spoils the frame it lands in (the frame is dropped and counted in
  // garbageFrames); a run of garbage lines ended by a blank line is one garbage frame; every
  // garbage line is counted in garbageLines. Frames not touched by garbage come out intact.
  test('garbage between and inside frames never throws; untouched frames survive; stats count the rest', () => {
    type Item =
      | { type: 'frame'; frame: [[string, string][], string[]]; junkAt: number; junk: Uint8Array[] }
      | { type: 'junkFrame'; junk: Uint8Array[]; end: string }
      | { type: 'blank'; end: string };
    const item: fc.Arbitrary<Item> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ type: fc.constant('frame' as const), frame: frameArb, junkAt: fc.nat(), junk: fc.constant<Uint8Array[]>([]) }) },
      {
        weight: 1,
        arbitrary: fc.record({ type: fc.constant('frame' as const), frame: frameArb, junkAt: fc.nat(), junk: fc.array(junkLine, { minLength: 1, maxLength: 3 }) }),
      },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('junkFrame' as const), junk: fc.array(junkLine, { minLength: 1, maxLength: 4 }), end: eol }) },
      { weight: 1, arbitrary: fc.record({ type: fc.constant('blank' as const), end: eol }) },
    );
    fc.assert(
      fc.property(
        fc.array(item, { maxLength: 15 }).chain((items) => {
          const parts: Buffer[] = [Buffer.from('Asterisk Call Manager/11.0.0\r\n')];
          const expected: AmiMessage[] = [];
          let garbageLines = 0;
          let garbageFrames = 0;
          for (const it of items) {
            if (it.type === 'blank') parts.push(Buffer.from(it.end));
            else if (it.type === 'junkFrame') {
              for (const j of it.junk) parts.push(Buffer.from(j), Buffer.from(it.end));
              parts.push(Buffer.from(it.end));
              garbageLines += it.junk.length;
              garbageFrames++;
            } else {
              const [pairs, eols] = it.frame;
              const lines = pairs.map(([k, v], i) => Buffer.from(`${k}: ${v}${eols[i]}`));
              if (it.junk.length > 0) {
                lines.splice(it.junkAt % (lines.length + 1), 0, ...it.junk.flatMap((j) => [Buffer.from(j), Buffer.from('\n')]));
                garbageLines += it.junk.length;
                garbageFrames++;
              } else expected.push(model(pairs));
              parts.push(...lines, Buffer.from(eols[pairs.length]!));
            }
          }
          const bytes = Buffer.concat(parts);
          return fc.tuple(fc.constant({ bytes, expected, garbageLines, garbageFrames }), cutsFor(bytes.length));
        }),
        ([{ bytes, expected, garbageLines, garbageFrames }, cuts]) => {
          const run = parse(cutAt(bytes, cuts));
          assert.deepEqual(run.messages, expected);
          assert.deepEqual(run.parser.stats, { messages: expected.length, filtered: 0, garbageLines, garbageFrames, oversizedFrames: 0 });
        },
      ),
      { numRuns: 300 },
    );
  });

  test('oversized frames are dropped and counted, the others come back', () => {
    const max = 120;
    fc.assert(
      fc.property(
        fc.array(frameArb, { minLength: 1, maxLength: 12 }).chain((frames) => {
          const text = frames.map(serialize).join('');
          return fc.tuple(fc.constant(frames), fc.constant(text), cutsFor(text.length));
        }),
        ([frames, text, cuts]) => {
          // Frame size: its lines with their line ends, in UTF-16 code units, without the blank line.
          const sizes = frames.map((f) => {
            const s = serialize(f);
            return s.length - f[1][f[0].length]!.length;
          });
          const run = parse(cutAt(text, cuts), { maxFrameChars: max });
          assert.deepEqual(run.messages, frames.filter((_, i) => sizes[i]! <= max).map(([pairs]) => model(pairs)));
          assert.equal(run.parser.stats.oversizedFrames, sizes.filter((s) => s > max).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
