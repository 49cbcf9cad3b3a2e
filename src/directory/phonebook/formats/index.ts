/** Phonebook import and export as CSV and vCard. */

export type { ContactFileFormat, ExportContact, ImportedContact, ImportResult, ImportWarning, RejectedRecord } from './contact-file.js';
export { type CsvImportOptions, parseContactsCsv } from './csv-import.js';
export { serializeContactsCsv } from './csv-export.js';
export { parseContactsVcard } from './vcard-import.js';
export { serializeContactsVcard } from './vcard-export.js';
export { detectFormat } from './detect-format.js';
