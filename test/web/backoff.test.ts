import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextDelay } from '../../web/src/realtime/backoff';

test('reconnect delays double from half a second, stay under 15 s with jitter, and spread out', () => {
  assert.equal(nextDelay(0, () => 0.5), 500);
  assert.equal(nextDelay(1, () => 0.5), 1000);
  assert.equal(nextDelay(3, () => 0.5), 4000);
  assert.equal(nextDelay(20, () => 0.5), 15_000);
  assert.equal(nextDelay(20, () => 1), 19_500);
  assert.equal(nextDelay(0, () => 0), 350);
  const spread = new Set(Array.from({ length: 50 }, () => nextDelay(4)));
  assert.ok(spread.size > 10, 'jitter spreads the attempts');
});
