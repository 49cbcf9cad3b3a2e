import { foldText } from '../../../domain/text/fold.js';

/**
 * Case- and accent-insensitive words of a header or label, so "Telefon (geschäftlich)",
 * "TELEFON GESCHAFTLICH" and "telefon_geschäftlich" all compare equal. The folding is the one
 * contact search uses.
 */
export function foldWords(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** The folded words run together: the key a header is looked up by. */
export function foldKey(text: string): string {
  return foldWords(text).join('');
}
