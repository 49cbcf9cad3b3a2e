import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AmiFrameParser, type AmiMessage } from '../../../src/telephony/ami/frame-parser.js';
import { FrameShapes } from '../../../src/telephony/ami/frame-shapes.js';

/** The message a frame of these ordered pairs must give, built without the parser. */
function expected(pairs: [string, string][]): AmiMessage {
  const fields = Object.create(null) as Record<string, string>;
  let multi: Record<string, string[]> | undefined;
  for (const [key, value] of pairs) {
    if (!(key in fields)) fields[key] = value;
    else {
      multi ??= Object.create(null) as Record<string, string[]>;
      multi[key] = [...(multi[key] ?? [fields[key]!]), value];
    }
  }
  const [firstKey, name] = pairs[0]!;
  const kind = firstKey === 'Event' ? 'event' : firstKey === 'Response' ? 'response' : 'other';
  return { kind, name: kind === 'other' ? '' : name, fields, actionId: fields.ActionID, multi };
}

const wire = (pairs: [string, string][], eol = '\r\n') => pairs.map(([k, v]) => `${k}: ${v}${eol}`).join('') + eol;

function parseAll(text: string): AmiMessage[] {
  const out: AmiMessage[] = [];
  const parser = new AmiFrameParser({ onMessage: (m) => out.push(m) });
  parser.push(text);
  return out;
}

/** Equal as values, with a null prototype and the keys in wire order (what a consumer iterating them sees). */
function assertSameMessage(actual: AmiMessage, want: AmiMessage, what: string): void {
  assert.deepStrictEqual(actual, want, what);
  assert.equal(Object.getPrototypeOf(actual.fields), null, `${what}: null prototype`);
  assert.deepEqual(Object.keys(actual.fields), Object.keys(want.fields), `${what}: key order`);
}

const NEWSTATE: [string, string][] = [
  ['Event', 'Newstate'],
  ['Privilege', 'call,all'],
  ['Channel', 'PJSIP/201-00000004'],
  ['ChannelState', '5'],
  ['ChannelStateDesc', 'Ringing'],
  ['CallerIDNum', '201'],
  ['CallerIDName', 'Kari Nordmann'],
  ['Uniqueid', '1795433211.6'],
  ['Linkedid', '1795433211.5'],
];

