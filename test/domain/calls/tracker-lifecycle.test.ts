import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallEvent } from '../../../src/domain/calls/call-event.js';
import { CallTracker, DEFAULT_TRACKER_OPTIONS } from '../../../src/domain/calls/tracker.js';
import { lastSnapshot, loadFixtures, replay } from './replay.js';

const T = 1_767_261_600_000;
const ID = 'pbx:c1';
const SEC = 1_000;
const MIN = 60 * SEC;

function ev(kind: CallEvent['kind'], at: number, more: Partial<CallEvent> = {}): CallEvent {
  return { source: 'pbx', callId: 'c1', direction: 'inbound', kind, at: T + at, ...more };
}

const options = { maxRingMs: 2 * MIN, maxCallMs: 60 * MIN, tombstoneMs: 5 * MIN };

describe('sweep', () => {
  test('a call ringing longer than maxRingMs without news is closed as missed by timeout', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('ringing', 0, { extensions: ['201', '202'] }));
    assert.deepEqual(tracker.sweep(T + 2 * MIN), [], 'exactly maxRingMs is not longer than it');
    const [closed, ...rest] = tracker.sweep(T + 2 * MIN + 1);
    assert.equal(rest.length, 0);
    assert.equal(closed?.change, 'ended');
    assert.equal(closed?.call.phase, 'ended');
    assert.equal(closed?.call.outcome, 'missed');
    assert.equal(closed?.call.cause, 'unknown');
    assert.equal(closed?.call.closedByTimeout, true);
    assert.equal(closed?.call.endedAt, T, 'ended at the last sign of life, not at the sweep');
    assert.deepEqual(closed?.call.legs.map((l) => [l.state, l.cause]), [
      ['ended', 'unknown'],
      ['ended', 'unknown'],
    ]);
    assert.deepEqual(tracker.active(), []);
    assert.deepEqual(tracker.sweep(T + 10 * MIN), [], 'closed once');
  });

  test('ring activity (a queue re-ringing) keeps an unanswered call alive', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('ended', 20 * SEC, { extension: '201', legOnly: true, cause: 'noanswer' }));
    tracker.apply(ev('ringing', 100 * SEC, { extension: '201' }));
    assert.deepEqual(tracker.sweep(T + 150 * SEC), []);
    const [closed] = tracker.sweep(T + 100 * SEC + 2 * MIN + 1);
    assert.equal(closed?.call.endedAt, T + 100 * SEC);
  });

  test('a call whose legs are all over but never got its end is closed by the sweep', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('ended', 20 * SEC, { extension: '201', legOnly: true, cause: 'noanswer' }));
    const [closed] = tracker.sweep(T + 20 * SEC + 2 * MIN + 1);
    assert.equal(closed?.call.outcome, 'missed');
    assert.deepEqual(closed?.call.legs[0], { extension: '201', state: 'ended', since: T, endedAt: T + 20 * SEC, cause: 'noanswer' });
  });

  test('an answered call open longer than maxCallMs is closed as answered by timeout', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('answered', 5 * SEC, { extension: '201' }));
    assert.deepEqual(tracker.sweep(T + 30 * MIN), [], 'answered calls do not expire by maxRingMs');
    assert.deepEqual(tracker.sweep(T + 60 * MIN), []);
    const [closed] = tracker.sweep(T + 60 * MIN + 1);
    assert.equal(closed?.call.outcome, 'answered');
    assert.equal(closed?.call.cause, 'unknown');
    assert.equal(closed?.call.closedByTimeout, true);
    assert.equal(closed?.call.answeredBy, '201');
    assert.equal(closed?.call.legs[0]?.cause, 'unknown');
  });

  test('a ringing call kept alive forever is still closed after maxCallMs', () => {
    const tracker = new CallTracker(options);
    for (let at = 0; at <= 61 * MIN; at += MIN) tracker.apply(ev('ringing', at, { extension: '201' }));
    const [closed] = tracker.sweep(T + 61 * MIN);
    assert.equal(closed?.call.outcome, 'missed');
    assert.equal(closed?.call.closedByTimeout, true);
  });

  test('an outbound call that never connects is closed as not answered', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('dialing', 0, { extension: '201', direction: 'outbound' }));
    const [closed] = tracker.sweep(T + 3 * MIN);
    assert.equal(closed?.call.outcome, 'notanswered');
    assert.equal(closed?.call.closedByTimeout, true);
  });

  test('the sweep only closes what is overdue', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('ringing', 90 * SEC, { extension: '202', callId: 'c2' }));
    const closed = tracker.sweep(T + 2 * MIN + 1);
    assert.deepEqual(closed.map((u) => u.call.id), [ID]);
    assert.deepEqual(tracker.active().map((c) => c.id), ['pbx:c2']);
  });

  test('the real end of a timed-out call does not come back as a phantom call', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('answered', 5 * SEC, { extension: '201' }));
    tracker.sweep(T + 61 * MIN);
    // Much later than tombstoneMs after endedAt, but within maxCallMs of the sweep.
    tracker.sweep(T + 100 * MIN);
    assert.deepEqual(tracker.apply(ev('ended', 90 * MIN, { cause: 'completed' })), []);
  });

  test('tombstones are pruned by the sweep, after which the id may be reused', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('ended', 10 * SEC, { cause: 'cancelled' }));
    // A late event stamped long before the end is stale while the tombstone lives…
    assert.deepEqual(tracker.apply(ev('answered', 5 * SEC, { extension: '201' })), []);
    tracker.sweep(T + 10 * SEC + 5 * MIN);
    // …and starts a new call once it is gone (the source reused the id, or it is a very stale event).
    const [again] = tracker.apply(ev('answered', 5 * SEC, { extension: '201' }));
    assert.equal(again?.change, 'created');
  });
});

