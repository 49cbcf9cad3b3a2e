import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A new shared secret: 32 random bytes, base64url (43 characters, safe in URLs). */
export const generateSecret = (): string => randomBytes(32).toString('base64url');

/**
 * Constant-time comparison of two secrets of any length: both are hashed first, so neither
 * the content nor the length of the expected secret leaks through timing.
 */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
