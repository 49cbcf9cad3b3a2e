import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/**
 * A number as people in `region` write it: "22 33 44 55" for a Norwegian number in Norway,
 * "+46 8 123 456 78" for a Swedish one. Extensions and what cannot be parsed stay as they are.
 */
export function formatNumber(number: string, region: string): string {
  const parsed = parsePhoneNumberFromString(number, region as CountryCode);
  if (!parsed || !parsed.isValid()) return number;
  return parsed.country === region ? parsed.formatNational() : parsed.formatInternational();
}
