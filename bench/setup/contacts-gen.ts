import type { ContactInput, NumberType, Visibility } from '../../src/domain/contacts/contact.js';
import { GARBAGE_NUMBERS, NumberSource, PLANS, type Country, type NumberPlan } from './numbers-gen.js';
import { Random } from './random.js';

/** Names as they appear in Nordic, German and Italian phonebooks, diacritics included. */
const FIRST: Record<Country, readonly string[]> = {
  NO: ['Ola', 'Kari', 'Øyvind', 'Åse', 'Bjørn', 'Ingrid', 'Håkon', 'Sølvi', 'Jørgen', 'Ragnhild', 'Tormod', 'Siri', 'Eirik', 'Marte', 'Torbjørn', 'Liv', 'Åshild', 'Ståle', 'Gro', 'Lars Øystein', 'Anne-Mette', 'Frøydis'],
  DE: ['Jürgen', 'Günther', 'Jörg', 'Anna', 'Lukas', 'Sören', 'Bärbel', 'Maximilian', 'Käthe', 'Uwe', 'Hans-Peter', 'Lena', 'Björn', 'Dörte', 'Matthias', 'Sophie', 'Frank', 'Jürgen-Klaus', 'Gisela'],
  SE: ['Åsa', 'Göran', 'Björn', 'Märta', 'Lars', 'Sören', 'Åke', 'Ingrid', 'Kerstin', 'Örjan', 'Linnéa', 'Pär', 'Malin', 'Elin', 'Jöns', 'Anna-Karin'],
  IT: ['Niccolò', 'Luca', 'Giulia', 'Francesca', 'Mattia', 'Chiara', 'Giosuè', 'Andrea', 'Noè', 'Elisa', 'Salvatore', 'Federica', 'Beatrice', 'Pasquale', 'Lucrezia'],
};

const LAST: Record<Country, readonly string[]> = {
  NO: ['Hansen', 'Johansen', 'Ødegård', 'Bråten', 'Sæther', 'Løvås', 'Haugen', 'Strøm', 'Aasen', 'Bjørnstad', 'Kvåle', 'Dæhlie', 'Nilsen', 'Lie', 'Berg', 'Solberg', 'Fjørtoft', 'Håland', 'Økland', 'Tveitå', 'Grønvold', 'Mæland'],
  DE: ['Müller', 'Schäfer', 'Größmann', 'Weiß', 'Köhler', 'Schröder', 'Bäcker', 'Jäger', 'Krüger', 'Fuchs', 'Hoffmann', 'Kämmerer', 'Böhm', 'Löw', 'Schmitz', 'Wagner', 'Vogt', 'von der Höh'],
  SE: ['Söderström', 'Åberg', 'Öberg', 'Ekström', 'Lindqvist', 'Nyström', 'Sjöberg', 'Höglund', 'Bäckström', 'Wållberg', 'Karlsson', 'Andersson', 'Forsgren', 'Hällström'],
  IT: ['Rossi', 'Bianchi', 'Esposito', 'Ferrari', 'Colombo', 'Romano', "D'Angelo", 'Lo Russo', 'De Luca', 'Galli', 'Santoro', 'Marino', 'Conti', 'Mancini', 'Fabbri', 'Caruso', "D'Amico", 'Cantù'],
};

const TRADE: Record<Country, readonly string[]> = {
  NO: ['Rør', 'Bygg', 'Elektro', 'Havbruk', 'Regnskap', 'Transport', 'Maskin', 'Tannlege', 'Eiendom', 'Fisk', 'Snekkeri', 'Kjøl og Frys'],
  DE: ['Bau', 'Elektrotechnik', 'Logistik', 'Steuerberatung', 'Maschinenbau', 'Bäckerei', 'Sanitär', 'Immobilien', 'Gebäudetechnik'],
  SE: ['Bygg', 'Måleri', 'Åkeri', 'Redovisning', 'Fastigheter', 'Elinstallation', 'Städ', 'Verkstad'],
  IT: ['Costruzioni', 'Trasporti', 'Impianti Elettrici', 'Consulenza', 'Pasticceria', 'Ferramenta', 'Immobiliare', 'Studio Legale'],
};

const PLACE: Record<Country, readonly string[]> = {
  NO: ['Nordmann', 'Fjord', 'Nordlys', 'Østlandet', 'Vestland', 'Tromsø', 'Bodø', 'Ålesund', 'Lillehammer', 'Sørlandet'],
  DE: ['Rhein', 'Nord', 'Süd', 'München', 'Köln', 'Düsseldorf', 'Lübeck', 'Würzburg', 'Spree'],
  SE: ['Göta', 'Norrland', 'Malmö', 'Umeå', 'Västerås', 'Östgöta', 'Skåne'],
  IT: ['Adriatica', 'Lombarda', 'Forlì', 'Città', 'Tirrena', 'Sud', 'Brianza'],
};

