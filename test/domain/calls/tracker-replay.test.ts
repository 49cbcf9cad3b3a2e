import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CallDirection, CallEvent, EndCause } from '../../../src/domain/calls/call-event.js';
import type { Call, CallUpdate } from '../../../src/domain/calls/call.js';
import { endsWholeCall, lastSnapshot, loadFixtures, replay, splitEnd, type CallFixture } from './replay.js';

/**
 * What is order-independent, checked below:
 * - While a call is open, its state depends only on the set of events seen: any arrival order,
 *   any duplicates, same call (fixtures without their end, and generated streams).
 * - A closed call is the same for any order and duplication of its events provided the
 *   call-level end arrives after all of them; duplicates after the end change nothing.
 * - Under arbitrary reordering, the end closes the call with what arrived before it; anything later
 *   is dropped. So the final call equals the recorded-order replay of just those events plus the end,
 *   and only some fields keep their recorded value (see 'arbitrary reordering').
 */

const fixtures = loadFixtures();

// Show the failed assertion itself, not only the counterexample.
fc.configureGlobal({ includeErrorInReport: true });

/** The items in some order, each at least once, some (random ones) twice or more. */
function arrivalsOf<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  if (items.length === 0) return fc.constant([]);
  return fc
    .array(fc.nat({ max: items.length - 1 }), { maxLength: items.length })
    .chain((extra) => {
      const all = [...items, ...extra.map((i) => items[i] as T)];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });
}

/** Distinct events in recorded order, deduplicated by content. */
function distinctInRecordedOrder(recorded: readonly CallEvent[], seen: readonly CallEvent[]): CallEvent[] {
  const keys = new Set(seen.map((event) => JSON.stringify(event)));
  return recorded.filter((event) => keys.has(JSON.stringify(event)));
}

function checkInvariants(update: CallUpdate): void {
  const call = update.call;
  const where = `${call.id} (${update.change})`;
  assert.ok(call.answeredAt === undefined || call.answeredAt >= call.startedAt, `answeredAt ≥ startedAt: ${where}`);
  const sorted = [...call.legs].sort((a, b) => a.since - b.since || (a.extension < b.extension ? -1 : 1));
  assert.deepEqual(call.legs, sorted, `legs in a stable order: ${where}`);
  for (const leg of call.legs) {
    assert.ok(leg.since >= call.startedAt, `leg since ≥ startedAt: ${where}`);
    assert.ok(leg.answeredAt === undefined || leg.answeredAt >= leg.since, `leg answeredAt ≥ since: ${where}`);
    assert.equal(leg.state === 'ended', leg.endedAt !== undefined, `leg endedAt iff ended: ${where}`);
    assert.equal(leg.state === 'ended', leg.cause !== undefined, `leg cause iff ended: ${where}`);
    assert.ok(leg.endedAt === undefined || leg.endedAt >= leg.since, `leg endedAt ≥ since: ${where}`);
  }
  const talking = call.legs.filter((leg) => leg.state === 'answered');
  assert.ok(talking.length <= 1, `at most one leg holds the call: ${where}`);
  if (talking[0]) assert.equal(call.answeredBy, talking[0].extension, `the answered leg is answeredBy: ${where}`);

  if (update.change === 'ended') {
    assert.equal(call.phase, 'ended');
    assert.ok(call.endedAt !== undefined && call.endedAt >= (call.answeredAt ?? call.startedAt), `endedAt ≥ answeredAt ≥ startedAt: ${where}`);
    assert.ok(call.outcome !== undefined && call.cause !== undefined, where);
    const allowed = call.direction === 'inbound' ? ['answered', 'missed'] : ['answered', 'notanswered', 'busy', 'failed'];
    assert.ok(allowed.includes(call.outcome), `outcome fits direction: ${where}`);
    const answeredByUntracked = call.direction === 'inbound' && call.cause === 'answered_elsewhere';
    assert.equal(call.outcome === 'answered', call.answeredAt !== undefined || answeredByUntracked, where);
    for (const leg of call.legs) {
      assert.equal(leg.state, 'ended', `no leg outlives the call: ${where}`);
      assert.ok((leg.endedAt ?? Infinity) <= call.endedAt, `legs end no later than the call: ${where}`);
    }
  } else {
    assert.notEqual(call.phase, 'ended');
    assert.equal(call.phase === 'answered', call.answeredAt !== undefined, where);
    assert.equal(call.endedAt ?? call.outcome ?? call.cause ?? call.closedByTimeout, undefined, where);
  }
}

