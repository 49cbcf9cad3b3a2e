import type { CallDirection } from '../../domain/calls/call-event.js';
import { malformed } from './errors.js';

const OUTBOUND = new Set(['out', 'outbound', 'outgoing']);
const INBOUND = new Set(['in', 'inbound', 'incoming']);

/** `in`/`out` as the form-posting systems write it (case-insensitive, long forms accepted). */
export function directionWord(field: string, raw: string): CallDirection {
  const word = raw.toLowerCase();
  if (OUTBOUND.has(word)) return 'outbound';
  if (INBOUND.has(word)) return 'inbound';
  throw malformed(`${field}: expected "in" or "out", got ${JSON.stringify(raw)}`);
}
