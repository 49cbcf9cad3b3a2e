/** Shapes shared by the phonebook file importers and exporters. */

import type { ContactInput, Visibility } from '../../../domain/contacts/contact.js';

export type ContactFileFormat = 'csv' | 'vcard';

export interface ImportedContact {
  /** 1-based line where the record starts (CSV row, or the BEGIN:VCARD line). */
  line: number;
  contact: ContactInput;
  /** Only set when the file says so (our own exports carry it); the importer decides the default. */
  visibility?: Visibility;
}

export interface RejectedRecord {
  line: number;
  reason: string;
  /** The record as it appears in the file, when that helps the user find and fix it. */
  raw?: string;
}

/** Something dropped or changed in a record that was still imported. */
export interface ImportWarning {
  line: number;
  message: string;
}

export interface ImportResult {
  contacts: ImportedContact[];
  rejected: RejectedRecord[];
  warnings: ImportWarning[];
}

export type ExportContact = ContactInput & { visibility?: Visibility };
