import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CallEvent } from '../../../src/domain/calls/call-event.js';
import { ringDurationMs, talkDurationMs, type Call, type CallLeg } from '../../../src/domain/calls/call.js';
import { CallTracker } from '../../../src/domain/calls/tracker.js';

const T = 1_767_261_600_000;
const ID = 'pbx:c1';

function ev(kind: CallEvent['kind'], at: number, more: Partial<CallEvent> = {}): CallEvent {
  return { source: 'pbx', callId: 'c1', direction: 'inbound', kind, at: T + at, ...more };
}
const out = (kind: CallEvent['kind'], at: number, more: Partial<CallEvent> = {}): CallEvent =>
  ev(kind, at, { direction: 'outbound', ...more });

function run(events: CallEvent[]): { tracker: CallTracker; changes: string[]; last: Call | undefined } {
  const tracker = new CallTracker();
  const updates = events.flatMap((e) => tracker.apply(e));
  return { tracker, changes: updates.map((u) => u.change), last: updates.at(-1)?.call };
}

function leg(call: Call | undefined, extension: string): CallLeg {
  const found = call?.legs.find((l) => l.extension === extension);
  assert.ok(found, `leg ${extension} missing`);
  return found;
}

describe('inbound calls', () => {
  test('ringing creates the call with a ringing leg and what the event knows', () => {
    const tracker = new CallTracker();
    const [update, ...rest] = tracker.apply(ev('ringing', 0, { extension: '201', remoteNumber: '+4930123', localNumber: '+4989555', queue: 'sales' }));
    assert.equal(rest.length, 0);
    assert.equal(update?.change, 'created');
    assert.deepEqual(update?.call, {
      id: ID,
      source: 'pbx',
      callId: 'c1',
      direction: 'inbound',
      phase: 'ringing',
      remoteNumber: '+4930123',
      localNumber: '+4989555',
      queue: 'sales',
      legs: [{ extension: '201', state: 'ringing', since: T }],
      startedAt: T,
    });
    assert.deepEqual(tracker.active().map((c) => c.id), [ID]);
  });

  test('answered then ended: answered, completed, removed from the active calls', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    const [answered] = tracker.apply(ev('answered', 4_000, { extension: '201' }));
    assert.equal(answered?.change, 'updated');
    assert.equal(answered?.call.phase, 'answered');
    assert.equal(answered?.call.answeredBy, '201');
    assert.equal(answered?.call.answeredAt, T + 4_000);
    assert.deepEqual(answered?.call.legs, [{ extension: '201', state: 'answered', since: T, answeredAt: T + 4_000 }]);

    const [ended, ...more] = tracker.apply(ev('ended', 64_000));
    assert.equal(more.length, 0);
    assert.equal(ended?.change, 'ended');
    const call = ended?.call;
    assert.ok(call);
    assert.equal(call.phase, 'ended');
    assert.equal(call.outcome, 'answered');
    assert.equal(call.cause, 'completed');
    assert.equal(call.endedAt, T + 64_000);
    assert.equal(call.closedByTimeout, undefined);
    assert.deepEqual(leg(call, '201'), { extension: '201', state: 'ended', since: T, answeredAt: T + 4_000, endedAt: T + 64_000, cause: 'completed' });
    assert.equal(ringDurationMs(call), 4_000);
    assert.equal(talkDurationMs(call), 60_000);
    assert.equal(tracker.get(ID), undefined);
    assert.deepEqual(tracker.active(), []);
  });

  test('caller hangs up while it rings: missed, cancelled, the ringing leg is cancelled', () => {
    const { last } = run([ev('ringing', 0, { extension: '201' }), ev('ended', 9_000, { cause: 'cancelled' })]);
    assert.equal(last?.outcome, 'missed');
    assert.equal(last?.cause, 'cancelled');
    assert.deepEqual(leg(last, '201'), { extension: '201', state: 'ended', since: T, endedAt: T + 9_000, cause: 'cancelled' });
    assert.equal(last && ringDurationMs(last), 9_000);
    assert.equal(last && talkDurationMs(last), undefined);
  });

  test('rang out: missed, noanswer', () => {
    const { last } = run([ev('ringing', 0, { extensions: ['201', '202'] }), ev('ended', 30_000, { cause: 'noanswer' })]);
    assert.equal(last?.outcome, 'missed');
    assert.equal(last?.cause, 'noanswer');
    assert.deepEqual(last?.legs.map((l) => l.cause), ['noanswer', 'noanswer']);
  });

  test('an end without cause: unknown when unanswered, completed when answered', () => {
    assert.equal(run([ev('ringing', 0, { extension: '201' }), ev('ended', 5)]).last?.cause, 'unknown');
    assert.equal(run([ev('ringing', 0, { extension: '201' }), ev('answered', 3, { extension: '201' }), ev('ended', 5)]).last?.cause, 'completed');
  });

  test('unanswered but answered elsewhere by an untracked phone is not a missed call', () => {
    const { last } = run([ev('ringing', 0, { extension: '201' }), ev('ended', 5_000, { cause: 'answered_elsewhere' })]);
    assert.equal(last?.outcome, 'answered');
    assert.equal(leg(last, '201').cause, 'answered_elsewhere');
  });
});

