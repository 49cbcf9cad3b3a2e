import { ApiError } from '../../api/client';

/**
 * The server's validation message ("name: is required; numbers.0.number: …") split by field, so
 * each message can stand next to its input. Anything without a known field stays general.
 */
export function fieldErrors(error: unknown, fields: readonly string[]): { byField: Record<string, string>; rest: string[] } {
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  if (!(error instanceof ApiError) || error.code !== 'invalid') return { byField, rest };
  for (const part of error.message.split('; ')) {
    const colon = part.indexOf(': ');
    const path = colon > 0 ? part.slice(0, colon) : '';
    const field = fields.find((f) => path === f || path.startsWith(`${f}.`));
    if (field) byField[field] = byField[field] ? `${byField[field]}; ${part.slice(colon + 2)}` : part.slice(colon + 2);
    else rest.push(part);
  }
  return { byField, rest };
}
