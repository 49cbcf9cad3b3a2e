import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { describeIssues, formatPath } from '../../../src/telephony/webhook/zod-issues.js';

describe('formatPath', () => {
  test('indexes in brackets, names dotted', () => {
    assert.equal(formatPath([]), '');
    assert.equal(formatPath(['direction']), 'direction');
    assert.equal(formatPath([1, 'extensions', 0]), '[1].extensions[0]');
    assert.equal(formatPath(['a', 'b']), 'a.b');
  });
});

describe('describeIssues', () => {
  const schema = z.strictObject({ a: z.enum(['x', 'y', 'z']), b: z.number() });

  const describeFor = (data: unknown, prefix: PropertyKey[] = []) => {
    const result = schema.safeParse(data);
    assert.equal(result.success, false);
    return describeIssues(result.error?.issues ?? [], data, prefix);
  };

  test('missing, wrong value, wrong type, unknown key', () => {
    assert.equal(
      describeFor({ b: 'one', c: 1 }),
      'a: missing; b: expected number, got a string; c: unknown field (check the spelling)',
    );
    assert.equal(describeFor({ a: 'w', b: 1 }), 'a: expected one of "x", "y", "z", got "w"');
  });

  test('a prefix is put in front of every path', () => {
    assert.equal(describeFor({ a: 'x' }, [3]), '[3].b: missing');
  });

  test('long lists are cut after five', () => {
    const many = z.strictObject({});
    const data = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 };
    const result = many.safeParse(data);
    const text = describeIssues(result.error?.issues ?? [], data);
    assert.match(text, /e: unknown field \(check the spelling\); and 2 more$/);
  });
});
