import type { SourceInfo } from '../../../../src/sources/source-service.js';

export type { SourceInfo };

/** GET /sources/dialects. */
export interface DialectInfo {
  name: string;
  description: string;
  authModes: string[];
  methods: string[];
  /** Option name → what it does (the server's English help). */
  options: Record<string, string>;
}

/** The crmplus events a softphone calls a URL for, one URL each. */
export const CRMPLUS_EVENTS = ['ringing', 'connected', 'ended', 'notanswered'] as const;

/** A source's URL with the token in the query and an optional event path segment. */
export function tokenUrl(source: Pick<SourceInfo, 'url' | 'secret'>, event?: string): string {
  const base = event ? `${source.url}/${event}` : source.url;
  return `${base}?token=${encodeURIComponent(source.secret ?? '')}`;
}

/** Whether phone systems elsewhere can reach this URL; the server falls back to its own address without server.publicUrl. */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
  } catch {
    return false;
  }
}
