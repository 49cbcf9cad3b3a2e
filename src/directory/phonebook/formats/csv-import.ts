/**
 * CSV phonebook import. One bad row never stops the import: each is reported with its line and
 * the reason, and the rest goes on. Rows whose field count does not match the header are rejected
 * rather than guessed at, because a shifted row would put a number into the notes or a name into
 * the company.
 */

import { parse, type CsvError, type Info } from 'csv-parse/sync';
import type { AddressPart } from './csv-column-aliases.js';
import { type ColumnMeaning, type ColumnPlan, planColumns } from './csv-columns.js';
import { detectDelimiter } from './csv-delimiter.js';
import type { ImportResult } from './contact-file.js';
import { type ContactDraft, emptyDraft, finishDraft } from './contact-draft.js';
import { decodeText } from './decode-text.js';
import { unguardCell } from './formula-guard.js';
import { numberTypeFromLabels, readNumbers } from './number-values.js';
import { joinAddress } from './one-line-address.js';

export interface CsvImportOptions {
  /** Overrides detection (which looks at the header row and a "sep=" line). */
  delimiter?: ',' | ';' | '\t';
  /** Overrides detection (valid UTF-8 is read as UTF-8, anything else as Windows-1252). */
  encoding?: 'utf-8' | 'windows-1252';
}

interface ParsedRow {
  record: string[];
  info: Info;
  raw: string;
}

const MAX_RAW_LENGTH = 300;
const EMAIL_SEPARATORS = /\s*(?:[;,]|:::)\s*/;

export function parseContactsCsv(data: Buffer | string, options: CsvImportOptions = {}): ImportResult {
  const result: ImportResult = { contacts: [], rejected: [], warnings: [] };
  const notText = describeBinaryFile(data);
  if (notText !== undefined) {
    result.rejected.push({ line: 1, reason: notText });
    return result;
  }
  let text = decodeText(data, options.encoding).text.replace(/\r\n?/g, '\n');
  const detected = detectDelimiter(text);
  let skippedLines = 0;
  if (detected.separatorLine) {
    text = text.slice(text.indexOf('\n') + 1);
    skippedLines = 1;
  }

  const rows = parse(text, {
    delimiter: options.delimiter ?? detected.delimiter,
    bom: false,
    info: true,
    raw: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const endLine = typeof error?.['lines'] === 'number' ? error['lines'] : 1;
      result.rejected.push({ line: startLine(endLine, raw ?? '') + skippedLines, reason: describeCsvError(error), raw: shorten(raw ?? '') });
    },
  }) as unknown as ParsedRow[];

  const [headerRow, ...dataRows] = rows;
  if (headerRow === undefined) {
    if (result.rejected.length === 0) result.rejected.push({ line: 1, reason: 'the file is empty: a header row is required' });
    return result;
  }
  const headerLine = rowLine(headerRow) + skippedLines;
  const headers = headerRow.record.map((cell) => cell.trim());
  const plan = planColumns(headers);
  const headerProblem = checkHeader(headers, plan);
  if (headerProblem !== undefined) {
    result.rejected.push({ line: headerLine, reason: headerProblem, raw: shorten(headerRow.raw) });
    return sortByLine(result);
  }
  for (const header of plan.unknownPhoneLike) {
    result.warnings.push({ line: headerLine, message: `column "${header}" looks like phone numbers but is not a column we know; it was ignored` });
  }

  const headerWidth = lastNonBlankIndex(headers) + 1;
  for (const row of dataRows) {
    const line = rowLine(row) + skippedLines;
    const cells = row.record.map((cell) => unguardCell(cell.trim()));
    if (cells.every((cell) => cell === '')) continue;
    // Extra fields are harmless while empty (a trailing separator); missing ones are not.
    if (cells.length < headerWidth || lastNonBlankIndex(cells) >= headerWidth) {
      result.rejected.push({ line, reason: `has ${cells.length} fields but the header has ${headerWidth}`, raw: shorten(row.raw) });
      continue;
    }
    const outcome = finishDraft(draftFromRow(cells, plan));
    if (!outcome.ok) {
      result.rejected.push({ line, reason: outcome.reason, raw: shorten(row.raw) });
      continue;
    }
    result.contacts.push(outcome.visibility === undefined ? { line, contact: outcome.contact } : { line, contact: outcome.contact, visibility: outcome.visibility });
    for (const message of outcome.warnings) result.warnings.push({ line, message });
  }
  return sortByLine(result);
}

