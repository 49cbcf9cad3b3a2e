import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { percentile, summarize } from '../stats.js';

describe('bench stats', () => {
  test('nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(values, 50), 50);
    assert.equal(percentile(values, 99), 99);
    assert.equal(percentile(values, 100), 100);
    assert.equal(percentile([5], 99), 5);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  test('summaries sort their input and keep the worst case', () => {
    const s = summarize([9, 1, 5, 3, 7, 2, 8, 4, 6, 10]);
    assert.deepEqual(s, { count: 10, mean: 5.5, p50: 5, p95: 10, p99: 10, max: 10 });
  });
});
