import type { z } from 'zod';
import { describeValue } from './fields.js';

type Issue = z.ZodError['issues'][number];
type PathKey = PropertyKey;

/** `[1].extensions[0]` for path [1, 'extensions', 0]. */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

const quoteList = (values: readonly unknown[]): string => {
  const quoted = values.map((v) => JSON.stringify(v));
  if (quoted.length <= 2) return quoted.join(' or ');
  return `one of ${quoted.join(', ')}`;
};

function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function problem(issue: Issue, input: unknown): string {
  if (input === undefined && issue.code !== 'unrecognized_keys' && issue.code !== 'custom') return 'missing';
  switch (issue.code) {
    case 'invalid_value':
      return `expected ${quoteList(issue.values)}, got ${JSON.stringify(input) ?? describeValue(input)}`;
    case 'invalid_type':
      // Schemas give their own wording; zod's default names the expected type only.
      return issue.message.startsWith('Invalid input') ? `expected ${issue.expected}, got ${describeValue(input)}` : issue.message;
    default:
      return issue.message;
  }
}

/**
 * One line naming every field at fault, e.g. `direction: expected "inbound" or "outbound", got "in"`.
 * `data` is the parsed input, used to tell a missing field from a wrong one.
 */
export function describeIssues(issues: readonly Issue[], data: unknown, prefix: readonly PathKey[] = []): string {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        lines.push(`${formatPath([...path, key])}: unknown field (check the spelling)`);
      }
      continue;
    }
    const where = formatPath(path);
    const what = problem(issue, valueAt(data, issue.path));
    lines.push(where === '' ? what : `${where}: ${what}`);
  }
  const shown = lines.slice(0, 5);
  if (lines.length > shown.length) shown.push(`and ${lines.length - shown.length} more`);
  return shown.join('; ');
}
