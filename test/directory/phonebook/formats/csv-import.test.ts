import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseContactsCsv } from '../../../../src/directory/phonebook/formats/csv-import.js';
import { fixture, rejections } from './fixtures.js';

describe('parseContactsCsv with exports from other programs', () => {
  test('Outlook export (Windows-1252, every field quoted, address split over columns)', () => {
    const result = parseContactsCsv(fixture('outlook-export.csv'));

    assert.deepEqual(result.contacts, [
      {
        line: 2,
        contact: {
          name: 'Margaret Holloway',
          company: 'Brightwater Logistics Ltd',
          // Column order of the export; "Primary Phone" repeats the business number and is dropped.
          numbers: [
            { type: 'fax', number: '+44 113 496 0199' },
            { type: 'work', number: '+44 113 496 0123' },
            { type: 'mobile', number: '+44 7700 900123' },
          ],
          email: 'm.holloway@brightwater.example',
          address: 'Unit 4, Kingsway Trading Estate, LS11 5QR Leeds, United Kingdom',
          notes: 'Prefers calls before 10:00.\nAsk for extension 214.',
        },
      },
      {
        line: 4,
        contact: {
          name: 'Zoë Lindqvist',
          company: 'Nordic Parts AB',
          numbers: [
            { type: 'work', number: '+46 8 555 012 34' },
            { type: 'home', number: '+46 8 555 987 65' },
          ],
          email: 'zoe.lindqvist@nordicparts.example',
          address: 'Sveavägen 44, 111 34 Stockholm, Sweden',
        },
      },
      {
        line: 5,
        contact: {
          name: 'Harbour Taxi',
          company: 'Harbour Taxi',
          numbers: [
            { type: 'work', number: '+44 20 7946 0000' },
            { type: 'other', number: '+44 20 7946 0001' },
          ],
        },
      },
    ]);
    assert.deepEqual(rejections(result), [{ line: 6, reason: 'no phone number or e-mail' }]);
    assert.match(result.rejected[0]?.raw ?? '', /^"","Derek","","Ashworth"/);
    assert.deepEqual(result.warnings, [
      { line: 4, message: 'only one e-mail address is kept: "zoe.lindqvist@nordicparts.example"; dropped "zoe.l@mail.example"' },
      { line: 4, message: 'only one address is kept: "Sveavägen 44, 111 34 Stockholm, Sweden"; dropped "Ringvägen 3, 171 45 Solna"' },
    ]);
  });

  test('Google Contacts export (labelled phone slots, " ::: " lists, formatted address)', () => {
    const result = parseContactsCsv(fixture('google-contacts.csv'));

    assert.deepEqual(result.contacts, [
      {
        line: 2,
        contact: {
          name: 'Giulia Rinaldi',
          company: 'Studio Rinaldi & Figli',
          numbers: [
            { type: 'mobile', number: '+39 347 555 0142' },
            { type: 'work', number: '+39 02 5550 1234' },
            { type: 'work', number: '+39 02 5550 1200' },
            { type: 'fax', number: '+39 02 5550 1299' },
          ],
          email: 'giulia@studiorinaldi.example',
          address: 'Via Roma 12, 20121 Milano MI, Italia',
          notes: 'Conosciuta alla fiera di Verona.',
        },
      },
      {
        line: 5,
        contact: {
          name: 'Hans-Peter Müller',
          numbers: [
            { type: 'home', number: '+49 30 5550 1234' },
            { type: 'mobile', number: '+49 151 5550 9876' },
            { type: 'other', number: '+49 30 5550 1000' },
          ],
          email: 'hp.mueller@post.example',
        },
      },
      {
        line: 7,
        contact: { name: '李 明', company: '上海贸易有限公司', numbers: [{ type: 'work', number: '+86 21 5555 0188' }] },
      },
    ]);
    assert.deepEqual(rejections(result), [{ line: 6, reason: 'no name or company' }]);
    // "Phonetic First Name" contains "phone" but is a known, ignored column.
    assert.deepEqual(result.warnings, []);
  });

  test('Norwegian Excel export (";" separated, Windows-1252 with € and en dash)', () => {
    const result = parseContactsCsv(fixture('norwegian-excel-semicolon-1252.csv'));

    assert.deepEqual(result.contacts, [
      {
        line: 2,
        contact: {
          name: 'Kari Nordmann',
          company: 'Fjordkraft Rørlegger AS',
          numbers: [
            { type: 'work', number: '22 12 34 56' },
            { type: 'mobile', number: '912 34 567' },
          ],
          email: 'kari@rorlegger.example',
          address: 'Storgata 12, 0155 Oslo',
          notes: 'Kunde siden 2019 – ring før kl. 16',
        },
      },
      {
        line: 3,
        contact: {
          name: 'Ærlige Åsmund Bø',
          company: 'Østlandet Bygg & Anlegg',
          numbers: [
            { type: 'work', number: '22 33 44 55' },
            { type: 'work', number: '22 33 44 56' },
          ],
          address: 'Industriveien 7, 2020 Skedsmokorset',
          notes: 'Prosjektleder; treffes best på mobil',
        },
      },
      {
        line: 4,
        contact: {
          name: 'Bergen Bryggeri AS',
          company: 'Bergen Bryggeri AS',
          numbers: [{ type: 'work', number: '55 12 34 00' }],
          email: 'post@bergenbryggeri.example',
          address: 'Bryggen 3, 5003 Bergen',
        },
      },
      {
        line: 7,
        contact: {
          name: 'Line Strøm',
          company: 'Tromsdalen Tannlegesenter',
          numbers: [
            { type: 'work', number: '77 60 12 34' },
            { type: 'mobile', number: '+47 481 23 456' },
          ],
          email: 'line@tannlege.example',
          address: '9020 Tromsø',
          notes: '€ 350 per time',
        },
      },
    ]);
    // Line 6 holds only separators, as Excel leaves below a table: skipped, not rejected.
    assert.deepEqual(rejections(result), [
      {
        line: 5,
        reason: 'no phone number or e-mail (work number "4,79123E+09" was turned into scientific notation by Excel and its digits are lost; dropped)',
      },
    ]);
    assert.equal(result.rejected[0]?.raw, 'Per Hansen;;4,79123E+09;;;;;;Nummer ødelagt av Excel');
    assert.deepEqual(result.warnings, []);
  });

  test('German Excel export (UTF-8 with BOM, "Vorname;Name", numbers written "0711 / 555 34 56")', () => {
    const result = parseContactsCsv(fixture('german-excel-utf8-bom.csv'));

    assert.deepEqual(result.contacts, [
      {
        line: 2,
        contact: {
          name: 'Jürgen Weiß',
          company: 'Bäckerei Weiß GmbH & Co. KG',
          numbers: [
            { type: 'work', number: '0711 / 555 34 56' },
            { type: 'mobile', number: '0151 5552 3456' },
            { type: 'fax', number: '0711 / 555 34 57' },
          ],
          email: 'info@baeckerei-weiss.example',
          address: 'Königstraße 1, 70173 Stuttgart',
          notes: 'Lieferung immer dienstags',
        },
      },
      {
        line: 3,
        contact: {
          name: 'Anna-Lena Groß',
          numbers: [
            { type: 'work', number: '089 5551234' },
            { type: 'work', number: '089 5551235' },
          ],
          email: 'anna-lena.gross@mail.example',
        },
      },
      {
        line: 6,
        contact: {
          name: 'François Dupont',
          company: 'Dupont Sàrl',
          numbers: [{ type: 'mobile', number: '+41 79 555 12 34' }],
          notes: 'Spricht Deutsch,\nFranzösisch und Italienisch',
        },
      },
    ]);
    assert.deepEqual(rejections(result), [
      { line: 4, reason: 'no name or company' },
      { line: 5, reason: 'has 12 fields but the header has 11' },
    ]);
    assert.deepEqual(result.warnings, []);
  });

  test('a file of bad rows: each rejected with its line and reason, the good ones kept', () => {
    const result = parseContactsCsv(fixture('bad-rows.csv'));

    assert.deepEqual(result.contacts, [
      { line: 2, contact: { name: 'Kari Nordmann', company: 'Fjordkraft AS', numbers: [{ type: 'work', number: '22 12 34 56' }] } },
      {
        line: 11,
        contact: { name: 'Half Good', numbers: [{ type: 'work', number: '22 00 00 04' }], email: 'ok@example.no' },
        visibility: 'central',
      },
      // The export's formula guard (a leading apostrophe) is taken off again.
      { line: 12, contact: { name: '=HYPERLINK("http://evil.example")', numbers: [{ type: 'work', number: '22 00 00 05' }] } },
    ]);
    assert.deepEqual(rejections(result), [
      { line: 3, reason: 'no name or company' },
      { line: 4, reason: 'no phone number or e-mail' },
      { line: 5, reason: 'has 12 fields but the header has 11' },
      { line: 6, reason: 'has 3 fields but the header has 11' },
      {
        line: 7,
        reason: 'no phone number or e-mail (work number "4.79123E+09" was turned into scientific notation by Excel and its digits are lost; dropped)',
      },
      {
        line: 8,
        reason: 'no phone number or e-mail (work number "n/a" has no digits; dropped; mobile number "ukjent" has no digits; dropped)',
      },
      { line: 9, reason: 'no phone number or e-mail (e-mail "kari at example" is not an e-mail address; dropped)' },
      { line: 10, reason: 'unknown visibility "privte" (expected private, public, speeddial, central)' },
      { line: 15, reason: 'a quoted value is never closed, so everything from here to the end of the file was skipped' },
    ]);
    assert.equal(result.rejected.find((rejected) => rejected.line === 5)?.raw, 'Too Many,Fields AS,22 00 00 01,,,,,,,,,extra');
    assert.deepEqual(result.warnings, [{ line: 11, message: 'mobile number "n/a" has no digits; dropped' }]);
  });
});

