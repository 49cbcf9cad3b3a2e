/** Shared helpers for the phonebook format tests. */

import { readFileSync } from 'node:fs';
import type { ImportResult } from '../../../../src/directory/phonebook/formats/contact-file.js';

export function fixture(name: string): Buffer {
  return readFileSync(new URL(`../../../fixtures/contacts/${name}`, import.meta.url));
}

/** Rejections without the raw text, which the tests check separately where it matters. */
export function rejections(result: ImportResult): { line: number; reason: string }[] {
  return result.rejected.map(({ line, reason }) => ({ line, reason }));
}
