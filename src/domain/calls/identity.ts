/** Who is on the other end of a call, as a directory source answered. */
export interface Identity {
  name: string;
  company?: string | null;
  /**
   * Which directory answered: 'private' (the user's own contacts), 'central', 'public', 'users'
   * (a colleague's extension); later 'ldap', 'crm:<vendor>'.
   */
  source: string;
  /** The record in that source, e.g. "contact:42" or "user:7". */
  ref?: string | null;
  /** The kind of number that matched (work, mobile…), when the source knows it. */
  numberType?: string | null;
}

/** Identities from these sources are only for the user who owns them. */
export const isPrivateIdentity = (identity: Identity): boolean => identity.source === 'private';
