import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../api/types';
import { isLanguage, LOCALES } from './catalog';
import { namespaces } from './messages';

type Namespaces = typeof namespaces;
/** "namespace.key" for every key English defines. */
export type MessageKey = { [N in keyof Namespaces]: `${N & string}.${keyof Namespaces[N]['en'] & string}` }[keyof Namespaces];
export type Params = Record<string, string | number>;

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const dot = key.indexOf('.');
  const ns = namespaces[key.slice(0, dot) as keyof Namespaces] as unknown as Record<Language, Record<string, string>>;
  const name = key.slice(dot + 1);
  const text = ns[language][name] ?? ns.en[name] ?? key;
  if (!params) return text;
  // Placeholders are filled with plain text; React escapes it when it is rendered.
  return text.replace(/\{(\w+)\}/g, (whole, param: string) => (param in params ? String(params[param]) : whole));
}

export interface I18n {
  language: Language;
  locale: string;
  setLanguage: (language: Language) => void;
  t: (key: MessageKey, params?: Params) => string;
  /** Date and time of day, in the user's locale. */
  dateTime: (ms: number) => string;
  date: (ms: number) => string;
  time: (ms: number) => string;
  /** A duration in seconds as m:ss or h:mm:ss. */
  duration: (ms: number | null | undefined) => string;
  number: (value: number) => string;
}

const STORAGE_KEY = 'switchboard.language';

/** The language before sign-in: the last one used here, else the browser's, else English. */
export function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'no' || base === 'nn') return 'nb';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function makeI18n(language: Language, setLanguage: (language: Language) => void): I18n {
  const locale = LOCALES[language];
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const timeFormat = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const numberFormat = new Intl.NumberFormat(locale);
  return {
    language,
    locale,
    setLanguage,
    t: (key, params) => translate(language, key, params),
    dateTime: (ms) => dateTimeFormat.format(ms),
    date: (ms) => dateFormat.format(ms),
    time: (ms) => timeFormat.format(ms),
    duration: (ms) => {
      if (ms === null || ms === undefined) return '–';
      const total = Math.round(ms / 1000);
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = String(total % 60).padStart(2, '0');
      return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
    },
    number: (value) => numberFormat.format(value),
  };
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    localStorage.setItem(STORAGE_KEY, language);
  }, [language]);
  const value = useMemo(() => makeI18n(language, setLanguageState), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