describe('ring groups and queues', () => {
  test('three extensions ring, 202 answers: the others end answered_elsewhere, answeredBy 202', () => {
    const tracker = new CallTracker();
    const [created] = tracker.apply(ev('ringing', 0, { extensions: ['203', '201', '202'], remoteNumber: '+4930555' }));
    assert.deepEqual(created?.call.legs.map((l) => [l.extension, l.state]), [
      ['201', 'ringing'],
      ['202', 'ringing'],
      ['203', 'ringing'],
    ]);
    const [answered] = tracker.apply(ev('answered', 7_000, { extension: '202' }));
    assert.equal(answered?.call.answeredBy, '202');
    assert.deepEqual(answered?.call.legs, [
      { extension: '201', state: 'ended', since: T, endedAt: T + 7_000, cause: 'answered_elsewhere' },
      { extension: '202', state: 'answered', since: T, answeredAt: T + 7_000 },
      { extension: '203', state: 'ended', since: T, endedAt: T + 7_000, cause: 'answered_elsewhere' },
    ]);
  });

  test('leg-only end closes one leg and leaves the call open, even when every leg is over', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extensions: ['201', '202'], queue: 'support' }));
    const [first] = tracker.apply(ev('ended', 15_000, { extension: '201', legOnly: true, cause: 'noanswer' }));
    assert.equal(first?.change, 'updated');
    assert.equal(leg(first?.call, '201').state, 'ended');
    assert.equal(leg(first?.call, '201').cause, 'noanswer');
    assert.equal(leg(first?.call, '202').state, 'ringing');
    const [second] = tracker.apply(ev('ended', 15_000, { extension: '202', legOnly: true, cause: 'noanswer' }));
    assert.equal(second?.change, 'updated');
    assert.equal(second?.call.phase, 'ringing');
    assert.ok(tracker.get(ID), 'still queued: the call waits for its own end or the sweep');
  });

  test('a queue re-rings an agent after its leg ended: the leg rings again', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { queue: 'support', remoteNumber: '+4930555' }));
    tracker.apply(ev('ringing', 1_000, { extension: '201', queue: 'support' }));
    tracker.apply(ev('ended', 16_000, { extension: '201', legOnly: true, cause: 'noanswer' }));
    const [rering] = tracker.apply(ev('ringing', 21_000, { extension: '201' }));
    assert.deepEqual(leg(rering?.call, '201'), { extension: '201', state: 'ringing', since: T + 1_000 });
    const [answered] = tracker.apply(ev('answered', 23_000, { extension: '201' }));
    assert.equal(answered?.call.phase, 'answered');
    assert.equal(answered?.call.queue, 'support');
    assert.equal(answered?.call.startedAt, T, 'the queue entry started the call');
  });

  test('answer without extension on a single leg answers that leg', () => {
    const { last } = run([ev('ringing', 0, { extension: '201' }), ev('answered', 2_000)]);
    assert.equal(last?.answeredBy, '201');
    assert.equal(leg(last, '201').state, 'answered');
  });

  test('answer without extension on several legs answers the call as a whole and stops the ringing', () => {
    const { last } = run([ev('ringing', 0, { extensions: ['201', '202'] }), ev('answered', 2_000)]);
    assert.equal(last?.phase, 'answered');
    assert.equal(last?.answeredAt, T + 2_000);
    assert.equal(last?.answeredBy, undefined);
    assert.deepEqual(last?.legs.map((l) => [l.state, l.cause]), [
      ['ended', 'answered_elsewhere'],
      ['ended', 'answered_elsewhere'],
    ]);
  });

  test('pickup by an extension that never rang', () => {
    const { last } = run([ev('ringing', 0, { extension: '201' }), ev('answered', 4_000, { extension: '209' })]);
    assert.equal(last?.answeredBy, '209');
    assert.equal(leg(last, '201').cause, 'answered_elsewhere');
    assert.deepEqual(leg(last, '209'), { extension: '209', state: 'answered', since: T + 4_000, answeredAt: T + 4_000 });
  });

  test('a later answer by another extension is a transfer: it takes over, the first answerer\'s leg ends completed', () => {
    const { last } = run([
      ev('ringing', 0, { extension: '201' }),
      ev('answered', 1_000, { extension: '201' }),
      ev('ringing', 30_000, { extension: '202' }),
    ]);
    assert.equal(leg(last, '202').state, 'ringing', 'a ring after the answer is a transfer target, not a stale ring');
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('answered', 1_000, { extension: '201' }));
    tracker.apply(ev('ringing', 30_000, { extension: '202' }));
    const [takeover] = tracker.apply(ev('answered', 33_000, { extension: '202' }));
    assert.equal(takeover?.call.answeredBy, '202');
    assert.equal(takeover?.call.answeredAt, T + 1_000, 'answeredAt stays the first answer');
    assert.deepEqual(leg(takeover?.call, '201'), { extension: '201', state: 'ended', since: T, answeredAt: T + 1_000, endedAt: T + 33_000, cause: 'completed' });
    assert.equal(leg(takeover?.call, '202').state, 'answered');
  });
});

