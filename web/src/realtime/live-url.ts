/** The server's WebSocket on the page's own host (wss behind https), with an optional query. */
export function liveUrl(query: Record<string, string> = {}): string {
  const search = new URLSearchParams(query).toString();
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws${search ? `?${search}` : ''}`;
}
