import type { CallEvent } from '../../domain/calls/call-event.js';

/**
 * Drops the properties a dialect left undefined, so events carry only what the source said
 * (and compare cleanly in tests and logs).
 */
export function compactEvent(event: CallEvent): CallEvent {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (value !== undefined) out[key] = value;
  }
  return out as unknown as CallEvent;
}
