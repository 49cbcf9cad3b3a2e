import { isSupportedCountry, type CountryCode } from 'libphonenumber-js/max';
import type { NumberingSettings } from './numbering.js';

/** NumberingSettings after validation, with the extension pattern compiled and anchored. */
export interface CheckedNumbering {
  region: CountryCode;
  outsideLinePrefix: string;
  extension: RegExp;
}

/**
 * Validates settings that may come straight from a config file or an admin form, so types are
 * checked at run time too. Errors name the setting key first (`numbering.<key>: …`) so a
 * config loader or the admin UI can point at the field.
 */
export function checkNumbering(settings: NumberingSettings): CheckedNumbering {
  const { defaultRegion, outsideLinePrefix, extensionPattern } = settings as Partial<
    Record<keyof NumberingSettings, unknown>
  >;

  if (typeof defaultRegion !== 'string' || !isSupportedCountry(defaultRegion)) {
    throw new Error(
      `numbering.defaultRegion: ${show(defaultRegion)} is not a supported region; ` +
        'use an upper-case ISO 3166-1 alpha-2 code such as "NO", "DE", "IT" or "CH"',
    );
  }
  if (typeof outsideLinePrefix !== 'string' || !/^\d*$/.test(outsideLinePrefix)) {
    throw new Error(
      `numbering.outsideLinePrefix: ${show(outsideLinePrefix)} must be digits only (or empty)`,
    );
  }
  if (typeof extensionPattern !== 'string') {
    throw new Error(`numbering.extensionPattern: ${show(extensionPattern)} must be a string`);
  }

  return { region: defaultRegion, outsideLinePrefix, extension: anchored(extensionPattern) };
}

function anchored(pattern: string): RegExp {
  try {
    // Compiling the pattern on its own first rejects an unbalanced `)`, which could otherwise
    // close our group early and slip an unanchored alternative past the anchors ("1)|(.*").
    // The u flag makes typos errors instead of literals: without it "\d{3" matches "7{3".
    new RegExp(pattern, 'u');
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`numbering.extensionPattern: invalid regular expression ${show(pattern)}: ${detail}`);
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
