/**
 * Finds the field separator of a CSV export. Excel writes ";" where the decimal separator is a
 * comma (DE, NO, IT …), "Unicode text" exports use tabs, and Excel honours (and sometimes writes)
 * a first line "sep=;" naming the separator.
 */

export type CsvDelimiter = ',' | ';' | '\t';

const CANDIDATES: readonly CsvDelimiter[] = [',', ';', '\t'];
const SEPARATOR_LINE = /^"?sep=(.)"?[,;\t]*$/i;

export interface DelimiterChoice {
  /** One of the candidates, or whatever single character a "sep=" line names. */
  delimiter: string;
  /** True when the text starts with a "sep=" line, which is not part of the data. */
  separatorLine: boolean;
}

/** `text` with line breaks already normalized to "\n". */
export function detectDelimiter(text: string): DelimiterChoice {
  const lines = text.split('\n');
  const declared = SEPARATOR_LINE.exec((lines[0] ?? '').trim())?.[1];
  if (declared !== undefined) return { delimiter: declared, separatorLine: true };
  // The header row decides: the candidate seen most often outside quotes; ties go to the comma.
  const firstLine = lines.find((line) => line.trim() !== '') ?? '';
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((candidate) => [candidate, 0]));
  let quoted = false;
  for (const char of firstLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char as CsvDelimiter)) counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ',';
  for (const candidate of CANDIDATES) if ((counts.get(candidate) ?? 0) > (counts.get(best) ?? 0)) best = candidate;
  return { delimiter: best, separatorLine: false };
}

