import { useCallback } from 'react';
import { api } from '../api/client';
import type { DialReply } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { errorText } from './errors';
import { useToast } from './toast';

/**
 * Opens a tel:/callto:/sip: URI so the operating system hands it to the local softphone. An
 * anchor click works where assigning location would navigate away from the app.
 */
export function openDialUri(uri: string): void {
  const link = document.createElement('a');
  link.href = uri;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Dialing from anywhere in the app: the server decides how (PBX or the local softphone). */
export function useDial(): (number: string) => Promise<DialReply | null> {
  const toast = useToast();
  const i18n = useI18n();
  return useCallback(
    async (number: string) => {
      try {
        const reply = await api.post<DialReply>('/dial', { number });
        if (reply.mode === 'client' && reply.uri) openDialUri(reply.uri);
        toast.show(i18n.t('shell.dialing', { number: reply.e164 ?? reply.number }));
        return reply;
      } catch (error) {
        toast.show(errorText(error, i18n), 'error');
        return null;
      }
    },
    [toast, i18n],
  );
}
