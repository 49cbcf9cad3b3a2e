/**
 * Column headers the CSV importer understands, as they appear in exports (Outlook, Google
 * Contacts, other phonebooks, hand-made Excel sheets) in English, Norwegian, German and Italian.
 * Matching ignores case, accents, spaces and punctuation (see fold-text.ts), so each spelling is
 * listed once. Our own export's headers (name, company, work, mobile, home, fax, other, email,
 * address, notes, visibility) are among them.
 *
 * A bare "Phone"/"Telefon"/"Telefono" column counts as a work number: a company phonebook is
 * mostly business contacts, and sheets that also hold private numbers label them.
 * Italian "Nome" is the first name (Outlook pairs it with "Cognome"); alone it serves as the name.
 */

import type { NumberType } from '../../../domain/contacts/contact.js';

export const FULL_NAME_HEADERS = [
  'name', 'full name', 'display name', 'contact', 'contact name',
  'navn', 'fullt navn', 'kontakt', 'kontaktperson', 'kontaktnavn',
  'vollständiger name', 'anzeigename', 'kontaktname',
  'nome completo', 'nominativo', 'contatto',
];

export const FIRST_NAME_HEADERS = ['first name', 'given name', 'forename', 'vorname', 'fornavn', 'nome'];
export const MIDDLE_NAME_HEADERS = ['middle name', 'additional name', 'weitere vornamen', 'zweiter vorname', 'mellomnavn', 'secondo nome'];
export const LAST_NAME_HEADERS = ['last name', 'family name', 'surname', 'nachname', 'familienname', 'etternavn', 'cognome'];

export const COMPANY_HEADERS = [
  'company', 'company name', 'organization', 'organisation', 'organization name', 'organisation name',
  'firma', 'firmenname', 'unternehmen', 'bedrift', 'selskap', 'foretak', 'firmanavn',
  'azienda', 'società', 'ditta', 'organizzazione', 'ragione sociale',
];

export const EMAIL_HEADERS = [
  'email', 'e-mail', 'mail', 'email address', 'e-mail address', 'e-mail 2 address', 'e-mail 3 address',
  'e-mail 2', 'e-mail 3', 'e-mail-adresse', 'e-mail-adresse 2', 'e-mail-adresse 3',
  'e-post', 'e-postadresse', 'e-post 2',
  'posta elettronica', 'indirizzo email', 'indirizzo e-mail', 'indirizzo posta elettronica',
];

export const ADDRESS_HEADERS = [
  'address', 'full address', 'postal address', 'business address', 'home address',
  'adresse', 'postadresse', 'besøksadresse', 'anschrift', 'postanschrift', 'indirizzo', 'indirizzo completo',
];

export const NOTES_HEADERS = [
  'notes', 'note', 'comment', 'comments', 'remarks',
  'notizen', 'notiz', 'bemerkung', 'bemerkungen', 'anmerkung', 'anmerkungen', 'kommentar',
  'notat', 'notater', 'merknad', 'merknader', 'kommentarer',
  'commento', 'commenti', 'annotazioni',
];

export const VISIBILITY_HEADERS = ['visibility'];

export const PHONE_HEADERS: Record<NumberType, readonly string[]> = {
  work: [
    'work', 'phone', 'telephone', 'tel', 'phone number', 'telephone number', 'business phone', 'business phone 2',
    'work phone', 'office phone', 'company main phone', 'direct line',
    'telefon', 'telefonnummer', 'telefon geschäftlich', 'telefon geschäftlich 2', 'geschäftlich', 'telefon firma',
    'büro', 'telefon büro', 'durchwahl',
    'tlf', 'telefon arbeid', 'telefon jobb', 'jobbtelefon', 'arbeid', 'jobb', 'direktenummer', 'sentralbord',
    'telefono', 'numero di telefono', 'telefono ufficio', 'telefono lavoro', 'ufficio', 'lavoro', 'tel ufficio',
  ],
  mobile: [
    'mobile', 'mobile phone', 'mobile number', 'cell', 'cell phone', 'cellphone', 'cellular', 'car phone',
    'mobil', 'mobiltelefon', 'mobilnummer', 'mobilnr', 'telefon mobil', 'handy', 'handynummer', 'natel', 'autotelefon',
    'cellulare', 'telefono cellulare', 'numero di cellulare', 'tel cellulare',
  ],
  home: [
    'home', 'home phone', 'home phone 2', 'private phone',
    'telefon privat', 'telefon privat 2', 'privat', 'privattelefon',
    'hjemme', 'telefon hjemme', 'hjemmetelefon', 'telefon hjem',
    'telefono casa', 'telefono abitazione', 'casa', 'abitazione', 'tel casa',
  ],
  fax: [
    'fax', 'telefax', 'business fax', 'home fax', 'other fax', 'work fax', 'fax number',
    'fax geschäftlich', 'fax privat', 'weiteres fax', 'faks', 'telefaks', 'faksnummer',
    'numero di fax', 'fax ufficio', 'fax abitazione',
  ],
  other: [
    'other', 'other phone', 'primary phone', "assistant's phone", 'callback', 'isdn', 'pager', 'radio phone', 'tty/tdd phone',
    'weiteres telefon', 'haupttelefon', 'telefon assistent', 'rückmeldung', 'funkruf',
    'annet', 'annen telefon', 'telefon annet', 'personsøker',
    'altro', 'altro telefono', 'telefono altro', 'cercapersone',
  ],
};

/** Known columns that hold nothing for a phonebook, listed so they raise no "phone-like column" warning. */
export const IGNORED_HEADERS = [
  'telex', 'phonetic first name', 'phonetic middle name', 'phonetic last name', 'phonetic name',
  'e-mail type', 'e-mail 2 type', 'e-mail 3 type', 'e-mail display name', 'e-mail 2 display name', 'e-mail 3 display name',
];

export type AddressPart = 'street' | 'postalCode' | 'city' | 'region' | 'country';

/** Words naming one part of a split address; combined with the group words below. */
export const ADDRESS_PART_WORDS: Record<AddressPart, readonly string[]> = {
  street: ['street', 'street address', 'straße', 'gateadresse', 'gate', 'via'],
  postalCode: ['postal code', 'postcode', 'zip', 'zip code', 'plz', 'postleitzahl', 'postnummer', 'postnr', 'cap', 'codice postale'],
  city: ['city', 'town', 'ort', 'stadt', 'poststed', 'sted', 'by', 'città', 'località', 'comune'],
  region: ['state', 'region', 'province', 'county', 'bundesland', 'fylke', 'provincia', 'regione'],
  country: ['country', 'country/region', 'land', 'land/region', 'paese', 'nazione', 'stato'],
};

/**
 * Outlook splits each address into columns named by group and part ("Business Street",
 * "Straße geschäftlich", "Città (uff.)"). The group keeps a business street from being joined
 * with a home city.
 */
export const ADDRESS_GROUP_WORDS: Record<string, readonly string[]> = {
  '': [''],
  work: ['business', 'work', 'geschäftlich', 'arbeid', 'jobb', 'ufficio', 'uff', 'lavoro'],
  home: ['home', 'privat', 'hjem', 'hjemme', 'casa', 'abitazione', 'ab'],
  other: ['other', 'weitere', 'andere', 'annen', 'altro'],
};
