import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { serializeContactsCsv } from '../../../../src/directory/phonebook/formats/csv-export.js';

describe('serializeContactsCsv', () => {
  test('writes BOM, English header, CRLF, one column per number type, quoting only where needed', () => {
    const csv = serializeContactsCsv([
      {
        name: 'Nordmann, Kari "KN"',
        company: 'Fjord; Fisk AS',
        numbers: [
          { type: 'mobile', number: '+47 912 34 567' },
          { type: 'work', number: '22 12 34 56' },
          { type: 'work', number: '22 12 34 57' },
        ],
        email: 'kari@fjordfisk.example',
        address: 'Storgata 1, 0155 Oslo',
        notes: 'Line one\nline two',
      },
      { name: 'Ola', numbers: [{ type: 'fax', number: '22 00 00 00' }] },
    ]);
    assert.equal(
      csv,
      '\uFEFFname,company,work,mobile,home,fax,other,email,address,notes\r\n' +
        '"Nordmann, Kari ""KN""",Fjord; Fisk AS,22 12 34 56; 22 12 34 57,+47 912 34 567,,,,kari@fjordfisk.example,"Storgata 1, 0155 Oslo","Line one\nline two"\r\n' +
        'Ola,,,,,22 00 00 00,,,,\r\n',
    );
  });

  test('adds a visibility column only when some contact has one', () => {
    const csv = serializeContactsCsv([
      { name: 'A', numbers: [], visibility: 'central' },
      { name: 'B', numbers: [] },
    ]);
    assert.equal(csv, '\uFEFFname,company,work,mobile,home,fax,other,email,address,notes,visibility\r\nA,,,,,,,,,,central\r\nB,,,,,,,,,,\r\n');
  });

  test('defuses cells a spreadsheet would run as formulas, but leaves plain numbers alone', () => {
    const csv = serializeContactsCsv([
      { name: '=HYPERLINK("http://evil.example","click")', company: '@SUM(A1)', numbers: [{ type: 'work', number: '+47 22 12 34 56' }, { type: 'other', number: '-2+3+cmd|calc' }] },
    ]);
    const row = csv.split('\r\n')[1];
    assert.equal(row, `"'=HYPERLINK(""http://evil.example"",""click"")",'@SUM(A1),+47 22 12 34 56,,,,'-2+3+cmd|calc,,,`);
  });

  test('an empty phonebook is just the header', () => {
    assert.equal(serializeContactsCsv([]), '\uFEFFname,company,work,mobile,home,fax,other,email,address,notes\r\n');
  });
});
