import type { Identity } from '../../domain/calls/identity.js';
import type { NormalizedNumber } from '../../domain/phone/normalize.js';
import type { ContactsRepo } from '../../store/contacts.js';
import type { DirectorySource, LookupContext } from '../source.js';

/** Our own phonebook: the user's private contacts, then the central phonebook, then public ones. */
export class PhonebookSource implements DirectorySource {
  readonly name = 'phonebook';
  readonly external = false;
  readonly perUser = true;

  constructor(private readonly contacts: ContactsRepo) {}

  async lookup(number: NormalizedNumber, context: LookupContext): Promise<Identity | null> {
    if (number.kind === 'internal') return null;
    const match = await this.contacts.lookupByNumber(number, context.userId);
    if (!match) return null;
    const { contact } = match;
    const mine = contact.ownerId !== null && contact.ownerId === context.userId && (contact.visibility === 'private' || contact.visibility === 'speeddial');
    return {
      name: contact.name,
      company: contact.company,
      source: mine ? 'private' : contact.visibility === 'central' ? 'central' : 'public',
      ref: `contact:${contact.id}`,
      numberType: match.numberType,
    };
  }
}
