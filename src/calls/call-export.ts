import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { CallFilter, CallLogEntry } from '../store/calls.js';
import { guardCell } from '../directory/phonebook/formats/formula-guard.js';
import { logEntry } from './call-log-entry.js';

/** More than a spreadsheet wants to open; a bigger report needs narrower filters. */
export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 500;

export const EXPORT_COLUMNS = [
  'started', 'direction', 'outcome', 'cause', 'number', 'e164', 'name', 'company', 'answered by', 'ring seconds', 'talk seconds', 'queue', 'source',
] as const;

const seconds = (ms: number | null): string => (ms === null ? '' : String(Math.round(ms / 1000)));

export function exportRow(row: CallLogEntry, userName: (userId: number) => string | undefined): string[] {
  const entry = logEntry(row);
  const answeredBy = entry.answeredByUserId !== null ? (userName(entry.answeredByUserId) ?? entry.answeredBy) : entry.answeredBy;
  return [
    new Date(entry.startedAt).toISOString(),
    entry.direction,
    entry.outcome ?? '',
    entry.cause ?? '',
    entry.remoteNumber ?? '',
    entry.remoteE164 ?? '',
    entry.identity?.name ?? entry.remoteName ?? '',
    entry.identity?.company ?? '',
    answeredBy ?? '',
    seconds(entry.ringMs),
    seconds(entry.talkMs),
    entry.queue ?? '',
    entry.source,
  ].map(guardCell);
}

/**
 * Every call matching `filter`, newest first, as CSV (UTF-8 with BOM so Excel reads it, CRLF),
 * read page by page while the response streams, so a long export holds one page in memory.
 * `onError` hears about a failure after the headers went out (the download is then cut short).
 */
export function exportCalls(
  list: (filter: CallFilter) => Promise<CallLogEntry[]>,
  filter: Omit<CallFilter, 'limit' | 'before'>,
  userName: (userId: number) => string | undefined,
  onError: (error: Error) => void,
): Readable {
  async function* rows(): AsyncGenerator<string[]> {
    let before: CallFilter['before'];
    let sent = 0;
    while (sent < EXPORT_MAX_ROWS) {
      const page = await list({ ...filter, limit: Math.min(PAGE, EXPORT_MAX_ROWS - sent), before });
      for (const row of page) yield exportRow(row, userName);
      sent += page.length;
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) return;
      before = { startedAt: last.started_at, id: last.id };
    }
  }
  const csv = stringify({ bom: true, header: true, columns: [...EXPORT_COLUMNS], record_delimiter: 'windows' });
  return pipeline(Readable.from(rows()), csv, (error) => {
    if (error) onError(error);
  });
}
