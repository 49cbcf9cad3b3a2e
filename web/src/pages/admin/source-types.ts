import type { PbxConnectionStatus } from '../../../../src/sources/connection-status.js';
import type { AmiSettings, AmiSourceInfo, SourceInfo, WebhookSourceInfo } from '../../../../src/sources/source-service.js';

export type { AmiSettings, AmiSourceInfo, PbxConnectionStatus, SourceInfo, WebhookSourceInfo };

/** The dialect of sources Switchboard connects to; not among GET /sources/dialects, which are the webhook formats. */
export const AMI_DIALECT: AmiSourceInfo['dialect'] = 'ami';
export const AMI_AUTH_MODES: readonly AmiSettings['auth'][] = ['md5', 'plain'];
/** What the server fills in when no port is given. */
export const amiDefaultPort = (tls: boolean): number => (tls ? 5039 : 5038);

export const isAmiSource = (source: SourceInfo): source is AmiSourceInfo => source.dialect === AMI_DIALECT;

/** `host:port`, with an IPv6 address in brackets. */
export const hostPort = (ami: Pick<AmiSettings, 'host' | 'port'>): string => `${ami.host.includes(':') ? `[${ami.host}]` : ami.host}:${ami.port}`;

/** What the badge shows: a switched-off source is "disabled" whatever the connection last said. */
export type ConnectionState = PbxConnectionStatus['state'] | 'unknown';
export const connectionState = (source: AmiSourceInfo): ConnectionState => (source.enabled ? (source.connection?.state ?? 'unknown') : 'disabled');

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
export function tokenUrl(source: Pick<WebhookSourceInfo, 'url' | 'secret'>, event?: string): string {
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