describe('outbound calls', () => {
  test('dialing creates a dialing call and leg', () => {
    const tracker = new CallTracker();
    const [created] = tracker.apply(out('dialing', 0, { extension: '201', remoteNumber: '0301234' }));
    assert.equal(created?.call.phase, 'dialing');
    assert.deepEqual(created?.call.legs, [{ extension: '201', state: 'dialing', since: T }]);
  });

  test('far end answers (no extension): answered by the dialing extension', () => {
    const { last, changes } = run([out('dialing', 0, { extension: '201' }), out('answered', 5_000), out('ended', 65_000, { cause: 'completed' })]);
    assert.deepEqual(changes, ['created', 'updated', 'ended']);
    assert.equal(last?.outcome, 'answered');
    assert.equal(last?.answeredBy, '201');
    assert.equal(last && talkDurationMs(last), 60_000);
  });

  const outcomes: [CallEvent['cause'], string][] = [
    ['busy', 'busy'],
    ['failed', 'failed'],
    ['rejected', 'failed'],
    ['noanswer', 'notanswered'],
    ['cancelled', 'notanswered'],
    [undefined, 'notanswered'],
  ];
  for (const [cause, outcome] of outcomes) {
    test(`unanswered, cause ${cause ?? 'none'} → ${outcome}`, () => {
      const { last } = run([out('dialing', 0, { extension: '201' }), out('ended', 4_000, cause ? { cause } : {})]);
      assert.equal(last?.outcome, outcome);
      assert.equal(last?.cause, cause ?? 'unknown');
      assert.equal(leg(last, '201').cause, cause ?? 'unknown');
    });
  }

  test('an answered outbound call ended with a never-connected cause still counts as answered', () => {
    const { last } = run([out('dialing', 0, { extension: '201' }), out('answered', 1_000), out('ended', 9_000, { cause: 'busy' })]);
    assert.equal(last?.outcome, 'answered');
    assert.equal(leg(last, '201').cause, 'completed');
  });
});

