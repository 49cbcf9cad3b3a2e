import type { ContactNumberView, ContactView, Preferences } from '../../api/types';
import type { Session } from '../../app/session';

export type Visibility = ContactView['visibility'];
export type NumberType = ContactNumberView['type'];

export const NUMBER_TYPES: readonly NumberType[] = ['work', 'mobile', 'home', 'fax', 'other'];
export const VISIBILITIES: readonly Visibility[] = ['private', 'public', 'speeddial', 'central'];

/** Digits, spaces and + - ( ) / . with at least one digit: what someone types to dial. */
export function looksLikeNumber(text: string): boolean {
  const trimmed = text.trim();
  return /^[+\d\s\-()/.]+$/.test(trimmed) && /\d/.test(trimmed);
}

/** What to dial or look up for a stored number: its E.164 form when it has one. */
export const dialable = (n: ContactNumberView): string => n.e164 ?? n.raw;

/** The number that opens the customer card: the preferred type, else the first one. */
export function cardNumber(contact: ContactView, preferred: Preferences['cardNumberType']): ContactNumberView | undefined {
  return contact.numbers.find((n) => n.type === preferred) ?? contact.numbers[0];
}

export const cardPath = (n: ContactNumberView): string => `/card?${new URLSearchParams({ number: dialable(n) }).toString()}`;

/** The server's rule (src/contacts/contact-service.ts): the creator, or an admin. */
export function canEdit(contact: ContactView, session: Pick<Session, 'user' | 'isAdmin'>): boolean {
  return contact.ownerId === session.user.id || session.isAdmin;
}

/**
 * The visibilities the server will accept for this contact: central only for admins, and an
 * admin editing someone else's contact may only keep it shared or make it central.
 */
export function visibilityChoices(contact: ContactView | null, session: Pick<Session, 'user' | 'isAdmin'>): Visibility[] {
  if (contact && contact.ownerId !== session.user.id) return session.isAdmin ? ['public', 'central'] : [];
  return session.isAdmin ? ['private', 'public', 'speeddial', 'central'] : ['private', 'public', 'speeddial'];
}
