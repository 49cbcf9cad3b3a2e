import { ApiError } from '../api/client';
import type { I18n } from '../i18n/i18n';

/**
 * A failed request as a sentence for the user: the API's stable code in their language, with the
 * server's detail (which names the field) where it helps.
 */
export function errorText(error: unknown, { t }: Pick<I18n, 't'>): string {
  const message = error instanceof Error ? error.message : String(error);
  if (!(error instanceof ApiError)) return t('common.error', { message });
  switch (error.code) {
    case 'network':
      return t('common.networkError');
    case 'invalid':
      return t('common.errorInvalid', { message });
    case 'invalid_number':
      return t('common.errorInvalidNumber', { message });
    case 'forbidden':
      return t('common.errorForbidden');
    case 'not_found':
      return t('common.errorNotFound');
    case 'rate_limited':
      return t('common.errorRateLimited');
    case 'internal':
      return t('common.errorInternal');
    case 'pbx_unavailable':
      return t('common.errorPbxUnavailable');
    case 'not_on_call':
      return t('common.errorNotOnCall');
    case 'no_phone':
      return t('common.errorNoPhone');
    case 'pbx_refused':
      return t('common.errorPbxRefused', { message });
    default:
      return t('common.error', { message });
  }
}
