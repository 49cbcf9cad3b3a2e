import { ApiError } from '../api/client';
import type { I18n } from '../i18n/i18n';

/** A failed request as a sentence for the user, in their language where the code is known. */
export function errorText(error: unknown, { t }: Pick<I18n, 't'>): string {
  if (error instanceof ApiError && error.code === 'network') return t('common.networkError');
  const message = error instanceof Error ? error.message : String(error);
  return t('common.error', { message });
}
