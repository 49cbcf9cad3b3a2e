import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { guardCell, unguardCell } from '../../../../src/directory/phonebook/formats/formula-guard.js';

describe('formula guard', () => {
  test('prefixes values a spreadsheet would evaluate, leaves plain numbers and ordinary text alone', () => {
    assert.equal(guardCell('=1+2'), "'=1+2");
    assert.equal(guardCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(guardCell('+47 cmd|calc'), "'+47 cmd|calc");
    assert.equal(guardCell('-x'), "'-x");
    assert.equal(guardCell('+47 (22) 12-34.56'), '+47 (22) 12-34.56');
    assert.equal(guardCell("O'Brien"), "O'Brien");
    assert.equal(guardCell("'s-Hertogenbosch"), "'s-Hertogenbosch");
    assert.equal(guardCell("'=x"), "''=x");
    // Some spreadsheets act on a leading tab or carriage return, even before digits.
    assert.equal(guardCell('\t22 33 44 55'), "'\t22 33 44 55");
    assert.equal(guardCell('\r=1'), "'\r=1");
  });

  test('import undoes export for every value, and no guarded value starts a formula', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', 'a', '1', ' ', '|') }), (value) => {
        const guarded = guardCell(value);
        assert.equal(unguardCell(guarded), value);
        if (/^[=+\-@\t]/.test(guarded)) assert.match(guarded, /^[+-]?[\d ().\-/]*$/);
      }),
    );
  });
});
