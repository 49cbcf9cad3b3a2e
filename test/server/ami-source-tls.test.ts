import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { AmiTestServer, type AmiReplyFields } from '../support/ami-server.js';
import { startTestServer } from '../support/server.js';
import { selfSigned, tlsFront } from '../support/tls.js';

const cleanup: (() => Promise<void> | void)[] = [];
after(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

test('an AMI source over TLS to a PBX with a self-signed certificate: connected once the certificate is pasted, refused again without it', async () => {
  const pbx = await AmiTestServer.start();
  cleanup.push(() => pbx.close());
  pbx.handle('CoreShowChannels', (): AmiReplyFields[] => [
    { Response: 'Success', EventList: 'start', Message: 'Channels will follow' },
    { Event: 'CoreShowChannelsComplete', EventList: 'Complete', ListItems: 0 },
  ]);
  // Made for "asterisk", reached as 127.0.0.1: only a pinned certificate gets past the name.
  const credentials = selfSigned(cleanup, 'asterisk');
  const port = await tlsFront(cleanup, pbx.port, credentials);
  const server = await startTestServer();
  cleanup.push(() => server.close());
  const admin = await server.adminToken();
  const connection = async () => (await server.api('GET', '/api/v1/sources/pbx', { token: admin })).body.source?.connection;
  const until = async (what: string, check: (c: any) => boolean) => {
    const deadline = Date.now() + 8000;
    for (let c = await connection(); !check(c); c = await connection()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(c)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  const created = await server.api('POST', '/api/v1/sources', {
    token: admin,
    body: { name: 'pbx', dialect: 'ami', ami: { host: '127.0.0.1', port, username: 'cti', secret: 'ctisecret', auth: 'plain', tls: true, tlsCa: credentials.cert } },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await until('the TLS connection', (c) => c?.state === 'connected');
  assert.equal(pbx.actions('Login').length, 1);

  // Back to the system's CAs: the connection is made again with the new settings, and refused.
  const cleared = await server.api('PATCH', '/api/v1/sources/pbx', { token: admin, body: { ami: { tlsCa: null } } });
  assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
  await until('the refusal', (c) => c?.state === 'reconnecting' && /certificate/i.test(c.lastError ?? ''));
  assert.equal(pbx.actions('Login').length, 1, 'no login without a trusted certificate');
});