describe('out of order and duplicates', () => {
  test('the same event twice yields no second update', () => {
    const tracker = new CallTracker();
    const events = [ev('ringing', 0, { extensions: ['201', '202'] }), ev('answered', 3_000, { extension: '201' }), ev('ended', 9_000, { cause: 'completed' })];
    for (const event of events) {
      assert.equal(tracker.apply(event).length, 1);
      assert.deepEqual(tracker.apply(event), []);
      assert.deepEqual(tracker.apply({ ...event }), [], 'equal content, not identity, makes a duplicate');
    }
  });

  test('an event that changes nothing visible emits nothing', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extension: '201', remoteNumber: '+4930111' }));
    assert.deepEqual(tracker.apply(ev('ringing', 500, { extension: '201', remoteNumber: '+4930111' })), []);
  });

  test('first event answered: created, answered', () => {
    const tracker = new CallTracker();
    const [created] = tracker.apply(ev('answered', 5_000, { extension: '201', remoteNumber: '+4930111' }));
    assert.equal(created?.change, 'created');
    assert.equal(created?.call.phase, 'answered');
    assert.equal(created?.call.answeredBy, '201');
    const [late] = tracker.apply(ev('ringing', 1_000, { extension: '201' }));
    assert.equal(late?.call.startedAt, T + 1_000, 'an earlier ring moves startedAt back');
    assert.equal(late?.call.phase, 'answered');
    assert.deepEqual(leg(late?.call, '201'), { extension: '201', state: 'answered', since: T + 1_000, answeredAt: T + 5_000 });
  });

  test('first event ended: one update, directly ended, nothing kept open', () => {
    const tracker = new CallTracker();
    const updates = tracker.apply(ev('ended', 8_000, { extension: '201', cause: 'noanswer', remoteNumber: '+4930111' }));
    assert.deepEqual(updates.map((u) => u.change), ['ended']);
    assert.deepEqual(updates[0]?.call, {
      id: ID,
      source: 'pbx',
      callId: 'c1',
      direction: 'inbound',
      phase: 'ended',
      remoteNumber: '+4930111',
      legs: [{ extension: '201', state: 'ended', since: T + 8_000, endedAt: T + 8_000, cause: 'noanswer' }],
      startedAt: T + 8_000,
      endedAt: T + 8_000,
      outcome: 'missed',
      cause: 'noanswer',
    });
    assert.deepEqual(tracker.active(), []);
  });

  test('answered after ended never reopens the call', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('ended', 9_000, { cause: 'cancelled' }));
    assert.deepEqual(tracker.apply(ev('answered', 8_000, { extension: '201' })), []);
    assert.deepEqual(tracker.apply(ev('answered', 10_000, { extension: '201' })), []);
    assert.equal(tracker.get(ID), undefined);
  });

  test('a late ringing after the end is absorbed by the tombstone', () => {
    const tracker = new CallTracker({ tombstoneMs: 60_000 });
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('ended', 9_000, { cause: 'cancelled' }));
    assert.deepEqual(tracker.apply(ev('ringing', 0, { extension: '202' })), []);
    assert.deepEqual(tracker.apply(ev('ringing', 68_999, { extension: '202' })), [], 'still within tombstoneMs of the end');
    assert.deepEqual(tracker.active(), []);
  });

  test('after tombstoneMs (event time) the same id is a new call', () => {
    const tracker = new CallTracker({ tombstoneMs: 60_000 });
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('ended', 9_000, { cause: 'cancelled' }));
    const [reused] = tracker.apply(ev('ringing', 69_000, { extension: '202' }));
    assert.equal(reused?.change, 'created');
    assert.equal(reused?.call.startedAt, T + 69_000);
    assert.deepEqual(reused?.call.legs.map((l) => l.extension), ['202']);
  });

  test('ringing after answered does not regress the phase or the answered leg', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extensions: ['201', '202'] }));
    tracker.apply(ev('answered', 5_000, { extension: '201' }));
    // Stamped later than the answer (receipt time of a delayed event): still no regression.
    assert.deepEqual(tracker.apply(ev('ringing', 6_000, { extension: '201' })), []);
    const call = tracker.get(ID);
    assert.equal(call?.phase, 'answered');
    assert.equal(leg(call, '201').state, 'answered');
  });

  test('answeredAt is the earliest answer, wherever it arrives', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('answered', 5_000, { extension: '201' }));
    const [update] = tracker.apply(ev('answered', 4_000, { extension: '201' }));
    assert.equal(update?.call.answeredAt, T + 4_000);
    assert.equal(leg(update?.call, '201').answeredAt, T + 4_000);
  });

  test('endedAt is never before the answer or any event seen (skewed clocks)', () => {
    const { last } = run([ev('ringing', 0, { extension: '201' }), ev('answered', 5_000, { extension: '201' }), ev('ended', 4_000, { cause: 'completed' })]);
    assert.equal(last?.endedAt, T + 5_000);
    assert.equal(last && talkDurationMs(last), 0);
    assert.equal(leg(last, '201').endedAt, T + 5_000);
  });

  test('a leg end arriving before its ring keeps the leg ended', () => {
    const { last } = run([ev('ended', 15_000, { extension: '201', legOnly: true, cause: 'noanswer' }), ev('ringing', 0, { extension: '201' })]);
    assert.deepEqual(last?.legs, [{ extension: '201', state: 'ended', since: T, endedAt: T + 15_000, cause: 'noanswer' }]);
    assert.equal(last?.startedAt, T);
  });

  test('an answer arriving before the ring of a group still ends the other legs', () => {
    const { last } = run([ev('answered', 5_000, { extension: '202' }), ev('ringing', 0, { extensions: ['201', '202', '203'] })]);
    assert.deepEqual(last?.legs.map((l) => [l.extension, l.state, l.cause]), [
      ['201', 'ended', 'answered_elsewhere'],
      ['202', 'answered', undefined],
      ['203', 'ended', 'answered_elsewhere'],
    ]);
  });

  test('events with a non-finite time are ignored', () => {
    const tracker = new CallTracker();
    assert.deepEqual(tracker.apply(ev('ringing', Number.NaN, { extension: '201' })), []);
    assert.deepEqual(tracker.active(), []);
  });
});

