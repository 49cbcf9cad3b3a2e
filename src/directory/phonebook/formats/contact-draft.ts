/**
 * What an importer gathered from one record, and the rules that turn it into a contact or a
 * rejection. Both file formats share these rules so a CSV row and a vCard with the same content
 * give the same result:
 * - The name is the full name, else first/middle/last joined, else the company (a company-only
 *   row is a company entry; its company field is kept too, so searches by company still find it).
 *   Neither name nor company: rejected.
 * - A contact needs a phone number or an e-mail address; with neither it is rejected (a phonebook
 *   entry that can identify no caller and reach no one is noise). E-mail-only entries are kept.
 * - A contact holds one e-mail address and one address; extra ones are dropped with a warning.
 * - A visibility, when the file carries one, must be one we know; a typo must not make a private
 *   entry public, so the record is rejected.
 */

import type { ContactInput, ContactNumberInput, Visibility } from '../../../domain/contacts/contact.js';
import { VISIBILITIES } from '../../../domain/contacts/contact.js';
import { dedupeNumbers } from './number-values.js';
import { flattenAddress } from './one-line-address.js';

export interface ContactDraft {
  fullName?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  company?: string;
  numbers: ContactNumberInput[];
  /** Values that looked like numbers but were dropped, with the reason. */
  numberProblems: string[];
  emails: string[];
  addresses: string[];
  notes: string[];
  visibility?: string;
}

export function emptyDraft(): ContactDraft {
  return { numbers: [], numberProblems: [], emails: [], addresses: [], notes: [] };
}

export type DraftOutcome =
  | { ok: true; contact: ContactInput; visibility?: Visibility; warnings: string[] }
  | { ok: false; reason: string };

export function finishDraft(draft: ContactDraft): DraftOutcome {
  const reasons: string[] = [];
  const warnings: string[] = [];

  const company = oneLine(draft.company);
  const name = oneLine(draft.fullName) || oneLine([draft.firstName, draft.middleName, draft.lastName].join(' ')) || company;
  if (name === '') reasons.push('no name or company');

  const numbers = dedupeNumbers(draft.numbers);
  const emails = usableEmails(draft.emails);
  const [email, ...otherEmails] = emails.usable;
  const dropped = [...draft.numberProblems, ...emails.problems];
  if (numbers.length === 0 && email === undefined) {
    reasons.push(`no phone number or e-mail${dropped.length > 0 ? ` (${dropped.join('; ')})` : ''}`);
  } else {
    warnings.push(...dropped);
  }
  if (otherEmails.length > 0) warnings.push(`only one e-mail address is kept: "${email}"; dropped ${quoteList(otherEmails)}`);

  const addresses = draft.addresses.map(flattenAddress).filter((address) => address !== '');
  const [address, ...otherAddresses] = addresses;
  if (otherAddresses.length > 0) warnings.push(`only one address is kept: "${address}"; dropped ${quoteList(otherAddresses)}`);

  let visibility: Visibility | undefined;
  if (draft.visibility !== undefined && draft.visibility.trim() !== '') {
    visibility = readVisibility(draft.visibility);
    if (visibility === undefined) reasons.push(`unknown visibility "${draft.visibility.trim()}" (expected ${VISIBILITIES.join(', ')})`);
  }

  if (reasons.length > 0) return { ok: false, reason: reasons.join('; ') };

  const contact: ContactInput = { name, numbers };
  if (company !== '') contact.company = company;
  if (email !== undefined) contact.email = email;
  if (address !== undefined) contact.address = address;
  const notes = draft.notes.map((note) => note.replace(/\r\n?/g, '\n').trim()).filter((note) => note !== '').join('\n');
  if (notes !== '') contact.notes = notes;
  return visibility === undefined ? { ok: true, contact, warnings } : { ok: true, contact, visibility, warnings };
}

function oneLine(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function usableEmails(candidates: readonly string[]): { usable: string[]; problems: string[] } {
  const usable: string[] = [];
  const problems: string[] = [];
  for (const candidate of candidates.map((value) => value.trim()).filter((value) => value !== '')) {
    const address = candidate.replace(/^mailto:/i, '');
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) problems.push(`e-mail "${candidate}" is not an e-mail address; dropped`);
    else if (!usable.some((kept) => kept.toLowerCase() === address.toLowerCase())) usable.push(address);
  }
  return { usable, problems };
}

function readVisibility(value: string): Visibility | undefined {
  const wanted = value.trim().toLowerCase();
  return VISIBILITIES.find((visibility) => visibility === wanted);
}

function quoteList(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}
