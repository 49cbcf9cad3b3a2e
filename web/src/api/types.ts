/**
 * The shapes the API sends, taken from the server's own code (type-only imports, erased at build)
 * so the browser and the server cannot drift apart.
 */
import type { CallView } from '../../../src/calls/call-view.js';
import type { logEntry } from '../../../src/calls/call-log-entry.js';
import type { PublicUser } from '../../../src/users/user-service.js';
import type { ContactView, ContactNumberView } from '../../../src/store/contacts.js';
import type { Identity } from '../../../src/domain/calls/identity.js';

export type { CallView, PublicUser, ContactView, ContactNumberView, Identity };
export type CallLogEntry = ReturnType<typeof logEntry>;
export type Language = 'en' | 'nb' | 'de' | 'it';
export type Presence = 'available' | 'away' | 'dnd';

/** GET/PUT /me/preferences. */
export interface Preferences {
  /** null: use the admin's default template. */
  urlTemplate: string | null;
  /** When the parameterized URL opens by itself: never (button only), on ring, on answer. */
  urlOpen: 'button' | 'ring' | 'answer';
  notifications: boolean;
  ringtone: boolean;
  /** Which of a contact's numbers opens the customer card. */
  cardNumberType: 'work' | 'mobile' | 'home' | 'other';
  /** How client-side dialing hands the number to the local softphone. */
  dialScheme: 'tel' | 'callto' | 'sip';
}

export interface PreferencesReply {
  preferences: Preferences;
  /** The admin's defaults, shown where the user has not chosen. */
  defaults: { urlTemplate: string | null; urlOpen: Preferences['urlOpen'] };
}

/** GET /capabilities: what the user's phone backend can do from the browser. */
export interface Capabilities {
  backend: string;
  /** 'client': dialing returns a URI for the local softphone; 'pbx': the PBX places the call. */
  dial: 'client' | 'pbx';
  actions: Record<'answer' | 'hangup' | 'transfer' | 'park' | 'record' | 'hold', { available: boolean; reason: string | null }>;
}

/** POST /dial. */
export interface DialReply {
  mode: 'client' | 'pbx';
  number: string;
  e164: string | null;
  /** For client-side dialing: the URI the browser opens (tel:, callto:, sip:). */
  uri: string | null;
  device: PublicUser['devices'][number] | null;
}

/** GET /card?number= */
export interface CustomerCard {
  number: { input: string; e164: string | null; display: string; valid: boolean };
  identity: Identity | null;
  contacts: ContactView[];
  calls: CallLogEntry[];
  notes: { callId: string; id: number; text: string; author: string | null; createdAt: number }[];
}

export interface Me extends PublicUser {
  presence: Presence;
}
