/**
 * The parameterized URL a popup opens (a CRM search, a ticket form…). Pure, without the DOM, so
 * it can be tested in Node.
 */

export interface UrlValues {
  callerName: string | null | undefined;
  callerNumber: string | null | undefined;
  called: string | null | undefined;
}

/** The placeholders an admin or user may write in a template. */
export const URL_PLACEHOLDERS = ['$CALLER_NAME', '$CALLER_NUMBER', '$CALLED'] as const;

const PLACEHOLDER = /\$(CALLER_NAME|CALLER_NUMBER|CALLED)/g;
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:']);

/** The template in effect: the user's own, else the admin's default; blank means none. */
export function effectiveTemplate(own: string | null | undefined, fallback: string | null | undefined): string | null {
  const template = own ?? fallback;
  return template && template.trim() ? template.trim() : null;
}

/**
 * Fills the placeholders with URL-encoded values. Returns null when the result is not an
 * absolute http(s) URL: the values come from callers and directories and must never turn the link
 * into javascript:, data: or anything else.
 */
export function fillUrlTemplate(template: string | null | undefined, values: UrlValues): string | null {
  if (!template || !template.trim()) return null;
  const filled = template.trim().replace(PLACEHOLDER, (_whole, name: string) => {
    const value = name === 'CALLER_NAME' ? values.callerName : name === 'CALLER_NUMBER' ? values.callerNumber : values.called;
    return encodeURIComponent(value ?? '');
  });
  let url: URL;
  try {
    url = new URL(filled);
  } catch {
    return null;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) return null;
  return url.href;
}
