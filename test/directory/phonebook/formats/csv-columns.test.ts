import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { planColumns } from '../../../../src/directory/phonebook/formats/csv-columns.js';

describe('planColumns', () => {
  const kinds = (headers: string[]) => planColumns(headers).columns;

  test('matches headers regardless of case, accents, spacing and punctuation', () => {
    assert.deepEqual(kinds(['TELEFON (GESCHAFTLICH)', 'telefon_geschäftlich', 'E-Mail-Adresse', 'e mail adresse', 'Società', 'SOCIETA']), [
      { kind: 'phone', type: 'work' },
      { kind: 'phone', type: 'work' },
      { kind: 'email' },
      { kind: 'email' },
      { kind: 'company' },
      { kind: 'company' },
    ]);
  });

  test('knows the usual columns in English, Norwegian, German and Italian', () => {
    assert.deepEqual(kinds(['Mobile Phone', 'Mobil', 'Handy', 'Cellulare', 'Home Phone', 'Telefon privat', 'Hjemme', 'Telefono casa']), [
      { kind: 'phone', type: 'mobile' },
      { kind: 'phone', type: 'mobile' },
      { kind: 'phone', type: 'mobile' },
      { kind: 'phone', type: 'mobile' },
      { kind: 'phone', type: 'home' },
      { kind: 'phone', type: 'home' },
      { kind: 'phone', type: 'home' },
      { kind: 'phone', type: 'home' },
    ]);
    assert.deepEqual(kinds(['Business Fax', 'Telefaks', 'Fax geschäftlich', 'E-post', 'Notat', 'Bemerkung', 'Note', 'Firma', 'Azienda', 'Bedrift']), [
      { kind: 'phone', type: 'fax' },
      { kind: 'phone', type: 'fax' },
      { kind: 'phone', type: 'fax' },
      { kind: 'email' },
      { kind: 'notes' },
      { kind: 'notes' },
      { kind: 'notes' },
      { kind: 'company' },
      { kind: 'company' },
      { kind: 'company' },
    ]);
    assert.deepEqual(kinds(['First Name', 'Given Name', 'Fornavn', 'Last Name', 'Family Name', 'Etternavn', 'Cognome', 'Full Name', 'Navn']), [
      { kind: 'firstName' },
      { kind: 'firstName' },
      { kind: 'firstName' },
      { kind: 'lastName' },
      { kind: 'lastName' },
      { kind: 'lastName' },
      { kind: 'lastName' },
      { kind: 'fullName' },
      { kind: 'fullName' },
    ]);
  });

  test('Google slots: values typed by the label column of the same slot', () => {
    assert.deepEqual(kinds(['Phone 1 - Type', 'Phone 1 - Value', 'Phone 12 - Label', 'E-mail 2 - Value', 'Address 1 - Formatted', 'Address 1 - City', 'Organization 1 - Name']), [
      { kind: 'phoneLabel', slot: '1' },
      { kind: 'labelledPhone', slot: '1' },
      { kind: 'phoneLabel', slot: '12' },
      { kind: 'email' },
      { kind: 'address' },
      { kind: 'addressPart', group: 'slot 1', part: 'city' },
      { kind: 'company' },
    ]);
  });

  test('split address columns keep their group', () => {
    assert.deepEqual(kinds(['Business Street 2', 'Home City', 'Postleitzahl geschäftlich', 'Land/Region privat', 'Poststed']), [
      { kind: 'addressPart', group: 'work', part: 'street' },
      { kind: 'addressPart', group: 'home', part: 'city' },
      { kind: 'addressPart', group: 'work', part: 'postalCode' },
      { kind: 'addressPart', group: 'home', part: 'country' },
      { kind: 'addressPart', group: '', part: 'city' },
    ]);
  });

  test('"Vorname; Name" means the name column is the surname', () => {
    assert.deepEqual(kinds(['Vorname', 'Name']), [{ kind: 'firstName' }, { kind: 'lastName' }]);
    assert.deepEqual(kinds(['Name', 'Vorname', 'Nachname']), [{ kind: 'fullName' }, { kind: 'firstName' }, { kind: 'lastName' }]);
  });

  test('"Adresse" next to "Postnr; Poststed" is the street', () => {
    assert.deepEqual(kinds(['Adresse', 'Postnr', 'Poststed']), [
      { kind: 'addressPart', group: '', part: 'street' },
      { kind: 'addressPart', group: '', part: 'postalCode' },
      { kind: 'addressPart', group: '', part: 'city' },
    ]);
    assert.deepEqual(kinds(['Adresse', 'Telefon']), [{ kind: 'address' }, { kind: 'phone', type: 'work' }]);
  });

  test('lists unknown columns that look like phone numbers, not other unknown ones', () => {
    const plan = planColumns(['Name', 'Birthday', 'Telefon Lager', 'Phonetic First Name', 'Telex', 'Fax 3 intern']);
    assert.deepEqual(plan.unknownPhoneLike, ['Telefon Lager', 'Fax 3 intern']);
  });
});
