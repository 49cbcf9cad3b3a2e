import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LANGUAGES } from '../../web/src/i18n/catalog';
import { namespaces } from '../../web/src/i18n/messages/index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every message exists in every language, is not empty, and keeps the placeholders of the English text', () => {
  const problems: string[] = [];
  for (const [ns, catalog] of Object.entries(namespaces)) {
    const en = catalog.en as Record<string, string>;
    for (const language of LANGUAGES) {
      const messages = (catalog as unknown as Record<string, Record<string, string>>)[language]!;
      for (const key of Object.keys(en)) {
        const text = messages[key];
        if (typeof text !== 'string' || text.trim() === '') problems.push(`${language} ${ns}.${key}: missing`);
        else if (placeholders(text).join() !== placeholders(en[key]!).join()) problems.push(`${language} ${ns}.${key}: placeholders ${placeholders(text)} vs ${placeholders(en[key]!)}`);
      }
      for (const key of Object.keys(messages)) if (!(key in en)) problems.push(`${language} ${ns}.${key}: not in English`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the other languages are translations, not copies of English', () => {
  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    let same = 0;
    let total = 0;
    for (const catalog of Object.values(namespaces)) {
      const en = catalog.en as Record<string, string>;
      const messages = (catalog as unknown as Record<string, Record<string, string>>)[language]!;
      for (const key of Object.keys(en)) {
        total++;
        if (messages[key] === en[key]) same++;
      }
    }
    // Brand names and words like "Fax" or "Softphone" are the same; most text is not.
    assert.ok(same / total < 0.2, `${language}: ${same} of ${total} messages equal the English text`);
  }
});
