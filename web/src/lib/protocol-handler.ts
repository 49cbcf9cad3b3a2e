/**
 * Click-to-dial from other sites: asks the browser to open tel: and sip: links in Switchboard's
 * dial page. Browsers give no answer (they show their own prompt, or silently ignore the request),
 * so this remembers what was asked, which the dial page needs to avoid handing a number back to
 * itself.
 */

export const HANDLER_SCHEMES = ['tel', 'sip'] as const;
export type HandlerScheme = (typeof HANDLER_SCHEMES)[number];

const STORAGE_KEY = 'switchboard.protocolHandlers';

/** Why the browser cannot do it: no API (Safari, most mobile browsers) or not served over HTTPS. */
export type HandlerSupport = 'supported' | 'unsupported' | 'insecure';

export function handlerSupport(): HandlerSupport {
  // Checked first: on plain HTTP the API is not even there, and "use HTTPS" is the useful answer.
  if (typeof window !== 'undefined' && !window.isSecureContext) return 'insecure';
  if (typeof navigator === 'undefined' || typeof navigator.registerProtocolHandler !== 'function') return 'unsupported';
  return 'supported';
}

export function canUnregister(): boolean {
  return typeof navigator !== 'undefined' && typeof (navigator as NavigatorWithUnregister).unregisterProtocolHandler === 'function';
}

/** The dial page with the browser's placeholder for the link it hands over. */
export const handlerUrl = (origin: string = location.origin) => `${origin}/dial?to=%s`;

/** The schemes this browser was asked to hand to Switchboard (it may have declined). */
export function requestedSchemes(): HandlerScheme[] {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(stored) ? HANDLER_SCHEMES.filter((s) => stored.includes(s)) : [];
  } catch {
    return [];
  }
}

export interface RegisterResult {
  requested: HandlerScheme[];
  /** Schemes the browser refused outright, with its message. */
  failed: { scheme: HandlerScheme; message: string }[];
}

export function registerDialHandlers(): RegisterResult {
  const result: RegisterResult = { requested: [], failed: [] };
  if (handlerSupport() !== 'supported') return result;
  for (const scheme of HANDLER_SCHEMES) {
    try {
      navigator.registerProtocolHandler(scheme, handlerUrl());
      result.requested.push(scheme);
    } catch (error) {
      result.failed.push({ scheme, message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (result.requested.length > 0) localStorage.setItem(STORAGE_KEY, JSON.stringify(result.requested));
  return result;
}

export function unregisterDialHandlers(): void {
  const nav = navigator as NavigatorWithUnregister;
  for (const scheme of HANDLER_SCHEMES) {
    try {
      nav.unregisterProtocolHandler?.(scheme, handlerUrl());
    } catch {
      // Not registered in this browser: nothing to undo.
    }
  }
  localStorage.removeItem(STORAGE_KEY);
}

type NavigatorWithUnregister = Navigator & { unregisterProtocolHandler?: (scheme: string, url: string) => void };
