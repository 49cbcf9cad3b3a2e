/** What a user's phone backend can do from the browser. */
export const CALL_ACTIONS = ['answer', 'hangup', 'transfer', 'park', 'record', 'hold'] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

export interface Capabilities {
  backend: string;
  /** 'client': dialing returns a URI for the local softphone; 'pbx': the PBX places the call. */
  dial: 'client' | 'pbx';
  actions: Record<CallAction, { available: boolean; reason: string | null }>;
  /**
   * With several phone systems: the one (its source name) that serves the user. Its queues, parked
   * calls and calls to listen in on are the ones the user's phone can act on; the others are only shown.
   */
  pbx?: string;
}

/**
 * A phone backend that can act on calls (a PBX connection) answers for the users it serves;
 * undefined means "not mine". Webhook sources only report calls, so they need no provider.
 */
export interface CapabilityProvider {
  capabilitiesFor(userId: number): Capabilities | undefined;
}

const unavailable = (reason: string): Capabilities['actions'] =>
  Object.fromEntries(CALL_ACTIONS.map((action) => [action, { available: false, reason }])) as Capabilities['actions'];

/** Webhooks tell us about calls and cannot be told anything back: the softphone dials, nothing else. */
export const webhookCapabilities = (): Capabilities => ({ backend: 'webhook', dial: 'client', actions: unavailable('no_pbx_connection') });

/** The first provider that serves the user decides; everyone else is on webhooks. */
export function capabilitiesFor(userId: number, providers: readonly CapabilityProvider[] = []): Capabilities {
  for (const provider of providers) {
    const capabilities = provider.capabilitiesFor(userId);
    if (capabilities) return capabilities;
  }
  return webhookCapabilities();
}