describe('call fields', () => {
  test('later events fill gaps but never blank or overwrite known values', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extension: '201', remoteNumber: '+4930111' }));
    const [named] = tracker.apply(ev('ringing', 100, { extension: '201', remoteName: 'Erika', remoteNumber: '' }));
    assert.equal(named?.call.remoteNumber, '+4930111');
    assert.equal(named?.call.remoteName, 'Erika');
    const [answered] = tracker.apply(ev('answered', 3_000, { extension: '201', remoteNumber: '030111', localNumber: '+4989555' }));
    assert.equal(answered?.call.remoteNumber, '+4930111', 'the earliest sighting wins');
    assert.equal(answered?.call.localNumber, '+4989555');
    assert.equal(answered?.call.remoteName, 'Erika');
  });

  test('an earlier event carrying a value wins over a later one, whatever the arrival order', () => {
    const late = ev('answered', 3_000, { extension: '201', remoteName: 'ACME SALES' });
    const early = ev('ringing', 0, { extension: '201', remoteName: 'Acme' });
    assert.equal(run([late, early]).last?.remoteName, 'Acme');
    assert.equal(run([early, late]).last?.remoteName, 'Acme');
  });
});

describe('snapshots', () => {
  test('an emitted update never changes afterwards', () => {
    const tracker = new CallTracker();
    const [created] = tracker.apply(ev('ringing', 0, { extensions: ['201', '202'] }));
    assert.ok(created);
    const frozen = structuredClone(created.call);
    tracker.apply(ev('answered', 3_000, { extension: '201', remoteName: 'Erika' }));
    tracker.apply(ev('ringing', -1_000, { extension: '203' }));
    tracker.apply(ev('ended', 9_000));
    assert.deepEqual(created.call, frozen);
  });

  test('changing a returned call does not change the tracker', () => {
    const tracker = new CallTracker();
    const [created] = tracker.apply(ev('ringing', 0, { extension: '201' }));
    assert.ok(created);
    created.call.phase = 'ended';
    created.call.legs[0]!.state = 'ended';
    const fromGet = tracker.get(ID);
    assert.ok(fromGet);
    fromGet.legs.push({ extension: '999', state: 'ringing', since: 0 });
    tracker.active()[0]!.remoteNumber = 'x';
    assert.deepEqual(tracker.get(ID), { id: ID, source: 'pbx', callId: 'c1', direction: 'inbound', phase: 'ringing', legs: [{ extension: '201', state: 'ringing', since: T }], startedAt: T });
    // Its own last state is intact, so a duplicate is still recognised.
    assert.deepEqual(tracker.apply(ev('ringing', 0, { extension: '201' })), []);
  });

  test('calls are kept apart by source and call id', () => {
    const tracker = new CallTracker();
    tracker.apply(ev('ringing', 0, { extension: '201' }));
    tracker.apply(ev('ringing', 0, { extension: '202', source: 'other' }));
    tracker.apply(ev('ringing', 0, { extension: '203', callId: 'c2' }));
    assert.deepEqual(tracker.active().map((c) => c.id).sort(), ['other:c1', 'pbx:c1', 'pbx:c2']);
    tracker.apply(ev('ended', 1_000, { source: 'other' }));
    assert.deepEqual(tracker.active().map((c) => c.id).sort(), ['pbx:c1', 'pbx:c2']);
  });
});
