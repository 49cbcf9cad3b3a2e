/**
 * Reading phone numbers out of imported values. Numbers stay as typed (normalization happens when
 * they are stored); what is decided here is where one number ends and the next begins, and which
 * values are not numbers at all.
 */

import type { ContactNumberInput, NumberType } from '../../../domain/contacts/contact.js';
import { foldWords } from './fold-text.js';

export interface ReadNumbers {
  numbers: ContactNumberInput[];
  /** Human-readable notes about values that were dropped. */
  problems: string[];
}

// Separators people and exporters put between several numbers in one cell; Google uses " ::: ".
const HARD_SEPARATORS = /\s*(?:[;,\n|]|:::)\s*/;
const SPACED_SLASH = /\s+\/\s+/;
// German notation writes "0711 / 12 34 56" for one number, so " / " only separates whole numbers.
const MIN_DIGITS_OF_A_WHOLE_NUMBER = 6;
// What Excel shows after it turned a long digit string into a float: the digits are gone.
const EXCEL_SCIENTIFIC = /^\d+(?:[.,]\d+)?e\+?\d+$/i;

/** Splits one cell (or one vCard TEL value when `splitSeveral` is false) into typed numbers. */
export function readNumbers(value: string, type: NumberType, splitSeveral = true): ReadNumbers {
  const trimmed = value.trim();
  if (trimmed === '') return { numbers: [], problems: [] };
  if (EXCEL_SCIENTIFIC.test(trimmed)) {
    return {
      numbers: [],
      problems: [`${type} number "${trimmed}" was turned into scientific notation by Excel and its digits are lost; dropped`],
    };
  }
  const pieces = splitSeveral ? splitCell(trimmed) : [trimmed];
  const result: ReadNumbers = { numbers: [], problems: [] };
  for (const piece of pieces) {
    if (countDigits(piece) === 0) result.problems.push(`${type} number "${piece}" has no digits; dropped`);
    else result.numbers.push({ type, number: piece });
  }
  return result;
}

function splitCell(cell: string): string[] {
  return cell
    .split(HARD_SEPARATORS)
    .flatMap((part) => {
      const halves = part.split(SPACED_SLASH);
      return halves.every((half) => countDigits(half) >= MIN_DIGITS_OF_A_WHOLE_NUMBER) ? halves : [part];
    })
    .filter((piece) => piece !== '');
}

function countDigits(text: string): number {
  return text.replace(/\D/g, '').length;
}

const FAX_WORDS = new Set(['fax', 'faks', 'telefax', 'telefaks']);
const MOBILE_WORDS = new Set(['mobile', 'mobil', 'cell', 'cellular', 'iphone', 'handy', 'natel', 'cellulare', 'car', 'mobiltelefon']);
const WORK_WORDS = new Set(['work', 'business', 'office', 'company', 'arbeid', 'jobb', 'geschaftlich', 'buro', 'ufficio', 'lavoro']);
const HOME_WORDS = new Set(['home', 'privat', 'private', 'hjemme', 'hjem', 'casa', 'abitazione']);

/**
 * Number type from free labels ("Work Fax", "* Mobile", vCard TYPE values). Fax wins over work
 * and home because a business fax is a fax first; anything unrecognised (main, pager, custom
 * labels) is "other".
 */
export function numberTypeFromLabels(labels: readonly string[]): NumberType {
  const words = new Set(labels.flatMap((label) => foldWords(label)));
  const has = (set: Set<string>) => [...words].some((word) => set.has(word));
  if (has(FAX_WORDS)) return 'fax';
  if (has(MOBILE_WORDS)) return 'mobile';
  if (has(WORK_WORDS)) return 'work';
  if (has(HOME_WORDS)) return 'home';
  return 'other';
}

/**
 * Drops repeated numbers (exports often list the "primary" number a second time). Two entries
 * are the same number when their digits match; a specific type replaces "other", but two
 * different specific types (a line used for phone and fax) are both kept.
 */
export function dedupeNumbers(numbers: readonly ContactNumberInput[]): ContactNumberInput[] {
  const kept: ContactNumberInput[] = [];
  for (const candidate of numbers) {
    const digits = candidate.number.replace(/\D/g, '');
    const twins = kept.filter((entry) => entry.number.replace(/\D/g, '') === digits);
    if (twins.some((twin) => twin.type === candidate.type || candidate.type === 'other')) continue;
    const replaceable = twins.find((twin) => twin.type === 'other');
    if (replaceable) replaceable.type = candidate.type;
    else kept.push({ ...candidate });
  }
  return kept;
}