function checkLifecycle(updates: readonly CallUpdate[]): void {
  const first = updates[0];
  assert.ok(first, 'at least one update');
  assert.ok(first.change === 'created' || (first.change === 'ended' && updates.length === 1), 'a call starts with created');
  const ends = updates.filter((u) => u.change === 'ended').length;
  assert.ok(ends <= 1, 'ended at most once');
  if (ends === 1) assert.equal(updates.at(-1)?.change, 'ended', 'nothing after the end');
  assert.ok(updates.slice(1).every((u) => u.change !== 'created'), 'created once');
  updates.forEach(checkInvariants);
}

describe('recorded sequences (test/fixtures/calls)', () => {
  test('there are enough fixtures', () => assert.ok(fixtures.length >= 5));

  for (const fixture of fixtures) {
    describe(fixture.name, () => {
      test('recorded order gives the expected call', () => {
        const { tracker, updates } = replay(fixture.events);
        assert.deepEqual(lastSnapshot(updates, fixture.expected.id), fixture.expected);
        assert.equal(updates[0]?.change, 'created');
        checkLifecycle(updates);
        assert.deepEqual(tracker.active(), []);
      });

      test('every event twice in a row: same updates, the copies add none', () => {
        const { updates: once } = replay(fixture.events);
        const { tracker } = replay([]);
        const twice: CallUpdate[] = [];
        for (const event of fixture.events) {
          twice.push(...tracker.apply(event));
          assert.deepEqual(tracker.apply(structuredClone(event)), [], `duplicate of ${event.kind}@${event.at}`);
        }
        assert.deepEqual(twice, once);
      });

      test('any order and duplication of the events, the end arriving after them: same call', () => {
        const { body, end } = splitEnd(fixture);
        fc.assert(
          fc.property(arrivalsOf(body), fc.subarray(fixture.events), (arrivals, afterEnd) => {
            const { updates, tracker } = replay([...arrivals, end]);
            const trailing = afterEnd.flatMap((event) => tracker.apply(event));
            assert.deepEqual(trailing, [], 'events after the end are absorbed');
            checkLifecycle(updates);
            assert.deepEqual(lastSnapshot(updates, fixture.expected.id), fixture.expected);
          }),
        );
      });

      test('without the end, the open call is the same for any order and duplication', () => {
        const { body } = splitEnd(fixture);
        const reference = replay(body).tracker.get(fixture.expected.id);
        fc.assert(
          fc.property(arrivalsOf(body), (arrivals) => {
            const { tracker, updates } = replay(arrivals);
            checkLifecycle(updates);
            assert.deepEqual(tracker.get(fixture.expected.id), reference);
          }),
        );
      });

      test('arbitrary reordering: the end closes the call with what came before it', () => {
        const { end } = splitEnd(fixture);
        fc.assert(
          fc.property(arrivalsOf(fixture.events), (arrivals) => {
            const { updates } = replay(arrivals);
            checkLifecycle(updates);
            const final = lastSnapshot(updates, fixture.expected.id);
            assert.ok(final);

            const before = arrivals.slice(0, arrivals.findIndex(endsWholeCall));
            const reference = replay([...distinctInRecordedOrder(fixture.events, before), end]);
            assert.deepEqual(final, lastSnapshot(reference.updates, fixture.expected.id));

            checkOrderFreeFields(fixture, final, before);
          }),
        );
      });
    });
  }
});

/**
 * The fields that keep their recorded value under any arrival order (all fixtures end with the
 * latest event in time, and their end states a cause).
 */