describe('fields built from the key orders an event has had', () => {
  test('an event seen again and again gives the same fields each time, whatever values it carries', () => {
    const frames = Array.from({ length: 6 }, (_, i) =>
      NEWSTATE.map(([k, v]): [string, string] => [k, k === 'Uniqueid' ? `${v}${i}` : k === 'CallerIDName' ? `Navn ${'æøå'.repeat(i)}` : v]),
    );
    const messages = parseAll(frames.map((f) => wire(f)).join(''));
    assert.equal(messages.length, frames.length);
    messages.forEach((m, i) => assertSameMessage(m, expected(frames[i]!), `frame ${i}`));
    assert.equal(messages[4]!.fields.toString, undefined, 'nothing inherited');
  });

  test('the same event with keys missing, added, reordered or repeated', () => {
    const variants: [string, string][][] = [
      NEWSTATE,
      NEWSTATE.slice(0, 5),
      [...NEWSTATE, ['ActionID', 'a1']],
      [NEWSTATE[0]!, NEWSTATE[2]!, NEWSTATE[1]!, ...NEWSTATE.slice(3)],
      [...NEWSTATE.slice(0, 4), ['ChanVariable', 'A=1'], ['ChanVariable', 'B=2'], ...NEWSTATE.slice(4), ['ChanVariable', 'C=3']],
      [...NEWSTATE, ['Channel', 'second value']],
      [['Event', 'Newstate']],
    ];
    // Every variant after every other, three rounds: each key order is met fresh, as a branch, and built by its constructor.
    const sequence = [0, 1, 2].flatMap(() => variants.flatMap((a) => variants.map((b) => [a, b]))).flat();
    const messages = parseAll(sequence.map((f) => wire(f)).join(''));
    assert.equal(messages.length, sequence.length);
    messages.forEach((m, i) => assertSameMessage(m, expected(sequence[i]!), `frame ${i}`));
    assert.equal(messages.find((m) => m.multi?.ChanVariable)?.fields.ChanVariable, 'A=1');
    assert.equal(messages.filter((m) => m.actionId === 'a1').length, 2 * 3 * variants.length, 'ActionID is read from the built fields');
  });

  test('keys that are not plain names never reach generated code, and still come out right', () => {
    const hostile = [
      'x"]=1;globalThis.pwned=1;//',
      "y'];globalThis.pwned=2;//",
      'z\\',
      '__proto__',
      'constructor',
      'toString',
      'Nåvn',
      'with space',
      '123',
      'a'.repeat(80),
    ];
    const frame: [string, string][] = [['Event', 'Odd'], ...hostile.map((k, i): [string, string] => [k, `v${i}`])];
    const messages = parseAll(wire(frame).repeat(4));
    assert.equal(messages.length, 4);
    for (const m of messages) {
      assertSameMessage(m, expected(frame), 'odd keys');
      assert.equal(Object.getPrototypeOf(m.fields), null, '__proto__ stays a plain key');
      assert.equal(m.fields.__proto__, 'v3');
    }
    assert.equal((globalThis as { pwned?: unknown }).pwned, undefined);
  });

  test('a frame longer than the shapes follow (96 keys) is built the other way from there on', () => {
    const frame: [string, string][] = [['Event', 'Long'], ...Array.from({ length: 150 }, (_, i): [string, string] => [`Key${i}`, `value ${i}`])];
    for (const m of parseAll(wire(frame, '\n').repeat(3))) assertSameMessage(m, expected(frame), 'long frame');
  });

  test('property: random mixes of a few key orders, values and line ends give the model messages', () => {
    const keyName = fc.constantFrom('Channel', 'Uniqueid', 'Linkedid', 'ChanVariable', 'ActionID', 'Exten', 'Cause-txt', 'Dest_Channel', 'Ünicode', 'sp ace');
    const template = fc.tuple(fc.constantFrom('Newchannel', 'Hangup', 'DialBegin'), fc.array(keyName, { maxLength: 8 }));
    const value = fc.string({ maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ' ').trim());
    fc.assert(
      fc.property(
        fc.array(template, { minLength: 1, maxLength: 4 }).chain((templates) =>
          fc.array(
            fc.tuple(fc.nat({ max: templates.length - 1 }), fc.array(value, { minLength: 8, maxLength: 8 }), fc.constantFrom('\r\n', '\n')).map(
              ([which, values, eol]) => {
                const [name, keys] = templates[which]!;
                const pairs: [string, string][] = [['Event', name], ...keys.map((k, i): [string, string] => [k, values[i]!])];
                return { pairs, eol };
              },
            ),
            { minLength: 1, maxLength: 30 },
          ),
        ),
        (frames) => {
          const messages = parseAll(frames.map((f) => wire(f.pairs, f.eol)).join(''));
          assert.equal(messages.length, frames.length);
          messages.forEach((m, i) => assertSameMessage(m, expected(frames[i]!.pairs), `frame ${i}`));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('FrameShapes limits', () => {
  test('past its node limit it remembers nothing new: accepts is asked every time and events get no node', () => {
    const shapes = new FrameShapes(3);
    const asked: string[] = [];
    const accepts = (name: string) => (asked.push(name), name !== 'VarSet');
    const a = shapes.root('A', accepts);
    assert.ok(a && a.depth === 0);
    assert.equal(shapes.root('VarSet', accepts), false);
    assert.equal(shapes.root('A', accepts), a, 'remembered');
    assert.equal(shapes.root('VarSet', accepts), false, 'remembered');
    assert.deepEqual(asked, ['A', 'VarSet']);
    const child = shapes.grow(a, 'Channel');
    assert.ok(child && child.depth === 1 && child.parent === a);
    assert.equal(shapes.grow(a, 'Other'), undefined, 'limit reached');
    assert.equal(shapes.root('B', accepts), undefined, 'accepted, but no node');
    assert.equal(shapes.root('VarSet', accepts), false);
    assert.equal(shapes.root('B', accepts), undefined);
    assert.deepEqual(asked, ['A', 'VarSet', 'B', 'B']);
  });

  test('a key already on the path, an unsafe key or __proto__ starts no branch', () => {
    const shapes = new FrameShapes();
    const root = shapes.root('E', undefined) as NonNullable<ReturnType<FrameShapes['root']>> & object;
    const channel = shapes.grow(root, 'Channel')!;
    assert.equal(shapes.grow(channel, 'Channel'), undefined);
    assert.equal(shapes.grow(channel, 'Event'), undefined);
    assert.equal(shapes.grow(channel, 'a"b'), undefined);
    assert.equal(shapes.grow(channel, '__proto__'), undefined);
    assert.ok(shapes.grow(channel, 'Cause-txt'));
  });

  test('a PBX inventing event names without end costs bounded memory and still parses', () => {
    const frames = Array.from({ length: 20_000 }, (_, i): [string, string][] => [
      ['Event', `Invented${i}`],
      [`Key${i}`, 'v'],
    ]);
    const messages = parseAll(frames.map((f) => wire(f)).join(''));
    assert.equal(messages.length, frames.length);
    assertSameMessage(messages.at(-1)!, expected(frames.at(-1)!), 'last frame');
  });
});
