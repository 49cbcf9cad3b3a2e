import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { detectDelimiter } from '../../../../src/directory/phonebook/formats/csv-delimiter.js';

describe('detectDelimiter', () => {
  test('counts candidates in the first non-empty line, outside quotes', () => {
    assert.deepEqual(detectDelimiter('Name;Telefon;Mobil\na,b,c,d,e\n'), { delimiter: ';', separatorLine: false });
    assert.deepEqual(detectDelimiter('\n\nName\tTelefon\n'), { delimiter: '\t', separatorLine: false });
    assert.deepEqual(detectDelimiter('"a;b;c",d,e\n'), { delimiter: ',', separatorLine: false });
    assert.deepEqual(detectDelimiter('name\n'), { delimiter: ',', separatorLine: false });
    assert.deepEqual(detectDelimiter('a;b,c\n'), { delimiter: ',', separatorLine: false }, 'ties go to the comma');
  });

  test('a leading "sep=" line names the separator', () => {
    assert.deepEqual(detectDelimiter('sep=;\nName,Telefon\n'), { delimiter: ';', separatorLine: true });
    assert.deepEqual(detectDelimiter('"sep=|"\n'), { delimiter: '|', separatorLine: true });
    assert.deepEqual(detectDelimiter('Name\nsep=;\n'), { delimiter: ',', separatorLine: false });
  });
});
