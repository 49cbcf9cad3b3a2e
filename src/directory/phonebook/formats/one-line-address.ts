/**
 * Contacts keep one free-text address line. Structured addresses (vCard ADR, Outlook's
 * street/city/postcode columns) are joined European style: "Street, 0155 Oslo, Region, Country".
 */

export interface AddressParts {
  poBox?: string;
  extended?: string;
  street?: string;
  postalCode?: string;
  city?: string;
  region?: string;
  country?: string;
}

export function joinAddress(parts: AddressParts): string {
  const place = [parts.postalCode, parts.city].map((part) => flattenAddress(part ?? '')).filter((part) => part !== '').join(' ');
  return [parts.poBox, parts.extended, parts.street, place, parts.region, parts.country]
    .map((part) => flattenAddress(part ?? ''))
    .filter((part) => part !== '')
    .join(', ');
}

/** Multi-line addresses ("Storgata 1\n0155 Oslo") become one line. */
export function flattenAddress(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim().replace(/,$/, '').trim())
    .filter((line) => line !== '')
    .join(', ');
}
