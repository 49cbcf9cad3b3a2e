import { readFileSync, readdirSync } from 'node:fs';
import type { CallEvent } from '../../../src/domain/calls/call-event.js';
import type { Call, CallUpdate } from '../../../src/domain/calls/call.js';
import { CallTracker, type TrackerOptions } from '../../../src/domain/calls/tracker.js';

/** A recorded event sequence of one call and the call it must end up as. */
export interface CallFixture {
  name: string;
  description: string;
  events: CallEvent[];
  expected: Call;
}

const FIXTURE_DIR = new URL('../../fixtures/calls/', import.meta.url);

export function loadFixtures(): CallFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const parsed = JSON.parse(readFileSync(new URL(file, FIXTURE_DIR), 'utf8')) as Omit<CallFixture, 'name'>;
      return { name: file.replace(/\.json$/, ''), ...parsed };
    });
}

export function replay(events: readonly CallEvent[], options?: Partial<TrackerOptions>): { tracker: CallTracker; updates: CallUpdate[] } {
  const tracker = new CallTracker(options);
  const updates = events.flatMap((event) => tracker.apply(event));
  return { tracker, updates };
}

/** The call as it last stood in the updates (the ended snapshot once it ended). */
export function lastSnapshot(updates: readonly CallUpdate[], id: string): Call | undefined {
  for (let i = updates.length - 1; i >= 0; i -= 1) {
    const update = updates[i];
    if (update?.call.id === id) return update.call;
  }
  return undefined;
}

export const endsWholeCall = (event: CallEvent): boolean => event.kind === 'ended' && event.legOnly !== true;

/** Every event of the fixture except its call-level end, and that end. */
export function splitEnd(fixture: CallFixture): { body: CallEvent[]; end: CallEvent } {
  const ends = fixture.events.filter(endsWholeCall);
  const end = ends[0];
  if (ends.length !== 1 || end === undefined) throw new Error(`${fixture.name}: expected exactly one call-level end`);
  return { body: fixture.events.filter((event) => event !== end), end };
}