function checkOrderFreeFields(fixture: CallFixture, final: Call, beforeEnd: readonly CallEvent[]): void {
  const { expected } = fixture;
  assert.equal(final.phase, 'ended');
  assert.equal(final.direction, expected.direction);
  assert.equal(final.cause, expected.cause);
  assert.equal(final.causeText, expected.causeText);
  assert.equal(final.endedAt, expected.endedAt, 'the end is the latest event in time');
  assert.ok(final.startedAt >= expected.startedAt);
  const everAnswered = fixture.events.some((event) => event.kind === 'answered');
  if (!everAnswered) {
    assert.equal(final.outcome, expected.outcome, 'an unanswered call stays unanswered in any order');
    return;
  }
  const answeredInTime = beforeEnd.some((event) => event.kind === 'answered');
  const unanswered = final.direction === 'inbound' ? 'missed' : 'notanswered';
  assert.equal(final.outcome, answeredInTime ? 'answered' : unanswered, 'answered only if an answer arrived before the end');
}

describe('generated event streams', () => {
  const T = 1_767_261_600_000;
  const extensions = ['201', '202', '203'];
  const causes: EndCause[] = ['completed', 'noanswer', 'cancelled', 'busy', 'rejected', 'failed', 'voicemail', 'answered_elsewhere', 'unknown'];

  const eventArb = (direction: CallDirection): fc.Arbitrary<CallEvent> =>
    fc
      .record(
        {
          kind: fc.constantFrom<CallEvent['kind']>('ringing', 'dialing', 'answered', 'ended'),
          at: fc.integer({ min: 0, max: 20 }).map((n) => T + n * 1_000),
          extension: fc.constantFrom(...extensions),
          extensions: fc.subarray(extensions, { minLength: 1 }),
          remoteNumber: fc.constantFrom('+4930111', '030111'),
          remoteName: fc.constantFrom('Acme', 'ACME GmbH'),
          queue: fc.constantFrom('sales', 'support'),
          cause: fc.constantFrom(...causes),
        },
        { requiredKeys: ['kind', 'at'] },
      )
      .map((fields) => ({
        source: 'gen',
        callId: 'g1',
        direction,
        ...fields,
        ...(fields.kind === 'ended' ? { legOnly: true } : {}),
      }));

  const streamArb = fc
    .constantFrom<CallDirection>('inbound', 'outbound')
    .chain((direction) => fc.tuple(fc.constant(direction), fc.array(eventArb(direction), { minLength: 1, maxLength: 25 })));

  const endArb = fc.record({ at: fc.integer({ min: 20, max: 30 }), cause: fc.option(fc.constantFrom(...causes), { nil: undefined }) });

  test('an open call depends only on the set of its events', () => {
    fc.assert(
      fc.property(
        streamArb.chain(([, events]) => fc.tuple(fc.constant(events), arrivalsOf(events))),
        ([events, arrivals]) => {
          const inOrder = replay(events);
          const shuffled = replay(arrivals);
          checkLifecycle(inOrder.updates);
          checkLifecycle(shuffled.updates);
          assert.deepEqual(shuffled.tracker.get('gen:g1'), inOrder.tracker.get('gen:g1'));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('re-applying any event already seen emits nothing', () => {
    fc.assert(
      fc.property(
        streamArb.chain(([, events]) => fc.tuple(fc.constant(events), arrivalsOf(events))),
        ([events, again]) => {
          const { tracker } = replay(events);
          assert.deepEqual(again.flatMap((event) => tracker.apply(event)), []);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a closed call depends only on the events that arrived before its end', () => {
    fc.assert(
      fc.property(
        streamArb.chain(([direction, events]) => fc.tuple(fc.constant(direction), fc.constant(events), arrivalsOf(events), endArb)),
        ([direction, events, arrivals, end]) => {
          const endEvent: CallEvent = { source: 'gen', callId: 'g1', direction, kind: 'ended', at: T + end.at * 1_000, ...(end.cause ? { cause: end.cause } : {}) };
          const inOrder = replay([...events, endEvent]);
          const shuffled = replay([...arrivals, endEvent]);
          checkLifecycle(shuffled.updates);
          const final = lastSnapshot(shuffled.updates, 'gen:g1');
          assert.equal(final?.phase, 'ended');
          assert.deepEqual(final, lastSnapshot(inOrder.updates, 'gen:g1'));
        },
      ),
      { numRuns: 500 },
    );
  });
});
