import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';

interface Contact {
  id: number;
  name: string;
  numbers: { type: string; raw: string; e164: string | null; kind: string; invalidReason: string | null }[];
}

interface InvalidNumber {
  contactId: number;
  contactName: string;
  field: string;
  raw: string;
  reason: string;
}

const NORWAY = { defaultRegion: 'NO', outsideLinePrefix: '', extensionPattern: '\\d{2,5}' };
const GERMANY = { defaultRegion: 'DE', outsideLinePrefix: '', extensionPattern: '\\d{2,5}' };

describe('numbering settings and the numbers check', () => {
  let server: TestServer;
  let admin: string;
  let user: { id: number; token: string };
  let berlin: Contact;
  let munich: Contact;
  let oslo: Contact;
  let national: Contact;
  let mixed: Contact;

  const create = async (body: unknown): Promise<Contact> => {
    const response = await server.api('POST', '/api/v1/contacts', { token: admin, body });
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.contact;
  };
  const contact = async (id: number): Promise<Contact> => (await server.api('GET', `/api/v1/contacts/${id}`, { token: user.token })).body.contact;
  const identify = async (number: string) =>
    (await server.api('GET', `/api/v1/identify?number=${encodeURIComponent(number)}`, { token: user.token })).body.identity as { name: string } | null;
  const settings = async () => (await server.api('GET', '/api/v1/settings/numbering', { token: user.token })).body.numbering;
  const put = (body: unknown, token = admin) => server.api('PUT', '/api/v1/settings/numbering', { token, body });
  const invalidOf = (report: { invalid: InvalidNumber[] }) =>
    report.invalid.map((i) => ({ contactId: i.contactId, contactName: i.contactName, field: i.field, raw: i.raw, reason: i.reason }));

  before(async () => {
    server = await startTestServer({}, { keepData: true });
    admin = await server.adminToken();
    user = await server.user('kari', ['201', '91234567']);
    berlin = await create({ name: 'Berliner Büro GmbH', numbers: [{ type: 'work', number: '030 1234567' }], visibility: 'central' });
    // A short German number: as written under NO its last eight digits include the trunk 0, so
    // the digits-suffix fallback cannot find it either; only re-normalization helps.
    munich = await create({ name: 'Münchner Filiale', numbers: [{ type: 'work', number: '089 12345' }], visibility: 'central' });
    oslo = await create({ name: 'Oslo Kontor', numbers: [{ type: 'work', number: '+47 22 33 44 55' }], visibility: 'central' });
    national = await create({ name: 'Lokalt Nummer', numbers: [{ type: 'work', number: '22 33 44 57' }], visibility: 'central' });
    mixed = await create({
      name: 'Blandet AS',
      numbers: [
        { type: 'work', number: '+47 22 33 44 56' },
        { type: 'mobile', number: 'ring sentralbordet' },
        { type: 'other', number: '2201' },
      ],
      visibility: 'public',
    });
  });
  after(async () => {
    await server.close();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  test('everyone can read the settings; they start from the configuration', async () => {
    assert.deepEqual(await settings(), NORWAY);
  });

  test('the check lists every number that could not be normalized: which contact, which field, why', async () => {
    const response = await server.api('POST', '/api/v1/numbers/check', { token: admin });
    assert.equal(response.status, 200);
    assert.equal(response.body.contactNumbersChanged, 0, 'nothing changes when the settings did not');
    assert.deepEqual(response.body.settings, NORWAY);
    assert.deepEqual(invalidOf(response.body), [
      { contactId: berlin.id, contactName: 'Berliner Büro GmbH', field: 'work', raw: '030 1234567', reason: 'too_long' },
      { contactId: munich.id, contactName: 'Münchner Filiale', field: 'work', raw: '089 12345', reason: 'invalid_for_region' },
      { contactId: mixed.id, contactName: 'Blandet AS', field: 'mobile', raw: 'ring sentralbordet', reason: 'not_a_number' },
    ]);
    // An extension is not an error, and neither are the valid numbers next to a bad one.
    assert.deepEqual(
      (await contact(mixed.id)).numbers.map((n) => [n.raw, n.kind]),
      [
        ['+47 22 33 44 56', 'external'],
        ['ring sentralbordet', 'invalid'],
        ['2201', 'internal'],
      ],
    );
    const byUser = await server.api('POST', '/api/v1/numbers/check', { token: user.token });
    assert.equal(byUser.status, 403);
  });

  test('someone\'s private contacts are counted in the check but neither named nor shown', async () => {
    const created = await server.api('POST', '/api/v1/contacts', {
      token: user.token,
      body: { name: 'Min tannlege', numbers: [{ type: 'work', number: 'ring tannlegen' }], visibility: 'private' },
    });
    assert.equal(created.status, 201);
    const byAdmin = await server.api('POST', '/api/v1/numbers/check', { token: admin });
    const entry = byAdmin.body.invalid.find((i: { contactId: number }) => i.contactId === created.body.contact.id);
    assert.ok(entry, 'the private contact\'s bad number is reported');
    assert.equal(entry.contactName, null);
    assert.equal(entry.raw, null);
    assert.equal(entry.field, 'work');
    assert.equal(JSON.stringify(byAdmin.body).includes('tannleg'), false);
    assert.equal((await server.api('DELETE', `/api/v1/contacts/${created.body.contact.id}`, { token: user.token })).status, 200);
  });

  test('invalid settings are 400 naming the key, and change nothing', async () => {
    const cases: [body: Record<string, unknown>, key: RegExp][] = [
      [{ ...GERMANY, defaultRegion: 'XX' }, /defaultRegion: "XX" is not a supported region/],
      [{ ...GERMANY, defaultRegion: 'DEU' }, /^defaultRegion: /],
      [{ ...GERMANY, defaultRegion: 49 }, /^defaultRegion: /],
      [{ ...GERMANY, outsideLinePrefix: '0a' }, /outsideLinePrefix: /],
      [{ ...GERMANY, outsideLinePrefix: '00000' }, /^outsideLinePrefix: /],
      [{ ...GERMANY, extensionPattern: '(\\d{3}' }, /extensionPattern: invalid regular expression/],
      [{ ...GERMANY, extensionPattern: '\\d{3' }, /extensionPattern: invalid regular expression/],
      [{ ...GERMANY, extensionPattern: '' }, /^extensionPattern: /],
      [{ defaultRegion: 'DE', outsideLinePrefix: '' }, /^extensionPattern: /],
      [{ ...GERMANY, region: 'DE' }, /^region: unknown field/],
    ];
    for (const [body, key] of cases) {
      const response = await put(body);
      assert.equal(response.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.error.code, 'invalid');
      assert.match(response.body.error.message, key, JSON.stringify(body));
    }
    assert.deepEqual(await settings(), NORWAY);
    assert.equal((await contact(berlin.id)).numbers[0]!.kind, 'invalid', 'no re-normalization happened');

    const byUser = await put(GERMANY, user.token);
    assert.equal(byUser.status, 403);
    assert.deepEqual(await settings(), NORWAY);
  });

  test('changing the region re-normalizes stored numbers, so identification works after the change', async () => {
    assert.equal(await identify('+49 89 12345'), null, 'not found while the number is stored as invalid');
    // The Berlin number is found by its last digits even now, but only by the suffix fallback.
    assert.equal((await identify('+49 30 1234567'))?.name, 'Berliner Büro GmbH');
    assert.equal((await identify('+47 22 33 44 57'))?.name, 'Lokalt Nummer');

    const response = await put({ ...GERMANY, defaultRegion: 'de' });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.settings, GERMANY, 'the region is stored upper-case');
    assert.deepEqual(await settings(), GERMANY);
    // Berlin and Munich became valid; the national Norwegian number is now read as German.
    assert.equal(response.body.contactNumbersChanged, 3);
    assert.deepEqual(invalidOf(response.body), [
      { contactId: mixed.id, contactName: 'Blandet AS', field: 'mobile', raw: 'ring sentralbordet', reason: 'not_a_number' },
    ]);

    const [berlinNumber] = (await contact(berlin.id)).numbers;
    assert.deepEqual({ raw: berlinNumber!.raw, e164: berlinNumber!.e164, kind: berlinNumber!.kind, invalidReason: berlinNumber!.invalidReason }, {
      raw: '030 1234567',
      e164: '+49301234567',
      kind: 'external',
      invalidReason: null,
    });
    for (const number of ['+49 30 1234567', '030 1234567', '0049301234567']) {
      assert.equal((await identify(number))?.name, 'Berliner Büro GmbH', number);
    }
    assert.equal((await contact(munich.id)).numbers[0]!.e164, '+498912345');
    assert.equal((await identify('+49 89 12345'))?.name, 'Münchner Filiale', 'the cached "nobody" was forgotten');
    const found = await server.api('GET', `/api/v1/contacts?q=${encodeURIComponent('030 1234567')}`, { token: user.token });
    assert.deepEqual(found.body.contacts.map((c: Contact) => c.name), ['Berliner Büro GmbH'], 'search reads the number the same way');

    // Numbers written with their country code do not depend on the region.
    assert.equal((await contact(oslo.id)).numbers[0]!.e164, '+4722334455');
    assert.equal((await identify('+47 22 33 44 55'))?.name, 'Oslo Kontor');
    // Numbers written without one now belong to the new region: that is what the check is for.
    assert.equal((await contact(national.id)).numbers[0]!.e164, '+4922334457');
    assert.equal(await identify('+47 22 33 44 57'), null);

    // Devices are re-read too: the mobile number on Kari's second device is now German.
    const kari = await server.api('GET', `/api/v1/users/${user.id}`, { token: user.token });
    assert.deepEqual(
      kari.body.user.devices.map((d: { extension: string; e164: string | null }) => [d.extension, d.e164]),
      [
        ['201', null],
        ['91234567', '+4991234567'],
      ],
    );
  });

  test('the settings outlive a restart, and the configuration does not override them', async () => {
    const dataDir = server.dataDir;
    await server.close();
    server = await startTestServer({ SWITCHBOARD_NUMBERING_DEFAULT_REGION: 'NO' }, { dataDir, keepData: true });
    admin = await server.adminToken();
    assert.deepEqual(await settings(), GERMANY);
    assert.equal((await identify('+49 89 12345'))?.name, 'Münchner Filiale');

    // And back: Berlin is invalid again and listed, the Norwegian number is found again.
    const back = await put(NORWAY);
    assert.equal(back.status, 200);
    assert.equal(back.body.contactNumbersChanged, 3);
    assert.deepEqual(
      invalidOf(back.body).map((i) => i.contactName),
      ['Berliner Büro GmbH', 'Münchner Filiale', 'Blandet AS'],
    );
    assert.equal(await identify('+49 89 12345'), null);
    assert.equal((await identify('+47 22 33 44 57'))?.name, 'Lokalt Nummer');
  });
});
