/**
 * Case- and accent-insensitive form of a header or label, so "Telefon (geschäftlich)",
 * "TELEFON GESCHAFTLICH" and "telefon_geschäftlich" all compare equal. ø, æ and ß have no
 * Unicode decomposition, hence the explicit replacements.
 */
export function foldWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** The folded words run together: the key a header is looked up by. */
export function foldKey(text: string): string {
  return foldWords(text).join('');
}
