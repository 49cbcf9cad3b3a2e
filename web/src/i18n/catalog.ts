import type { Language } from '../api/types';

/**
 * A namespace of messages: English defines the keys, and the type checker refuses a language that
 * misses one. Placeholders are written {name}.
 */
export type Messages<T extends Record<string, string>> = { en: T } & Record<Exclude<Language, 'en'>, Record<keyof T, string>>;

export const LANGUAGES: readonly Language[] = ['en', 'nb', 'de', 'it'];

/** Each language's name in itself, for the language picker. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', nb: 'Norsk bokmål', de: 'Deutsch', it: 'Italiano' };

/** The locale Intl formats with: Norwegian dates for nb, and so on. */
export const LOCALES: Record<Language, string> = { en: 'en-GB', nb: 'nb-NO', de: 'de-DE', it: 'it-IT' };

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