describe('options', () => {
  test('defaults apply to what is not given', () => {
    const tracker = new CallTracker({ maxRingMs: 1 });
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('answered', 1, { extension: '201' }));
    assert.deepEqual(tracker.sweep(T + DEFAULT_TRACKER_OPTIONS.maxCallMs), []);
    assert.equal(tracker.sweep(T + DEFAULT_TRACKER_OPTIONS.maxCallMs + 1).length, 1);
  });

  test('nonsense options are refused', () => {
    assert.throws(() => new CallTracker({ maxRingMs: 0 }), RangeError);
    assert.throws(() => new CallTracker({ tombstoneMs: Number.NaN }), RangeError);
    assert.throws(() => new CallTracker({ maxCallMs: -5 }), RangeError);
  });
});

describe('restore', () => {
  test('restored calls are open again, emit nothing, and are swept like others', () => {
    const first = new CallTracker(options);
    first.apply(ev('ringing', 0, { extensions: ['201', '202'], remoteNumber: '+4930111', queue: 'q1' }));
    first.apply(ev('answered', 4 * SEC, { extension: '202' }));
    first.apply(ev('ringing', 0, { callId: 'c2', extension: '203' }));

    const second = new CallTracker(options);
    second.restore(first.active());
    assert.deepEqual(second.active(), first.active());
    assert.deepEqual(second.apply(ev('answered', 4 * SEC, { extension: '202' })), [], 'a replayed answer is a duplicate');

    const swept = second.sweep(T + 2 * MIN + 1);
    assert.deepEqual(swept.map((u) => [u.call.id, u.call.outcome]), [['pbx:c2', 'missed']]);
  });

  test('a restored ended call leaves only a tombstone', () => {
    const { updates } = replay([ev('ringing', 0, { extension: '201' }), ev('ended', 3 * SEC, { cause: 'cancelled' })]);
    const ended = lastSnapshot(updates, ID);
    assert.ok(ended);
    const tracker = new CallTracker(options);
    tracker.restore([ended]);
    assert.deepEqual(tracker.active(), []);
    assert.deepEqual(tracker.apply(ev('answered', 2 * SEC, { extension: '201' })), []);
  });

  test('restore replaces what the tracker had under that id', () => {
    const tracker = new CallTracker(options);
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    const stored = tracker.get(ID);
    assert.ok(stored);
    tracker.apply(ev('answered', 1 * SEC, { extension: '201' }));
    tracker.restore([stored]);
    assert.equal(tracker.get(ID)?.phase, 'ringing');
  });

  // A restart between any two events of a recorded call changes nothing that follows.
  for (const fixture of loadFixtures()) {
    test(`restart at every point of ${fixture.name} gives the same updates afterwards`, () => {
      for (let split = 1; split < fixture.events.length; split += 1) {
        const head = fixture.events.slice(0, split);
        const tail = fixture.events.slice(split);
        const { tracker: original } = replay(head);
        const restarted = new CallTracker();
        restarted.restore(original.active());
        assert.deepEqual(restarted.active(), original.active(), `state after restore, split ${split}`);
        const expected = tail.flatMap((event) => original.apply(event));
        const actual = tail.flatMap((event) => restarted.apply(event));
        assert.deepEqual(actual, expected, `updates after a restart at ${split}`);
        assert.deepEqual(lastSnapshot(actual, fixture.expected.id), fixture.expected);
      }
    });
  }
});
