import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../support/server.js';

/** POST /dial: what the browser hands to the softphone, in the form the user's dial scheme needs. */
describe('dialing', () => {
  let server: TestServer;
  let kari: { id: number; token: string };

  const dial = (token: string, number: unknown) => server.api('POST', '/api/v1/dial', { token, body: { number } });
  const scheme = async (dialScheme: string) => {
    const response = await server.api('PUT', '/api/v1/me/preferences', { token: kari.token, body: { dialScheme } });
    assert.equal(response.status, 200);
  };

  before(async () => {
    // Norway, and a PBX that wants 0 before every external number.
    server = await startTestServer({ SWITCHBOARD_NUMBERING_DEFAULT_REGION: 'NO', SWITCHBOARD_NUMBERING_OUTSIDE_LINE_PREFIX: '0' });
    kari = await server.user('kari', ['201', '+4791234567'], { displayName: 'Kari Hansen' });
  });
  after(() => server.close());

  const cases = [
    { what: 'a domestic number', input: '22 33 44 55', e164: '+4722334455', tel: 'tel:+4722334455', pbx: '022334455' },
    { what: 'a foreign number', input: '+49 30 1234567', e164: '+49301234567', tel: 'tel:+49301234567', pbx: '00049301234567' },
    { what: 'a foreign number typed with 00', input: '0049 30 1234567', e164: '+49301234567', tel: 'tel:+49301234567', pbx: '00049301234567' },
    { what: 'an extension', input: '201', e164: null, tel: 'tel:201', pbx: '201' },
  ];

  test('tel: gets the global RFC 3966 form; an extension as it is', async () => {
    await scheme('tel');
    for (const c of cases) {
      const response = await dial(kari.token, c.input);
      assert.equal(response.status, 200, `${c.what}: ${JSON.stringify(response.body)}`);
      assert.equal(response.body.uri, c.tel, c.what);
      assert.equal(response.body.e164, c.e164, c.what);
      assert.equal(response.body.mode, 'client');
    }
  });

  for (const dialScheme of ['callto', 'sip'] as const) {
    test(`${dialScheme}: the outside-line prefix, then the national or international dialing form`, async () => {
      await scheme(dialScheme);
      for (const c of cases) {
        const response = await dial(kari.token, c.input);
        assert.equal(response.status, 200, `${c.what}: ${JSON.stringify(response.body)}`);
        assert.equal(response.body.uri, `${dialScheme}:${c.pbx}`, c.what);
        assert.equal(response.body.number, c.pbx, `${c.what}: the digits the softphone dials`);
        assert.equal(response.body.e164, c.e164, c.what);
      }
    });
  }

  test('the reply names the default device', async () => {
    const response = await dial(kari.token, '22 33 44 55');
    assert.equal(response.body.device.extension, '201');
    assert.equal(response.body.device.isDefault, true);
    const nobody = await server.user('nodevice', []);
    const bare = await dial(nobody.token, '22 33 44 55');
    assert.equal(bare.status, 200);
    assert.equal(bare.body.device, null, 'a user without devices still gets the URI');
    assert.equal(bare.body.uri, 'tel:+4722334455');
  });

  test('numbers that cannot be dialed are refused, saying why', async () => {
    const refused: [string, RegExp][] = [
      ['+47 123', /too few digits/],
      ['22 33 44 55 66 77 88 99 00 11 22 33', /too many digits/],
      ['call me', /not a phone number/],
      ['+999 1234567', /unknown country code/],
    ];
    for (const [input, why] of refused) {
      const response = await dial(kari.token, input);
      assert.equal(response.status, 400, input);
      assert.equal(response.body.error.code, 'invalid_number', input);
      assert.match(response.body.error.message, why, input);
    }
    const empty = await dial(kari.token, '  ');
    assert.equal(empty.status, 400);
    assert.equal((await server.api('POST', '/api/v1/dial', { body: { number: '201' } })).status, 401);
  });
});