describe('parseContactsCsv details', () => {
  test('reads a tab-separated UTF-16 "Unicode text" export', () => {
    const text = '\uFEFFName\tMobile\r\nÅse Ødegård\t+47 900 00 001\r\n';
    const result = parseContactsCsv(Buffer.from(text, 'utf16le'));
    assert.deepEqual(result.contacts, [{ line: 2, contact: { name: 'Åse Ødegård', numbers: [{ type: 'mobile', number: '+47 900 00 001' }] } }]);
  });

  test('honours an Excel "sep=" line and counts it in line numbers', () => {
    const result = parseContactsCsv('sep=|\nName|Phone|Notes\nKari|22 12 34 56|a; b, c\n|22 00 00 00|\n');
    assert.deepEqual(result.contacts, [{ line: 3, contact: { name: 'Kari', numbers: [{ type: 'work', number: '22 12 34 56' }], notes: 'a; b, c' } }]);
    assert.deepEqual(rejections(result), [{ line: 4, reason: 'no name or company' }]);
  });

  test('picks the separator from the header, ignoring separators inside quotes', () => {
    // Two commas inside quotes, two semicolons outside: semicolon.
    const result = parseContactsCsv('Name;"Firma, Abteilung, Team";Telefon\nOla Nordmann;"Acme, IT, Drift";22 11 00 00\n');
    assert.deepEqual(result.contacts, [{ line: 2, contact: { name: 'Ola Nordmann', numbers: [{ type: 'work', number: '22 11 00 00' }] } }]);
  });

  test('options override separator and encoding detection', () => {
    const tabbed = 'Name\tNotes, remarks, more\tMobile\nKari\tx\t900 00 000\n';
    assert.equal(parseContactsCsv(tabbed).contacts.length, 0, 'three commas outvote two tabs when detecting');
    assert.deepEqual(parseContactsCsv(tabbed, { delimiter: '\t' }).contacts, [
      { line: 2, contact: { name: 'Kari', numbers: [{ type: 'mobile', number: '900 00 000' }] } },
    ]);
    const asLatin = parseContactsCsv(Buffer.from('name;phone\nZoë;22 00 00 00\n', 'utf8'), { encoding: 'windows-1252' });
    assert.equal(asLatin.contacts[0]?.contact.name, 'ZoÃ«');
  });

  test('understands a German Outlook export', () => {
    const header =
      '"Vorname","Nachname","Firma","Telefon geschäftlich","Telefon geschäftlich 2","Mobiltelefon","Fax geschäftlich","Telefon privat",' +
      '"E-Mail-Adresse","Straße geschäftlich","Postleitzahl geschäftlich","Ort geschäftlich","Land/Region geschäftlich","Notizen","Telex"';
    const row = '"Sabine","Krüger","Elektro Krüger GmbH","+49 40 5550 100","+49 40 5550 101","+49 170 5550 102","+49 40 5550 199","","sabine@elektro-krueger.example","Hafenstraße 9","20457","Hamburg","Deutschland","Notdienst 24/7","x"';
    const result = parseContactsCsv(`${header}\r\n${row}\r\n`);
    assert.deepEqual(result.contacts, [
      {
        line: 2,
        contact: {
          name: 'Sabine Krüger',
          company: 'Elektro Krüger GmbH',
          numbers: [
            { type: 'work', number: '+49 40 5550 100' },
            { type: 'work', number: '+49 40 5550 101' },
            { type: 'mobile', number: '+49 170 5550 102' },
            { type: 'fax', number: '+49 40 5550 199' },
          ],
          email: 'sabine@elektro-krueger.example',
          address: 'Hafenstraße 9, 20457 Hamburg, Deutschland',
          notes: 'Notdienst 24/7',
        },
      },
    ]);
    assert.deepEqual(result.warnings, []);
  });

  test('understands Italian headers; "Nome" alone is the whole name', () => {
    const split = parseContactsCsv('Nome;Cognome;Società;Telefono;Cellulare;Posta elettronica;Via;CAP;Città;Provincia;Note\nMario;Rossi;Ferramenta Rossi;02 5550 1111;333 555 2222;mario@ferramenta.example;Corso Como 5;20154;Milano;MI;Chiuso il lunedì\n');
    assert.deepEqual(split.contacts, [
      {
        line: 2,
        contact: {
          name: 'Mario Rossi',
          company: 'Ferramenta Rossi',
          numbers: [
            { type: 'work', number: '02 5550 1111' },
            { type: 'mobile', number: '333 555 2222' },
          ],
          email: 'mario@ferramenta.example',
          address: 'Corso Como 5, 20154 Milano, MI',
          notes: 'Chiuso il lunedì',
        },
      },
    ]);
    const whole = parseContactsCsv('Nome;Telefono\nMario Rossi;02 5550 1111\n');
    assert.equal(whole.contacts[0]?.contact.name, 'Mario Rossi');
  });

  test('warns about a column that looks like phone numbers but is not one we know', () => {
    const result = parseContactsCsv('Name,Mobile,Telefon Büro 3\nKari,900 00 000,22 00 00 00\n');
    assert.deepEqual(result.contacts, [{ line: 2, contact: { name: 'Kari', numbers: [{ type: 'mobile', number: '900 00 000' }] } }]);
    assert.deepEqual(result.warnings, [{ line: 1, message: 'column "Telefon Büro 3" looks like phone numbers but is not a column we know; it was ignored' }]);
  });

  test('accepts trailing empty fields beyond the header', () => {
    const result = parseContactsCsv('name,mobile\nKari,900 00 000,,\n');
    assert.equal(result.contacts.length, 1);
    assert.deepEqual(result.rejected, []);
  });

  test('rejects the whole file when the header row is unusable', () => {
    assert.deepEqual(rejections(parseContactsCsv('Kari Nordmann,22 12 34 56\nOla,22 00 00 00\n')), [
      { line: 1, reason: 'header row not recognised (found "Kari Nordmann", "22 12 34 56"); expected columns such as name, company, phone, mobile, email' },
    ]);
    assert.deepEqual(rejections(parseContactsCsv('Name,Company,Birthday\nKari,Acme,1.1.1990\n')), [
      { line: 1, reason: 'the header row has no phone number or e-mail column (found "Name", "Company", "Birthday")' },
    ]);
    assert.deepEqual(rejections(parseContactsCsv('\n\nPhone;E-mail\n22 00 00 00;a@b.example\n')), [
      { line: 3, reason: 'the header row has no name or company column (found "Phone", "E-mail")' },
    ]);
    const result = parseContactsCsv('');
    assert.deepEqual(result, { contacts: [], rejected: [{ line: 1, reason: 'the file is empty: a header row is required' }], warnings: [] });
  });

  test('says so when given a spreadsheet workbook instead of CSV', () => {
    const xlsx = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    assert.deepEqual(rejections(parseContactsCsv(xlsx)), [
      { line: 1, reason: 'this is a zip archive such as an Excel .xlsx or OpenDocument .ods workbook, not CSV: save it as CSV first' },
    ]);
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    assert.deepEqual(rejections(parseContactsCsv(xls)), [{ line: 1, reason: 'this is an Excel .xls workbook, not CSV: save it as CSV first' }]);
  });
});
