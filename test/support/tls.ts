import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

/** A key and its certificate, PEM. */
export interface Credentials {
  key: string;
  cert: string;
}

type Cleanup = (() => Promise<void> | void)[];

function inTempDir<T>(cleanup: Cleanup, work: (dir: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), 'sb-tls-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return work(dir);
}

const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });

/** A self-signed certificate made for this run; `names` become its subjectAltName DNS entries (none: the CN alone). */
export function selfSigned(cleanup: Cleanup, commonName: string, names: string[] = []): Credentials {
  return inTempDir(cleanup, (dir) => {
    const san = names.length > 0 ? ['-addext', `subjectAltName=${names.map((n) => `DNS:${n}`).join(',')}`] : [];
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${commonName}`, ...san, '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`]);
    return { key: readFileSync(`${dir}/key.pem`, 'utf8'), cert: readFileSync(`${dir}/cert.pem`, 'utf8') };
  });
}

/** A CA, and a server certificate it signed for `name` (as CN and DNS name). */
export function caSigned(cleanup: Cleanup, name: string): { ca: string; server: Credentials } {
  return inTempDir(cleanup, (dir) => {
    openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=Test PBX CA', '-keyout', `${dir}/ca.key`, '-out', `${dir}/ca.pem`]);
    openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${dir}/key.pem`, '-out', `${dir}/req.csr`]);
    const ext = path.join(dir, 'ext.cnf');
    execFileSync('sh', ['-c', `printf 'subjectAltName=DNS:${name}\\n' > '${ext}'`]);
    openssl(['x509', '-req', '-in', `${dir}/req.csr`, '-CA', `${dir}/ca.pem`, '-CAkey', `${dir}/ca.key`, '-CAcreateserial', '-days', '1', '-extfile', ext, '-out', `${dir}/cert.pem`]);
    return { ca: readFileSync(`${dir}/ca.pem`, 'utf8'), server: { key: readFileSync(`${dir}/key.pem`, 'utf8'), cert: readFileSync(`${dir}/cert.pem`, 'utf8') } };
  });
}

/** TLS in front of a plain TCP server on loopback, as stunnel or Asterisk's tlsbindaddr would be; returns its port. */
export async function tlsFront(cleanup: Cleanup, plainPort: number, credentials: Credentials): Promise<number> {
  const front = tls.createServer(credentials, (secure) => {
    const plain = net.connect(plainPort, '127.0.0.1');
    secure.pipe(plain).pipe(secure);
    const end = () => (secure.destroy(), plain.destroy());
    secure.on('error', end).on('close', end);
    plain.on('error', end).on('close', end);
  });
  front.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => new Promise<void>((resolve) => front.close(() => resolve())));
  return (front.address() as net.AddressInfo).port;
}
