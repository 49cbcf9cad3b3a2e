import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The database as Kysely sees it: one definition that every query is typed against.
 * Times are epoch milliseconds (integers) so SQLite and PostgreSQL agree on them.
 */
export interface Database {
  users: UsersTable;
  devices: DevicesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sources: SourcesTable;
  contacts: ContactsTable;
  contact_numbers: ContactNumbersTable;
  calls: CallsTable;
  call_parties: CallPartiesTable;
  call_notes: CallNotesTable;
  settings: SettingsTable;
  user_preferences: UserPreferencesTable;
}

export type Role = 'admin' | 'user';
export type Presence = 'available' | 'away' | 'dnd';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  language: string;
  disabled: number;
  created_at: number;
  /** Set by the user; the database fills in 'available'. */
  presence: Generated<Presence>;
}

export type DeviceKind = 'desk' | 'softphone' | 'mobile' | 'other';

export interface DevicesTable {
  id: Generated<number>;
  user_id: number;
  kind: DeviceKind;
  /** As the phone system names it: an extension ("201") or a full number for a mobile. */
  extension: string;
  e164: string | null;
  label: string;
  is_default: number;
}

export interface SessionsTable {
  /** SHA-256 of the cookie value: a database leak does not hand out sessions. */
  id_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  /** The first characters of the token, to tell tokens apart in lists. */
  prefix: string;
  created_at: number;
  last_used_at: number | null;
}

export interface SourcesTable {
  id: Generated<number>;
  name: string;
  dialect: string;
  auth: string;
  secret: string;
  options: string;
  enabled: number;
  created_at: number;
}

export interface ContactsTable {
  id: Generated<number>;
  owner_id: number | null;
  visibility: string;
  name: string;
  company: string | null;
  email: string | null;
  address: string | null;
  notes: string | null;
  /** Folded name + company + email, what searches run against. */
  search_text: string;
  created_at: number;
  updated_at: number;
}

export interface ContactNumbersTable {
  id: Generated<number>;
  contact_id: number;
  type: string;
  raw: string;
  e164: string | null;
  digits: string;
  /** Last digits, the fallback match key for numbers that could not be normalized. */
  suffix: string;
  kind: string;
  invalid_reason: string | null;
  position: number;
}

export interface CallsTable {
  id: string;
  source: string;
  call_id: string;
  direction: string;
  phase: string;
  outcome: string | null;
  cause: string | null;
  cause_text: string | null;
  remote_raw: string | null;
  remote_e164: string | null;
  remote_digits: string | null;
  remote_name: string | null;
  local_number: string | null;
  queue: string | null;
  answered_by: string | null;
  answered_by_user_id: number | null;
  /** Identity visible to everyone who may see the call (never from a private contact). */
  identified_name: string | null;
  identified_company: string | null;
  identified_source: string | null;
  identified_ref: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  ring_ms: number | null;
  talk_ms: number | null;
  /** 'timeout' (tracker), 'cleanup' (daily job) or null when the call ended normally. */
  closed_by: string | null;
  /** The tracker's view of an open call, to resume after a restart. */
  state_json: string | null;
  updated_at: number;
}

export interface CallPartiesTable {
  call_id: string;
  extension: string;
  user_id: number;
  state: string;
  cause: string | null;
  answered: number;
  /** What this user was shown (may come from the user's private contacts). */
  identified_name: string | null;
  identified_company: string | null;
  identified_source: string | null;
  identified_ref: string | null;
  /** The call's start (copied from calls): a user's call log is paged by this column. */
  started_at: number;
}

export interface CallNotesTable {
  id: Generated<number>;
  call_id: string;
  user_id: number;
  text: string;
  created_at: number;
}

export interface UserPreferencesTable {
  user_id: number;
  /** Only what the user chose; defaults are filled in when read, so changing a default reaches everyone. */
  json: string;
  updated_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export type UserRow = Selectable<UsersTable>;
export type DeviceRow = Selectable<DevicesTable>;
export type SourceRow = Selectable<SourcesTable>;
export type ContactRow = Selectable<ContactsTable>;
export type ContactNumberRow = Selectable<ContactNumbersTable>;
export type CallRow = Selectable<CallsTable>;
export type NewCallRow = Insertable<CallsTable>;
export type CallRowUpdate = Updateable<CallsTable>;
export type CallPartyRow = Selectable<CallPartiesTable>;
export type CallNoteRow = Selectable<CallNotesTable>;
