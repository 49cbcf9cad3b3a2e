import { LANGUAGE_NAMES, LANGUAGES } from '../../i18n/catalog';

/** The languages to choose from, each named in itself and marked so a screen reader says it right. */
export function LanguageOptions() {
  return LANGUAGES.map((l) => (
    <option key={l} value={l} lang={l}>
      {LANGUAGE_NAMES[l]}
    </option>
  ));
}
