/**
 * TLS to a PBX whose certificate no public CA signed. Asterisk's manager TLS usually runs on a
 * self-signed certificate, often made for a name other than the one Switchboard connects to (an
 * IP address, "asterisk"). An admin pastes that certificate, or the CA that signed it, into the
 * source's settings:
 * - the very certificate the PBX presents is trusted whatever names it carries: a pinned
 *   certificate is a stronger check than a name;
 * - a certificate signed by the pasted CA must still be made for the host connected to, as with
 *   the system's CAs.
 * Without a pasted certificate the system's CAs and the usual name check apply.
 */

import { X509Certificate } from 'node:crypto';
import tls, { type ConnectionOptions, type PeerCertificate } from 'node:tls';

/** More than enough for a chain of a few certificates; the settings are stored as text. */
export const MAX_TRUSTED_PEM_CHARS = 64 * 1024;

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

export interface TrustedCertificate {
  subject: string;
  /** SHA-256 fingerprint, as `AA:BB:…`. */
  fingerprint256: string;
  validTo: string;
}

/**
 * The certificates in PEM text, checked one by one; throws with a message an admin can act on.
 * Text around the blocks (openssl's "subject=" lines) is ignored.
 */
export function parseTrustedPem(pem: string): TrustedCertificate[] {
  if (pem.length > MAX_TRUSTED_PEM_CHARS) throw new Error(`use at most ${MAX_TRUSTED_PEM_CHARS} characters`);
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new Error('paste the certificate in PEM form: -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----');
  return blocks.map((block, i) => {
    try {
      const cert = new X509Certificate(block);
      return { subject: cert.subject.replace(/\n/g, ', '), fingerprint256: cert.fingerprint256, validTo: cert.validTo };
    } catch {
      throw new Error(`certificate ${i + 1} of ${blocks.length} cannot be read: it is damaged or not a certificate`);
    }
  });
}

/** node:tls options for a connection that trusts `pem` (see above), or the system's CAs when there is none. */
export function tlsOptionsFor(pem: string | null): ConnectionOptions {
  if (pem === null) return {};
  const pinned = new Set(parseTrustedPem(pem).map((cert) => cert.fingerprint256));
  const ca = pem.match(PEM_BLOCK) ?? [];
  return {
    ca,
    checkServerIdentity: (host: string, cert: PeerCertificate) => (pinned.has(cert.fingerprint256) ? undefined : tls.checkServerIdentity(host, cert)),
  };
}