const LEGAL: Record<Country, readonly string[]> = {
  NO: ['AS', 'AS', 'AS', 'ASA', 'ANS'],
  DE: ['GmbH', 'GmbH', 'GmbH & Co. KG', 'AG', 'e.K.'],
  SE: ['AB', 'AB', 'HB'],
  IT: ['S.r.l.', 'S.r.l.', 'S.p.A.', 's.n.c.'],
};

const STREET: Record<Country, string> = { NO: 'gata', DE: 'straße', SE: 'gatan', IT: 'Via' };
const TLD: Record<Country, string> = { NO: 'no', DE: 'de', SE: 'se', IT: 'it' };

const COUNTRIES: readonly (readonly [Country, number])[] = [['NO', 55], ['DE', 20], ['SE', 15], ['IT', 10]];
const VISIBILITY: readonly (readonly [Visibility, number])[] = [['central', 85], ['public', 5], ['private', 8], ['speeddial', 2]];
const NUMBER_COUNT: readonly (readonly [number, number])[] = [[1, 50], [2, 35], [3, 15]];

const plansOf = (country: Country) => PLANS.filter((p) => p.country === country);

/** "Bjørn Ødegård" → "bjorn.odegard": what e-mail addresses look like. */
function mailbox(text: string): string {
  return text
    .toLowerCase()
    .replace(/ø/g, 'o').replace(/æ/g, 'ae').replace(/å/g, 'a').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
}

export interface GeneratedContact {
  input: ContactInput;
  ownerId: number | null;
  visibility: Visibility;
}

/**
 * A deterministic stream of realistic contacts: mostly central, some private to users; names
 * with diacritics; half with a company; one to three numbers each, written in the many ways
 * people write them, a few of them unreadable.
 */
export class ContactGenerator {
  private readonly random: Random;
  private readonly numbers: NumberSource;

  constructor(
    seed: number,
    private readonly userIds: readonly number[],
  ) {
    this.random = new Random(seed);
    this.numbers = new NumberSource(new Random(seed ^ 0x5eed));
  }

  personName(country: Country = this.random.weighted(COUNTRIES)): { first: string; last: string } {
    return { first: this.random.pick(FIRST[country]), last: this.random.pick(LAST[country]) };
  }

  next(): GeneratedContact {
    const r = this.random;
    const country = r.weighted(COUNTRIES);
    const { first, last } = this.personName(country);
    const name = r.chance(0.06) ? `${last}, ${first}` : `${first} ${last}`;
    const hasCompany = r.chance(0.55);
    const company = hasCompany ? `${r.chance(0.5) ? last : r.pick(PLACE[country])} ${r.pick(TRADE[country])} ${r.pick(LEGAL[country])}` : undefined;
    const domain = company ? `${mailbox(company.split(' ').slice(0, 2).join(''))}.${TLD[country]}` : `mail.${TLD[country]}`;
    const input: ContactInput = { name, numbers: [] };
    if (company) input.company = company;
    if (r.chance(0.4)) input.email = `${mailbox(`${first} ${last}`)}@${domain.replace(/\.+/g, '.')}`;
    if (r.chance(0.3)) {
      const street = country === 'IT' ? `${STREET.IT} ${r.pick(LAST.IT)} ${r.int(1, 200)}` : `${r.pick(LAST[country])}${STREET[country]} ${r.int(1, 120)}`;
      input.address = `${street}, ${r.int(1000, 9999)} ${r.pick(PLACE[country])}`;
    }
    if (r.chance(0.05)) input.notes = r.pick(['Foretrekker e-post', 'Ruft meist vormittags an', 'Kund sedan 2015', 'Referente per ordini', 'VIP']);

    const count = r.weighted(NUMBER_COUNT);
    for (let i = 0; i < count; i++) {
      if (r.chance(0.01)) {
        input.numbers.push({ type: 'other', number: r.pick(GARBAGE_NUMBERS) });
        continue;
      }
      // Mostly numbers from the contact's own country; some have a number abroad.
      const plan: NumberPlan = r.pick(plansOf(r.chance(0.9) ? country : r.weighted(COUNTRIES)));
      const type: NumberType = plan.mobile ? 'mobile' : r.weighted([['work', 70], ['home', 20], ['fax', 10]] as const);
      input.numbers.push({ type, number: this.numbers.next(plan).raw });
    }

    const visibility = r.weighted(VISIBILITY);
    const ownerId = visibility === 'central' ? null : r.pick(this.userIds);
    return { input, ownerId, visibility };
  }
}
