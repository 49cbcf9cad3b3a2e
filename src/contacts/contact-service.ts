import type { Bus } from '../bus/bus.js';
import type { ContactInput, Visibility } from '../domain/contacts/contact.js';
import {
  detectFormat,
  parseContactsCsv,
  parseContactsVcard,
  serializeContactsCsv,
  serializeContactsVcard,
} from '../directory/phonebook/formats/index.js';
import type { ImportResult } from '../directory/phonebook/formats/contact-file.js';
import type { NumberingService } from '../numbers/numbering-service.js';
import type { ContactsRepo, ContactView, Viewer } from '../store/contacts.js';

export class ContactAccessError extends Error {
  constructor(
    message: string,
    readonly status: 403 | 404,
  ) {
    super(message);
  }
}

export interface ImportReport {
  format: 'csv' | 'vcard';
  imported: number;
  rejected: ImportResult['rejected'];
  warnings: ImportResult['warnings'];
}

const OWNED: readonly Visibility[] = ['private', 'speeddial', 'public'];

/** The phonebook's rules: who may see, create, change and delete what. */
export class ContactService {
  constructor(
    private readonly repo: ContactsRepo,
    private readonly numbering: NumberingService,
    private readonly bus: Bus,
  ) {}

  /** Only admins keep the central phonebook. */
  private checkVisibility(viewer: Viewer, visibility: Visibility): void {
    if (visibility === 'central' && !viewer.isAdmin) throw new ContactAccessError('only admins can add to or edit the central phonebook', 403);
  }

  async create(viewer: Viewer, input: ContactInput, visibility: Visibility): Promise<ContactView> {
    this.checkVisibility(viewer, visibility);
    const owner = OWNED.includes(visibility) ? viewer.userId : null;
    const id = this.repo.create(input, owner, visibility, this.numbering.normalizer());
    this.bus.publish('contacts.changed', { count: 1 });
    return (await this.repo.get(id, viewer))!;
  }

  /** The creator edits their contacts; admins also edit public and central ones, never private ones. */
  private async editable(viewer: Viewer, id: number) {
    const row = await this.repo.rawById(id);
    const visible = row && (row.owner_id === viewer.userId || row.visibility === 'public' || row.visibility === 'central');
    if (!row || !visible) throw new ContactAccessError(`contact ${id} does not exist`, 404);
    const mine = row.owner_id === viewer.userId;
    if (!mine && !viewer.isAdmin) throw new ContactAccessError('only the contact\'s creator or an admin can change it', 403);
    return row;
  }

  async update(viewer: Viewer, id: number, input: ContactInput, visibility: Visibility): Promise<ContactView> {
    const row = await this.editable(viewer, id);
    this.checkVisibility(viewer, visibility);
    if (row.owner_id !== viewer.userId && visibility !== 'central' && visibility !== 'public') {
      throw new ContactAccessError('an admin cannot make someone else\'s contact private', 403);
    }
    this.repo.update(id, input, visibility, this.numbering.normalizer());
    this.bus.publish('contacts.changed', { count: 1 });
    return (await this.repo.get(id, viewer))!;
  }

  async remove(viewer: Viewer, id: number): Promise<void> {
    await this.editable(viewer, id);
    this.repo.remove(id);
    this.bus.publish('contacts.changed', { count: 1 });
  }

  /**
   * Reads a CSV or vCard file and stores every good record; bad ones are reported with their
   * line and reason and never stop the rest.
   */
  async import(viewer: Viewer, filename: string, data: Buffer, visibility: Visibility): Promise<ImportReport> {
    this.checkVisibility(viewer, visibility);
    const format = detectFormat(filename, data);
    const parsed = format === 'vcard' ? parseContactsVcard(data) : parseContactsCsv(data);
    const owner = OWNED.includes(visibility) ? viewer.userId : null;
    const BATCH = 5000;
    for (let i = 0; i < parsed.contacts.length; i += BATCH) {
      const batch = parsed.contacts.slice(i, i + BATCH).map((c) => ({ input: c.contact, ownerId: owner, visibility }));
      this.repo.insertMany(batch, this.numbering.normalizer());
      // Let other work (call events) in between batches of a large import.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.bus.publish('contacts.changed', { count: parsed.contacts.length });
    return { format, imported: parsed.contacts.length, rejected: parsed.rejected, warnings: parsed.warnings };
  }

  async export(viewer: Viewer, format: 'csv' | 'vcard', visibility?: Visibility[]): Promise<string> {
    const contacts = await this.repo.exportAll(viewer, visibility);
    const rows = contacts.map((c) => ({
      name: c.name,
      company: c.company ?? undefined,
      email: c.email ?? undefined,
      address: c.address ?? undefined,
      notes: c.notes ?? undefined,
      numbers: c.numbers.map((n) => ({ type: n.type, number: n.raw })),
      visibility: c.visibility,
    }));
    return format === 'vcard' ? serializeContactsVcard(rows) : serializeContactsCsv(rows);
  }
}
