/**
 * Folds text for case- and diacritics-insensitive search: "Ødegård" and "odegard" meet.
 * Letters that Unicode does not decompose (ø, æ, ß, ł, đ…) are mapped by hand so Nordic and
 * German names match what people type on a keyboard without those keys.
 */
const SPECIAL: Record<string, string> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ĸ: 'k',
};
const SPECIAL_RE = /[øæœßłđðþıĸ]/g;
const COMBINING_MARKS = /\p{M}+/gu;

export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(SPECIAL_RE, (ch) => SPECIAL[ch] ?? ch)
    .replace(/\s+/g, ' ')
    .trim();
}
