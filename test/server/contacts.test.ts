import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';
import type { ContactView } from '../../src/store/contacts.js';

interface ContactBody {
  name: string;
  company?: string;
  numbers?: { type: string; number: string }[];
  email?: string;
  address?: string;
  notes?: string;
  visibility?: string;
}

/** What the API returns for a contact. */
type Contact = ContactView;

/** What a person wrote into a contact, without ids, owners and derived fields. */
const content = (c: Contact) => ({
  name: c.name,
  company: c.company,
  email: c.email,
  address: c.address,
  notes: c.notes,
  numbers: c.numbers.map((n) => ({ type: n.type, raw: n.raw })),
});

describe('contacts over the API', () => {
  let server: TestServer;
  let admin: string;
  let anna: { id: number; token: string };
  let bjorn: { id: number; token: string };

  const create = async (token: string, body: ContactBody): Promise<Contact> => {
    const response = await server.api('POST', '/api/v1/contacts', { token, body });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.contact;
  };
  const search = async (token: string, q: string, extra = ''): Promise<string[]> => {
    const response = await server.api('GET', `/api/v1/contacts?q=${encodeURIComponent(q)}${extra}`, { token });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.contacts.map((c: Contact) => c.name);
  };
  const identify = async (token: string, number: string) => {
    const response = await server.api('GET', `/api/v1/identify?number=${encodeURIComponent(number)}`, { token });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as { number: { e164: string | null; kind: string }; identity: { name: string; source: string; ref: string } | null };
  };
  const exportText = async (token: string, query: string) => {
    const response = await server.api('GET', `/api/v1/contacts/export?${query}`, { token });
    assert.equal(response.status, 200);
    return { text: response.body as string, headers: response.headers };
  };
  const importFile = (token: string, data: string, contentType: string, query: string) =>
    server.api('POST', `/api/v1/contacts/import?${query}`, { token, raw: data, headers: { 'content-type': contentType } });
  /** Everything `token` sees with one visibility, by name. */
  const book = async (token: string, visibility: string): Promise<Contact[]> => {
    const response = await server.api('GET', `/api/v1/contacts?visibility=${visibility}&limit=200`, { token });
    assert.equal(response.status, 200);
    return (response.body.contacts as Contact[]).sort((a, b) => a.name.localeCompare(b.name));
  };

  before(async () => {
    server = await startTestServer();
    admin = await server.adminToken();
    anna = await server.user('anna', ['201']);
    bjorn = await server.user('bjorn', ['202']);
  });
  after(() => server.close());

  describe('create, read, update, delete', () => {
    test('a created contact comes back with its numbers normalized, and can be changed and deleted by its creator', async () => {
      const created = await create(anna.token, {
        name: '  Line Larsen ',
        company: 'Larsen Rør',
        numbers: [
          { type: 'work', number: '22 33 44 00' },
          { type: 'mobile', number: '+47 412 34 000' },
        ],
        email: 'line@larsen.no',
        notes: 'Prefers mornings',
      });
      assert.equal(created.name, 'Line Larsen');
      assert.equal(created.ownerId, anna.id);
      assert.equal(created.visibility, 'private', 'private unless said otherwise');
      assert.deepEqual(
        created.numbers.map((n) => [n.type, n.raw, n.e164, n.kind]),
        [
          ['work', '22 33 44 00', '+4722334400', 'external'],
          ['mobile', '+47 412 34 000', '+4741234000', 'external'],
        ],
      );

      const read = await server.api('GET', `/api/v1/contacts/${created.id}`, { token: anna.token });
      assert.equal(read.status, 200);
      assert.deepEqual(content(read.body.contact), content(created));

      const updated = await server.api('PUT', `/api/v1/contacts/${created.id}`, {
        token: anna.token,
        body: { name: 'Line Larsen', numbers: [{ type: 'home', number: '67 10 20 30' }], visibility: 'private' },
      });
      assert.equal(updated.status, 200);
      assert.equal(updated.body.contact.company, null, 'PUT replaces the whole contact');
      assert.equal(updated.body.contact.email, null);
      assert.deepEqual(updated.body.contact.numbers.map((n: Contact['numbers'][0]) => n.e164), ['+4767102030']);
      assert.deepEqual(await search(anna.token, '412 34 000'), [], 'the old number is no longer searchable');
      assert.deepEqual(await search(anna.token, '67102030'), ['Line Larsen']);
      assert.equal((await identify(anna.token, '+4722334400')).identity, null, 'nor identifies anyone');

      assert.equal((await server.api('DELETE', `/api/v1/contacts/${created.id}`, { token: anna.token })).status, 200);
      assert.equal((await server.api('GET', `/api/v1/contacts/${created.id}`, { token: anna.token })).status, 404);
      assert.deepEqual(await search(anna.token, 'Line'), []);
      assert.equal((await identify(anna.token, '67102030')).identity, null);
      assert.equal((await server.api('DELETE', `/api/v1/contacts/${created.id}`, { token: anna.token })).status, 404);
      assert.equal((await server.api('GET', '/api/v1/contacts/abc', { token: anna.token })).status, 400);
    });

    test('validation errors are 400 and name the field', async () => {
      const cases: [body: unknown, field: RegExp][] = [
        [{}, /^name: /],
        [{ name: '   ' }, /^name: /],
        [{ name: 'X', numbers: [{ type: 'pager', number: '22334455' }] }, /^numbers\.0\.type: /],
        [{ name: 'X', numbers: [{ type: 'work', number: '22334455' }, { type: 'work', number: ' ' }] }, /^numbers\.1\.number: /],
        [{ name: 'X', numbers: [{ type: 'work' }] }, /^numbers\.0\.number: /],
        [{ name: 'X', numbers: '22334455' }, /^numbers: /],
        [{ name: 'X', numbers: Array.from({ length: 21 }, (_, i) => ({ type: 'work', number: `2233${1000 + i}` })) }, /^numbers: /],
        [{ name: 'X', email: 'not an address' }, /^email: /],
        [{ name: 'X', visibility: 'secret' }, /^visibility: /],
        [{ name: 'X', phone: '22334455' }, /^phone: unknown field/],
        [{ name: 'X', numbers: [{ type: 'work', number: '1', extra: true }] }, /^numbers\.0\.extra: unknown field/],
        [{ name: 'x'.repeat(201) }, /^name: /],
      ];
      for (const [body, field] of cases) {
        const response = await server.api('POST', '/api/v1/contacts', { token: anna.token, body });
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.body.error.code, 'invalid');
        assert.match(response.body.error.message, field, JSON.stringify(body).slice(0, 200));
      }
      assert.deepEqual(await search(anna.token, 'X'), [], 'nothing was stored');
    });
  });

  describe('visibility', () => {
    let secret: Contact;
    let shared: Contact;
    let company: Contact;
    let quick: Contact;

    before(async () => {
      secret = await create(anna.token, { name: 'Karianne Hemmelig', numbers: [{ type: 'mobile', number: '+47 998 87 766' }], visibility: 'private' });
      shared = await create(anna.token, { name: 'Felles Leverandør', numbers: [{ type: 'work', number: '23 45 00 11' }], visibility: 'public' });
      company = await create(admin, { name: 'Sentral Rørlegger', numbers: [{ type: 'work', number: '23 45 00 22' }], visibility: 'central' });
      quick = await create(anna.token, { name: 'Mamma', numbers: [{ type: 'mobile', number: '+47 913 00 033' }], visibility: 'speeddial' });
    });

    test("one user's private contact is invisible to everyone else: search, GET, export, identification", async () => {
      assert.deepEqual(await search(anna.token, 'Karianne'), ['Karianne Hemmelig']);
      assert.equal((await identify(anna.token, '99887766')).identity?.name, 'Karianne Hemmelig');

      for (const token of [bjorn.token, admin]) {
        assert.deepEqual(await search(token, 'Karianne'), []);
        assert.deepEqual(await search(token, 'hemmel'), []);
        assert.deepEqual(await search(token, '99887766'), []);
        assert.ok(!(await search(token, '')).includes('Karianne Hemmelig'), 'not in the unfiltered list either');
        assert.deepEqual(await search(token, 'Karianne', '&visibility=private'), []);
        const get = await server.api('GET', `/api/v1/contacts/${secret.id}`, { token });
        assert.equal(get.status, 404, 'not 403: its existence is not revealed');
        for (const format of ['csv', 'vcard']) {
          const { text } = await exportText(token, `format=${format}`);
          assert.ok(!text.includes('Karianne') && !text.includes('998 87 766'), `${format} export`);
        }
        assert.equal((await identify(token, '+4799887766')).identity, null);
        // Nor can it be changed or deleted by guessing its id.
        const put = await server.api('PUT', `/api/v1/contacts/${secret.id}`, { token, body: { name: 'Taken over', visibility: 'public' } });
        assert.equal(put.status, 404);
        assert.equal((await server.api('DELETE', `/api/v1/contacts/${secret.id}`, { token })).status, 404);
      }
      assert.equal((await server.api('GET', `/api/v1/contacts/${secret.id}`, { token: anna.token })).body.contact.name, 'Karianne Hemmelig');
    });

    test('a public contact is seen by all but changed only by its creator or an admin', async () => {
      for (const token of [anna.token, bjorn.token, admin]) {
        assert.deepEqual(await search(token, 'Felles'), ['Felles Leverandør']);
        assert.equal((await server.api('GET', `/api/v1/contacts/${shared.id}`, { token })).status, 200);
      }
      const body = { name: 'Felles Leverandør AS', numbers: [{ type: 'work', number: '23 45 00 11' }], visibility: 'public' };
      const byOther = await server.api('PUT', `/api/v1/contacts/${shared.id}`, { token: bjorn.token, body });
      assert.equal(byOther.status, 403);
      assert.equal(byOther.body.error.code, 'forbidden');
      assert.equal((await server.api('DELETE', `/api/v1/contacts/${shared.id}`, { token: bjorn.token })).status, 403);
      assert.deepEqual(await search(bjorn.token, 'Felles'), ['Felles Leverandør'], 'unchanged');

      const byAdmin = await server.api('PUT', `/api/v1/contacts/${shared.id}`, { token: admin, body });
      assert.equal(byAdmin.status, 200);
      assert.equal(byAdmin.body.contact.ownerId, anna.id, 'an admin edit keeps the creator');
      // An admin cannot pull someone's public contact into a private book.
      const hide = await server.api('PUT', `/api/v1/contacts/${shared.id}`, { token: admin, body: { ...body, visibility: 'private' } });
      assert.equal(hide.status, 403);
      const byCreator = await server.api('PUT', `/api/v1/contacts/${shared.id}`, { token: anna.token, body: { ...body, name: 'Felles Leverandør ASA' } });
      assert.equal(byCreator.status, 200);
      assert.deepEqual(await search(bjorn.token, 'Felles'), ['Felles Leverandør ASA']);
    });

    test('the central phonebook is kept by admins only', async () => {
      assert.equal(company.ownerId, null);
      const byUser = await server.api('POST', '/api/v1/contacts', { token: bjorn.token, body: { name: 'Not Central', visibility: 'central' } });
      assert.equal(byUser.status, 403);
      assert.deepEqual(await search(admin, 'Not Central'), []);
      for (const token of [anna.token, bjorn.token]) {
        assert.deepEqual(await search(token, 'Sentral'), ['Sentral Rørlegger']);
        const put = await server.api('PUT', `/api/v1/contacts/${company.id}`, { token, body: { name: 'Renamed', visibility: 'central' } });
        assert.equal(put.status, 403);
        assert.equal((await server.api('DELETE', `/api/v1/contacts/${company.id}`, { token })).status, 403);
      }
      // Nor can a user move their own contact into it.
      const promote = await server.api('PUT', `/api/v1/contacts/${shared.id}`, { token: anna.token, body: { name: 'Felles Leverandør ASA', visibility: 'central' } });
      assert.equal(promote.status, 403);
      assert.deepEqual(await search(anna.token, 'Sentral', '&visibility=central'), ['Sentral Rørlegger']);
      assert.deepEqual(await search(anna.token, 'Felles', '&visibility=central'), []);
    });

    test('speed dial entries are listed for their owner only', async () => {
      const mine = await server.api('GET', '/api/v1/contacts/speeddial', { token: anna.token });
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.contacts.map((c: Contact) => c.name), ['Mamma']);
      assert.deepEqual(mine.body.contacts[0].numbers.map((n: Contact['numbers'][0]) => n.e164), ['+4791300033']);
      const theirs = await server.api('GET', '/api/v1/contacts/speeddial', { token: bjorn.token });
      assert.deepEqual(theirs.body.contacts, []);
      assert.deepEqual(await search(bjorn.token, 'Mamma'), [], 'speed dial entries are private');
      assert.equal((await server.api('GET', `/api/v1/contacts/${quick.id}`, { token: bjorn.token })).status, 404);
      assert.equal((await identify(anna.token, '91300033')).identity?.source, 'private');
      assert.equal((await identify(bjorn.token, '91300033')).identity, null);
    });

    test('a bad visibility filter is 400 naming it', async () => {
      const response = await server.api('GET', '/api/v1/contacts?visibility=central,secret', { token: anna.token });
      assert.equal(response.status, 400);
      assert.match(response.body.error.message, /^visibility: .*secret/);
    });
  });

  describe('search', () => {
    before(async () => {
      await create(admin, { name: 'Kari Ødegård', company: 'Ødegård Eiendom AS', numbers: [{ type: 'work', number: '+47 22 33 44 55' }], visibility: 'central' });
      await create(admin, { name: 'Hans Müller', company: 'Müller GmbH', numbers: [{ type: 'work', number: '+49 30 1234567' }], visibility: 'central' });
      await create(admin, { name: 'Jan Olsen', company: 'Fjord Consulting', numbers: [{ type: 'mobile', number: '412 34 567' }], email: 'jan@fjordconsult.no', visibility: 'central' });
    });

    const cases: [query: string, expected: string[]][] = [
      ['Kari', ['Kari Ødegård']],
      ['kar', ['Kari Ødegård']],
      ['lse', ['Jan Olsen']],
      ['olsen', ['Jan Olsen']],
      ['ol', ['Jan Olsen']],
      ['fjord', ['Jan Olsen']],
      ['consult', ['Jan Olsen']],
      ['eiendom', ['Kari Ødegård']],
      ['odegard', ['Kari Ødegård']],
      ['ØDEGÅRD', ['Kari Ødegård']],
      ['Odegård', ['Kari Ødegård']],
      ['MULLER', ['Hans Müller']],
      ['müller', ['Hans Müller']],
      ['muller gmbh', ['Hans Müller']],
      ['hans mül', ['Hans Müller']],
      ['+47 22 33 44 55', ['Kari Ødegård']],
      ['22334455', ['Kari Ødegård']],
      ['22 33 44 55', ['Kari Ødegård']],
      ['2233', ['Kari Ødegård']],
      ['0047 22334455', ['Kari Ødegård']],
      ['(0047) 22-33-44-55', ['Kari Ødegård']],
      ['41234567', ['Jan Olsen']],
      ['301234567', ['Hans Müller']],
      ['zzz', []],
      ['"Kari" OR *', []],
    ];
    for (const [query, expected] of cases) {
      test(`"${query}" finds ${expected.length ? expected.join(', ') : 'nothing'}`, async () => {
        assert.deepEqual(await search(bjorn.token, query, '&visibility=central'), expected);
      });
    }

    test('a name prefix comes before a match in the middle', async () => {
      await create(admin, { name: 'Per Karlsen', numbers: [{ type: 'work', number: '+47 23 00 00 01' }], visibility: 'central' });
      await create(admin, { name: 'Karl Berg', numbers: [{ type: 'work', number: '+47 23 00 00 02' }], visibility: 'central' });
      assert.deepEqual(await search(bjorn.token, 'karl', '&visibility=central'), ['Karl Berg', 'Per Karlsen']);
      const limited = await server.api('GET', '/api/v1/contacts?q=karl&limit=1', { token: bjorn.token });
      assert.deepEqual(limited.body.contacts.map((c: Contact) => c.name), ['Karl Berg']);
      const badLimit = await server.api('GET', '/api/v1/contacts?q=karl&limit=0', { token: bjorn.token });
      assert.equal(badLimit.status, 400);
      assert.match(badLimit.body.error.message, /^limit: /);
    });
  });

  describe('import and export', () => {
    test('a CSV import stores the good rows and reports each bad one with its line and reason', async () => {
      const csv = [
        'Name;Firma;Telefon;Mobil;E-post;Notater',
        'Ola Import;Import AS;23 45 67 89;;ola@import.no;',
        ';;22 22 22 22;;;',
        'Nummerløs;;;;;',
        'Too;Many;Fields;1;2;3;4',
        'Eva Import;;;913 45 678;;"two',
        'lines"',
        'Siste Rad;;;;siste@rad.no;',
      ].join('\r\n');
      const response = await importFile(bjorn.token, csv, 'text/csv', 'filename=kontakter.csv');
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.format, 'csv');
      assert.equal(response.body.imported, 3);
      assert.deepEqual(
        response.body.rejected.map((r: { line: number }) => r.line),
        [3, 4, 5],
      );
      const [noName, noNumber, fields] = response.body.rejected as { line: number; reason: string; raw?: string }[];
      assert.match(noName!.reason, /no name/);
      assert.match(noNumber!.reason, /no phone number or e-mail/);
      assert.match(fields!.reason, /7 fields .* 6/);
      assert.match(fields!.raw ?? '', /^Too;Many/);

      const imported = await book(bjorn.token, 'private');
      const eva = imported.find((c) => c.name === 'Eva Import');
      assert.ok(eva);
      assert.equal(eva.notes, 'two\nlines');
      assert.deepEqual(eva.numbers.map((n) => [n.type, n.e164]), [['mobile', '+4791345678']]);
      assert.equal(eva.ownerId, bjorn.id, 'a user imports into their own private book by default');
      assert.deepEqual(await search(anna.token, 'Eva Import'), [], 'which nobody else sees');
      assert.equal((await identify(bjorn.token, '+47 23 45 67 89')).identity?.name, 'Ola Import');
    });

    test('a vCard import does the same, with the line where the bad card starts', async () => {
      const vcf = [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'FN:Vera Vcard',
        'ORG:Vcard AS',
        'TEL;TYPE=CELL:+47 934 56 789',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:3.0',
        'NOTE:no name here',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:4.0',
        'N:Nilsen;Nils;;;',
        'EMAIL:nils@example.no',
        'END:VCARD',
        '',
      ].join('\r\n');
      const response = await importFile(anna.token, vcf, 'text/vcard', 'filename=people.vcf&visibility=public');
      assert.equal(response.status, 201, JSON.stringify(response.body));
      assert.equal(response.body.format, 'vcard');
      assert.equal(response.body.imported, 2);
      assert.equal(response.body.rejected.length, 1);
      assert.equal(response.body.rejected[0].line, 7);
      assert.match(response.body.rejected[0].reason, /no name or company/);
      assert.deepEqual(await search(bjorn.token, 'vcard'), ['Vera Vcard'], 'imported as public, as asked');
      assert.deepEqual(await search(bjorn.token, 'Nils Nilsen'), ['Nils Nilsen']);
    });

    test('who may import where: users not into the central book; admins import there by default', async () => {
      const csv = 'name,work\r\nSentral Import,23 99 00 01\r\n';
      const refused = await importFile(bjorn.token, csv, 'text/csv', 'visibility=central');
      assert.equal(refused.status, 403);
      assert.deepEqual(await search(admin, 'Sentral Import'), []);

      const byAdmin = await importFile(admin, csv, 'text/csv', '');
      assert.equal(byAdmin.status, 201);
      const [stored] = await book(anna.token, 'central').then((all) => all.filter((c) => c.name === 'Sentral Import'));
      assert.ok(stored);
      assert.equal(stored.ownerId, null);

      const empty = await importFile(bjorn.token, '', 'text/csv', '');
      assert.equal(empty.status, 400);
      const badVisibility = await importFile(bjorn.token, csv, 'text/csv', 'visibility=everyone');
      assert.equal(badVisibility.status, 400);
      assert.match(badVisibility.body.error.message, /^visibility: /);
      const nothingGood = await importFile(bjorn.token, 'name,work\r\n,\r\n', 'text/csv', '');
      assert.equal(nothingGood.status, 200, 'nothing imported is not "created"');
      assert.equal(nothingGood.body.imported, 0);
    });

    test('export and import round-trip, as CSV and as vCard, into another user\'s private book', async () => {
      const owner = await server.user('rita', ['203']);
      const tricky: ContactBody[] = [
        {
          name: 'O\'Brien, "Paddy"',
          company: 'Ærlig & Co; Søn',
          numbers: [
            { type: 'work', number: '+47 22 11 00 00' },
            { type: 'work', number: '22 11 00 01' },
            { type: 'mobile', number: '+47 415 55 555' },
            { type: 'fax', number: '22 11 00 09' },
            { type: 'other', number: '2201' },
          ],
          email: 'paddy@aerlig.no',
          address: 'Storgata 1, 0155 Oslo',
          notes: 'Line one\nLine two, with a comma; and "quotes"',
        },
        { name: 'Zoë Ünicode 日本', numbers: [{ type: 'home', number: '+49 30 1234568' }] },
        { name: '=HYPERLINK("http://evil")', company: '+cmd', numbers: [{ type: 'work', number: '+47 22 11 00 02' }], notes: '-2+3' },
        { name: 'Only Email', email: 'only@email.no' },
        { name: 'Tabbed', notes: 'a\tb', numbers: [{ type: 'work', number: '(0047) 22-11-00-03' }] },
        { name: 'Folded Line ' + 'x'.repeat(120), numbers: [{ type: 'home', number: '+47 22 11 00 04' }] },
      ];
      for (const body of tricky) await create(owner.token, { ...body, visibility: 'private' });
      await create(owner.token, { name: 'Public Not Exported', numbers: [{ type: 'work', number: '+47 22 11 00 05' }], visibility: 'public' });
      const original = await book(owner.token, 'private');
      assert.equal(original.length, tricky.length);

      for (const format of ['csv', 'vcard'] as const) {
        const exported = await exportText(owner.token, `format=${format}&visibility=private`);
        assert.match(exported.headers.get('content-type')!, format === 'csv' ? /^text\/csv; charset=utf-8/ : /^text\/vcard; charset=utf-8/);
        assert.match(exported.headers.get('content-disposition')!, format === 'csv' ? /attachment; filename="contacts\.csv"/ : /attachment; filename="contacts\.vcf"/);
        assert.ok(!exported.text.includes('Public Not Exported'), 'the visibility filter applies');

        const receiver = await server.user(`receiver-${format}`, []);
        const contentType = format === 'csv' ? 'text/csv' : 'text/vcard';
        const filename = format === 'csv' ? 'contacts.csv' : 'contacts.vcf';
        const imported = await importFile(receiver.token, exported.text, contentType, `filename=${filename}&visibility=private`);
        assert.equal(imported.status, 201, JSON.stringify(imported.body));
        assert.deepEqual(imported.body.rejected, [], format);
        assert.deepEqual(imported.body.warnings, [], format);
        assert.equal(imported.body.imported, tricky.length);

        const copy = await book(receiver.token, 'private');
        assert.deepEqual(copy.map(content), original.map(content), `${format} round trip`);
        assert.ok(copy.every((c) => c.ownerId === receiver.id && c.visibility === 'private'));
        assert.equal((await exportText(receiver.token, `format=${format}&visibility=private`)).text, exported.text, `${format}: exporting the copy gives the same file`);
      }
    });
  });

  describe('identification', () => {
    test('for the same number: my private contact, then the central book, then public contacts', async () => {
      const carl = await server.user('carl', ['204']);
      const mine = await create(anna.token, { name: 'Annas Kontakt', numbers: [{ type: 'mobile', number: '22 99 88 77' }], visibility: 'private' });
      await create(bjorn.token, { name: 'Bjørns Offentlige', numbers: [{ type: 'work', number: '+4722998877' }], visibility: 'public' });
      const central = await create(admin, { name: 'Sentralbordet AS', company: 'Sentralbordet', numbers: [{ type: 'work', number: '0047 22 99 88 77' }], visibility: 'central' });

      for (const number of ['+47 22 99 88 77', '22998877', '004722998877', 'tel:+4722998877']) {
        const result = await identify(anna.token, number);
        assert.equal(result.number.e164, '+4722998877', number);
        assert.deepEqual({ name: result.identity?.name, source: result.identity?.source, ref: result.identity?.ref }, {
          name: 'Annas Kontakt',
          source: 'private',
          ref: `contact:${mine.id}`,
        });
      }
      // Even the public contact's creator gets the central entry first.
      for (const token of [bjorn.token, carl.token, admin]) {
        const result = await identify(token, '22998877');
        assert.equal(result.identity?.name, 'Sentralbordet AS');
        assert.equal(result.identity?.source, 'central');
      }
      assert.equal((await server.api('DELETE', `/api/v1/contacts/${central.id}`, { token: admin })).status, 200);
      for (const token of [bjorn.token, carl.token]) {
        const result = await identify(token, '22998877');
        assert.equal(result.identity?.name, 'Bjørns Offentlige', 'the answer is not stuck in a cache');
        assert.equal(result.identity?.source, 'public');
      }
      assert.equal((await identify(anna.token, '22998877')).identity?.name, 'Annas Kontakt');
    });

    test('a number stored in a form that cannot be normalized is still found by its last digits', async () => {
      const stored = await create(admin, { name: 'Gammel Oppføring', numbers: [{ type: 'work', number: '+47 (0) 022 33 11 00' }], visibility: 'central' });
      const [number] = stored.numbers;
      assert.equal(number!.kind, 'invalid', 'the test needs a number that does not normalize');
      assert.equal(number!.e164, null);
      assert.ok(number!.invalidReason);
      for (const incoming of ['+47 22 33 11 00', '22331100']) {
        const result = await identify(bjorn.token, incoming);
        assert.equal(result.identity?.name, 'Gammel Oppføring', incoming);
        assert.equal(result.identity?.source, 'central');
      }
      assert.equal((await identify(bjorn.token, '+47 22 33 11 01')).identity, null, 'the last digits must all match');
      assert.deepEqual(await search(bjorn.token, '02233110'), ['Gammel Oppføring'], 'search finds it by its digits as written');
    });

    test('identify checks its input', async () => {
      const missing = await server.api('GET', '/api/v1/identify', { token: anna.token });
      assert.equal(missing.status, 400);
      assert.match(missing.body.error.message, /^number: /);
      const withheld = await identify(anna.token, 'anonymous');
      assert.equal(withheld.identity, null);
    });
  });
});