/** Spreadsheet workbooks are the usual wrong upload; say so instead of reporting a garbled header. */
function describeBinaryFile(data: Buffer | string): string | undefined {
  if (typeof data === 'string') return undefined;
  const startsWith = (...bytes: number[]) => bytes.every((byte, index) => data[index] === byte);
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) return 'this is a zip archive such as an Excel .xlsx or OpenDocument .ods workbook, not CSV: save it as CSV first';
  if (startsWith(0xd0, 0xcf, 0x11, 0xe0)) return 'this is an Excel .xls workbook, not CSV: save it as CSV first';
  const utf16 = startsWith(0xff, 0xfe) || startsWith(0xfe, 0xff);
  if (!utf16 && data.subarray(0, 4096).includes(0)) return 'this is a binary file, not CSV text';
  return undefined;
}

function checkHeader(headers: readonly string[], plan: ColumnPlan): string | undefined {
  const kinds = new Set(plan.columns.map((column) => column?.kind));
  const hasAny = (...wanted: ColumnMeaning['kind'][]) => wanted.some((kind) => kinds.has(kind));
  const found = headers.filter((header) => header !== '').slice(0, 12).map((header) => `"${header}"`).join(', ');
  if (![...kinds].some((kind) => kind !== undefined && kind !== 'ignored')) {
    return `header row not recognised (found ${found || 'nothing'}); expected columns such as name, company, phone, mobile, email`;
  }
  if (!hasAny('fullName', 'firstName', 'lastName', 'company')) {
    return `the header row has no name or company column (found ${found})`;
  }
  if (!hasAny('phone', 'labelledPhone', 'email')) {
    return `the header row has no phone number or e-mail column (found ${found})`;
  }
  return undefined;
}

function draftFromRow(cells: readonly string[], plan: ColumnPlan): ContactDraft {
  const draft = emptyDraft();
  const phoneLabels = new Map<string, string>();
  const addressGroups = new Map<string, Partial<Record<AddressPart, string[]>>>();
  plan.columns.forEach((column, index) => {
    if (column?.kind === 'phoneLabel') phoneLabels.set(column.slot, (cells[index] ?? '').replace(/^\*\s*/, ''));
  });

  plan.columns.forEach((column, index) => {
    const value = cells[index] ?? '';
    if (column === undefined || value === '') return;
    switch (column.kind) {
      case 'fullName':
      case 'firstName':
      case 'middleName':
      case 'lastName':
      case 'company':
      case 'visibility':
        draft[column.kind] ??= value;
        return;
      case 'email':
        draft.emails.push(...value.split(EMAIL_SEPARATORS));
        return;
      case 'address':
        draft.addresses.push(value);
        return;
      case 'notes':
        draft.notes.push(value);
        return;
      case 'phone':
      case 'labelledPhone': {
        const type = column.kind === 'phone' ? column.type : numberTypeFromLabels([phoneLabels.get(column.slot) ?? '']);
        const read = readNumbers(value, type);
        draft.numbers.push(...read.numbers);
        draft.numberProblems.push(...read.problems);
        return;
      }
      case 'addressPart': {
        const group = addressGroups.get(column.group) ?? {};
        (group[column.part] ??= []).push(value);
        addressGroups.set(column.group, group);
        return;
      }
      case 'phoneLabel':
      case 'ignored':
        return;
    }
  });

  // A full address column already holds what the split columns say (Google exports both).
  if (draft.addresses.length === 0) {
    for (const parts of addressGroups.values()) {
      const joined = joinAddress({
        street: parts.street?.join(', '),
        postalCode: parts.postalCode?.join(' '),
        city: parts.city?.join(' '),
        region: parts.region?.join(' '),
        country: parts.country?.join(' '),
      });
      if (joined !== '') draft.addresses.push(joined);
    }
  }
  return draft;
}

function rowLine(row: ParsedRow): number {
  return startLine(row.info.lines, row.raw);
}

/** csv-parse counts lines up to a record's end; the user looks for where it starts. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

function describeCsvError(error: CsvError | undefined): string {
  switch (error?.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value is never closed, so everything from here to the end of the file was skipped';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by text instead of a separator';
    default:
      return `unreadable CSV record (${error?.message ?? 'unknown error'})`;
  }
}

function lastNonBlankIndex(cells: readonly string[]): number {
  for (let index = cells.length - 1; index >= 0; index -= 1) if ((cells[index] ?? '').trim() !== '') return index;
  return -1;
}

function shorten(raw: string): string {
  const trimmed = raw.replace(/^\n+|\n+$/g, '');
  return trimmed.length > MAX_RAW_LENGTH ? `${trimmed.slice(0, MAX_RAW_LENGTH)}…` : trimmed;
}

function sortByLine(result: ImportResult): ImportResult {
  result.rejected.sort((a, b) => a.line - b.line);
  result.warnings.sort((a, b) => a.line - b.line);
  return result;
}
