import type { CallLogEntry } from '../../api/types';

/** The number to hand to the dialer and the card: the normalized form when the server has it. */
export const dialable = (call: Pick<CallLogEntry, 'remoteNumber' | 'remoteE164'>): string | null => call.remoteE164 ?? call.remoteNumber ?? null;

export const cardHref = (number: string): string => `/card?number=${encodeURIComponent(number)}`;

const significant = (value: string | null | undefined): string => (value ?? '').replace(/\D/g, '').replace(/^0+/, '');

/**
 * Whether two spellings are the same phone number (+47 22 33 44 55, 004722334455, 22334455): the
 * shorter one's digits end the longer one's. Only for deciding to refetch, so a rare false match costs
 * one request.
 */
export function sameNumber(a: string | null | undefined, b: string | null | undefined): boolean {
  const x = significant(a);
  const y = significant(b);
  if (!x || !y) return false;
  if (x === y) return true;
  const [short, long] = x.length < y.length ? [x, y] : [y, x];
  return short.length >= 6 && long.endsWith(short);
}
