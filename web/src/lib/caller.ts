import type { CallLogEntry, CallView } from '../api/types';
import type { I18n } from '../i18n/i18n';

/** The name to show for the other party: the directory's answer, else what the PBX sent, else the number. */
export function callerName(call: Pick<CallView, 'identity' | 'remoteName' | 'remoteNumber'> | CallLogEntry, { t }: Pick<I18n, 't'>): string {
  const name = call.identity?.name ?? call.remoteName;
  if (name) return name;
  if (call.remoteNumber) return call.remoteNumber;
  return t('common.withheldNumber');
}
