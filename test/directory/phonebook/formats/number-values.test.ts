import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { dedupeNumbers, numberTypeFromLabels, readNumbers } from '../../../../src/directory/phonebook/formats/number-values.js';

describe('readNumbers', () => {
  const numbersOf = (cell: string) => readNumbers(cell, 'work').numbers.map((entry) => entry.number);

  test('splits several numbers on ; , newline | and Google\'s " ::: "', () => {
    assert.deepEqual(numbersOf('22 12 34 56; 22 12 34 57,22 12 34 58\n22 12 34 59 | 22 12 34 60 ::: 22 12 34 61'), [
      '22 12 34 56',
      '22 12 34 57',
      '22 12 34 58',
      '22 12 34 59',
      '22 12 34 60',
      '22 12 34 61',
    ]);
  });

  test('" / " separates only whole numbers, so German area-code notation stays one number', () => {
    assert.deepEqual(numbersOf('0711 / 555 34 56'), ['0711 / 555 34 56']);
    assert.deepEqual(numbersOf('+49 711 / 5553456'), ['+49 711 / 5553456']);
    assert.deepEqual(numbersOf('22 33 44 55 / 22 33 44 56'), ['22 33 44 55', '22 33 44 56']);
    assert.deepEqual(numbersOf('0711/5553456'), ['0711/5553456']);
  });

  test('keeps numbers as typed, drops values without digits and Excel-mangled ones with a reason', () => {
    assert.deepEqual(readNumbers(' 1-800-FLOWERS ', 'other'), { numbers: [{ type: 'other', number: '1-800-FLOWERS' }], problems: [] });
    assert.deepEqual(readNumbers('n/a; 22 00 00 00', 'home'), {
      numbers: [{ type: 'home', number: '22 00 00 00' }],
      problems: ['home number "n/a" has no digits; dropped'],
    });
    assert.deepEqual(readNumbers('4,79123E+09', 'mobile'), {
      numbers: [],
      problems: ['mobile number "4,79123E+09" was turned into scientific notation by Excel and its digits are lost; dropped'],
    });
  });

  test('a vCard TEL value is never split', () => {
    assert.deepEqual(readNumbers('22 00 00 00, ext 12', 'work', false).numbers, [{ type: 'work', number: '22 00 00 00, ext 12' }]);
  });
});

describe('numberTypeFromLabels', () => {
  test('maps labels and vCard types in several languages; fax wins, unknown is other', () => {
    const cases: [string[], string][] = [
      [['Work Fax'], 'fax'],
      [['home', 'fax'], 'fax'],
      [['* Mobile'], 'mobile'],
      [['cell', 'voice'], 'mobile'],
      [['IPHONE'], 'mobile'],
      [['Geschäftlich'], 'work'],
      [['Arbeid'], 'work'],
      [['Casa'], 'home'],
      [['Main'], 'other'],
      [['pager'], 'other'],
      [['voice', 'pref'], 'other'],
      [[], 'other'],
    ];
    for (const [labels, expected] of cases) assert.equal(numberTypeFromLabels(labels), expected, labels.join(','));
  });
});

describe('dedupeNumbers', () => {
  test('drops repeats by digits, lets a typed entry replace "other", keeps different types', () => {
    assert.deepEqual(
      dedupeNumbers([
        { type: 'other', number: '+47 22 12 34 56' },
        { type: 'work', number: '+4722123456' },
        { type: 'work', number: '+47 22-12-34-56' },
        { type: 'fax', number: '+47 22 12 34 56' },
        { type: 'other', number: '(+47) 22 12 34 56' },
        { type: 'mobile', number: '900 00 000' },
      ]),
      [
        { type: 'work', number: '+47 22 12 34 56' },
        { type: 'fax', number: '+47 22 12 34 56' },
        { type: 'mobile', number: '900 00 000' },
      ],
    );
  });
});
