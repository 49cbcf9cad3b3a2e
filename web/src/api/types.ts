/**
 * The shapes the API sends, taken from the server's own code (type-only imports, erased at build)
 * so the browser and the server cannot drift apart.
 */
import type { CallView } from '../../../src/calls/call-view.js';
import type { logEntry } from '../../../src/calls/call-log-entry.js';
import type { PublicUser } from '../../../src/users/user-service.js';
import type { ContactView, ContactNumberView } from '../../../src/store/contacts.js';
import type { Identity } from '../../../src/domain/calls/identity.js';
import type { Preferences, PreferencesReply } from '../../../src/users/preferences.js';
import type { Capabilities } from '../../../src/calls/capabilities.js';
import type { CustomerCard } from '../../../src/calls/customer-card.js';
import type { ExtensionPresence, ExtensionState, MemberStatus, ParkedCallState, PbxChange, PbxSnapshot, QueueCaller, QueueMember, QueueState, TrunkState } from '../../../src/telephony/ami/pbx-state.js';

export type { CallView, PublicUser, ContactView, ContactNumberView, Identity, Preferences, PreferencesReply, Capabilities, CustomerCard };
export type { ExtensionPresence, ExtensionState, MemberStatus, ParkedCallState, PbxChange, PbxSnapshot, QueueCaller, QueueMember, QueueState, TrunkState };
export type { CallFlags } from '../../../src/calls/call-view.js';
export type CallLogEntry = ReturnType<typeof logEntry>;
export type Language = 'en' | 'nb' | 'de' | 'it';
export type Presence = 'available' | 'away' | 'dnd';

/** POST /dial. */
export interface DialReply {
  mode: 'client' | 'pbx';
  number: string;
  e164: string | null;
  /** For client-side dialing: the URI the browser opens (tel:, callto:, sip:). */
  uri: string | null;
  device: PublicUser['devices'][number] | null;
  /** mode 'pbx': the PBX is ringing the user's phone, and dials the number once they answer. */
  originated?: boolean;
}

export interface Me extends PublicUser {
  presence: Presence;
}
