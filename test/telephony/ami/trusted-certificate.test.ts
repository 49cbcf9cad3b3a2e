import { afterEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { AmiClient } from '../../../src/telephony/ami/client.js';
import { parseTrustedPem, tlsOptionsFor } from '../../../src/telephony/ami/trusted-certificate.js';
import { AmiTestServer } from '../../support/ami-server.js';
import { caSigned, selfSigned, tlsFront, type Credentials } from '../../support/tls.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A TLS AMI server with these credentials; the client connects to `host` (127.0.0.1 unless given) trusting `pem`. */
async function connectTrusting(credentials: Credentials, pem: string | null, host = '127.0.0.1'): Promise<{ server: AmiTestServer; connected: Promise<void> }> {
  const server = await AmiTestServer.start();
  cleanup.push(() => server.close());
  const port = await tlsFront(cleanup, server.port, credentials);
  const client = new AmiClient({ host, port, tls: tlsOptionsFor(pem), username: 'cti', secret: 'ctisecret', keepaliveIntervalMs: 0, reconnect: false, connectTimeoutMs: 3000 });
  cleanup.push(() => client.close());
  return { server, connected: client.connect() };
}

describe('a PBX certificate pasted by the admin', () => {
  test('the PBX\'s own self-signed certificate is trusted, whatever name it was made for', async () => {
    const pbx = selfSigned(cleanup, 'asterisk');
    const { server, connected } = await connectTrusting(pbx, pbx.cert);
    await connected;
    assert.equal(server.actions('Login').length, 1);
  });

  test('without it, the same PBX is refused before the secret leaves', async () => {
    const pbx = selfSigned(cleanup, 'asterisk');
    const { server, connected } = await connectTrusting(pbx, null);
    await assert.rejects(connected, /self[- ]signed|certificate/i);
    assert.equal(server.actions('Login').length, 0);
  });

  test('another certificate than the one pasted is refused', async () => {
    const pbx = selfSigned(cleanup, 'asterisk');
    const other = selfSigned(cleanup, 'asterisk');
    const { server, connected } = await connectTrusting(pbx, other.cert);
    await assert.rejects(connected, /certificate/i);
    assert.equal(server.actions('Login').length, 0);
  });

  test('a pasted CA: what it signed is trusted for the name it was signed for, and only for that', async () => {
    const { ca, server: pbx } = caSigned(cleanup, 'localhost');
    await (await connectTrusting(pbx, ca, 'localhost')).connected;
    const wrongName = await connectTrusting(pbx, ca, '127.0.0.1');
    await assert.rejects(wrongName.connected, /IP: 127\.0\.0\.1 is not in the cert's list|altnames|does not match/i);
    assert.equal(wrongName.server.actions('Login').length, 0);
  });

  test('the pasted text: certificates are read with what openssl prints around them; anything else is refused with a reason', () => {
    const pbx = selfSigned(cleanup, 'asterisk');
    const { ca } = caSigned(cleanup, 'localhost');
    const read = parseTrustedPem(`subject=CN = asterisk\n${pbx.cert}\nsome words\n${ca}`);
    assert.equal(read.length, 2);
    assert.equal(read[0]!.subject, 'CN=asterisk');
    assert.equal(read[0]!.fingerprint256, new X509Certificate(pbx.cert).fingerprint256);
    assert.equal(read[1]!.subject, 'CN=Test PBX CA');

    assert.throws(() => parseTrustedPem('not a certificate'), /PEM/);
    assert.throws(() => parseTrustedPem(pbx.key), /PEM/, 'a private key is not a certificate');
    const damaged = pbx.cert.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    assert.throws(() => parseTrustedPem(damaged), /certificate 1 of 1 cannot be read/);
    assert.throws(() => parseTrustedPem(`${pbx.cert}\n${'x'.repeat(70_000)}`), /at most/);
    assert.throws(() => tlsOptionsFor('nothing'), /PEM/);
    assert.deepEqual(tlsOptionsFor(null), {}, 'the system\'s CAs');
  });
});
