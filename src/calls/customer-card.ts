import type { Switchboard } from '../app/switchboard.js';
import type { Identity } from '../domain/calls/identity.js';
import { formatForDisplay, type NormalizedNumber } from '../domain/phone/normalize.js';
import type { ContactView, Viewer } from '../store/contacts.js';
import { logEntry } from './call-log-entry.js';

const CARD_CALLS = 50;

/** Everything about one number a user may know. */
export interface CustomerCard {
  number: { input: string; e164: string | null; display: string; valid: boolean };
  identity: Identity | null;
  contacts: ContactView[];
  calls: ReturnType<typeof logEntry>[];
  notes: { callId: string; id: number; text: string; author: string | null; createdAt: number }[];
}

/**
 * The customer card: who the number is (as the directory tells this user), the contacts they may
 * see that carry it, the last calls with it they may see (admins: everyone's) and the notes on
 * those calls. `number` must have digits (the route refuses anything else).
 */
export async function customerCard(
  sb: Pick<Switchboard, 'numbering' | 'directory' | 'repos'>,
  viewer: Viewer,
  input: string,
  number: NormalizedNumber,
): Promise<CustomerCard> {
  const region = sb.numbering.settings().defaultRegion;
  // Calls store the number as the PBX reported it: E.164 when valid, else its digits exactly.
  const match = number.e164 ? { e164: number.e164 } : { digits: number.digits };
  const [identified, contacts, rows] = await Promise.all([
    sb.directory.identify(number, viewer.userId),
    sb.repos.contacts.byNumber(number, viewer),
    sb.repos.calls.list({ userId: viewer.isAdmin ? undefined : viewer.userId, ...match, limit: CARD_CALLS }, viewer.userId),
  ]);
  const notes = await sb.repos.calls.notesFor(rows.map((row) => row.id));
  return {
    number: { input, e164: number.e164, display: formatForDisplay(number, region), valid: number.kind !== 'invalid' },
    identity: identified.identity,
    contacts,
    calls: rows.map(logEntry),
    notes: notes.map((note) => ({ callId: note.callId, id: note.id, text: note.text, author: note.author, createdAt: note.createdAt })),
  };
}
