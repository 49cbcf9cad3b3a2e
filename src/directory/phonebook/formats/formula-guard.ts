/**
 * Spreadsheets run a cell that starts with = + - or @ as a formula, so a contact named
 * "=HYPERLINK(…)" in an export becomes code on the admin's machine. The export prefixes such
 * cells with an apostrophe and the import takes it off again. Plain phone numbers like
 * "+47 22 33 44 55" are left alone. Values that already start with apostrophes before a formula
 * character get one more, so import(export(x)) is x for every value.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
// Spaces only: a tab or line break at the start is what some spreadsheets act on.
const PLAIN_PHONE_NUMBER = /^[+-]?[\d ().\-/]*$/;
const APOSTROPHES_BEFORE_FORMULA = /^'+[=+\-@\t\r]/;

export function guardCell(value: string): string {
  const risky = (FORMULA_START.test(value) && !PLAIN_PHONE_NUMBER.test(value)) || APOSTROPHES_BEFORE_FORMULA.test(value);
  return risky ? `'${value}` : value;
}

export function unguardCell(value: string): string {
  return APOSTROPHES_BEFORE_FORMULA.test(value) ? value.slice(1) : value;
}
