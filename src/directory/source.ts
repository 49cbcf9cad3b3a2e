import type { Identity } from '../domain/calls/identity.js';
import type { NormalizedNumber } from '../domain/phone/normalize.js';

export interface LookupContext {
  /** The user the call is for: private contacts are theirs. Null for a company-wide lookup. */
  userId: number | null;
  signal: AbortSignal;
}

/**
 * One place a caller can be found (phonebook, colleagues, LDAP, a CRM). The chain asks sources in
 * order and takes the first answer; each source gets the chain's timeout through `signal`.
 */
export interface DirectorySource {
  readonly name: string;
  /** External sources (LDAP, CRMs) are never asked about internal extensions. */
  readonly external: boolean;
  /** Whether the answer depends on who asks (private contacts): the cache keys on the user. */
  readonly perUser: boolean;
  lookup(number: NormalizedNumber, context: LookupContext): Promise<Identity | null>;
}
