import type { CountryCode } from 'libphonenumber-js';

/** How this installation's phone numbers look. Admin-configurable; changing it re-normalizes. */
export interface NumberingSettings {
  /** ISO 3166 region used for numbers written without a country code (NO, DE, IT, CH…). */
  defaultRegion: CountryCode;
  /** Digits the PBX puts in front of external numbers ("0" in many German PBXs), stripped first. */
  outsideLinePrefix: string;
  /** Regular expression (source text, anchored by the code) that internal extensions match. */
  extensionPattern: string;
}

export const DEFAULT_NUMBERING: NumberingSettings = {
  defaultRegion: 'NO',
  outsideLinePrefix: '',
  extensionPattern: '\\d{2,5}',
};
