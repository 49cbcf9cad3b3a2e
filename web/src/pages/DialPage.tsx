import { useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../api/client';
import type { DialReply } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { openDialUri } from '../lib/dial';
import { isHandlerLoop, parseDialUri, rawQueryParam } from '../lib/dial-uri';
import { errorText } from '../lib/errors';
import { requestedSchemes } from '../lib/protocol-handler';
import { useToast } from '../lib/toast';
import './settings/settings.css';

type Phase = { name: 'ask' } | { name: 'dialing' } | { name: 'done'; reply: DialReply } | { name: 'loop'; reply: DialReply };

const shorten = (text: string) => (text.length > 80 ? `${text.slice(0, 79)}…` : text);

/**
 * "/dial?to=…": where tel: and sip: links from other sites land (see Settings → phone links), and
 * a plain "/dial?to=<number>" link. Asks first, so a link on a web page cannot place a call alone.
 */
export function DialPage() {
  const location = useLocation();
  const session = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const input = rawQueryParam(location.search, 'to');
  const parsed = useMemo(() => parseDialUri(input), [input]);
  const [phase, setPhase] = useState<Phase>({ name: 'ask' });
  const [error, setError] = useState<string | null>(null);

  if (!parsed.ok) {
    return (
      <div className="dial-page">
        <h1>{t('settings.dialTitle')}</h1>
        <p className="error" role="alert">
          {parsed.reason === 'empty'
            ? t('settings.dialEmpty')
            : parsed.reason === 'scheme'
              ? t('settings.dialBadScheme', { scheme: parsed.scheme ?? '' })
              : t('settings.dialNotANumber', { input: shorten(input ?? '') })}
        </p>
        <p>
          <Link to="/">{t('settings.dialHome')}</Link>
        </p>
      </div>
    );
  }

  const number = parsed.number;
  // A tel:/sip: link reached us through the browser's protocol handler: handing a tel:/sip: URI
  // back to the browser would open this page again instead of the softphone.
  const viaHandler = parsed.scheme === 'tel' || parsed.scheme === 'sip';

  const call = async () => {
    setError(null);
    setPhase({ name: 'dialing' });
    try {
      const reply = await api.post<DialReply>('/dial', { number });
      if (reply.mode === 'client' && reply.uri) {
        const handled = [...requestedSchemes(), ...(parsed.scheme ? [parsed.scheme] : [])];
        if (viaHandler && isHandlerLoop(reply.uri, handled)) {
          setPhase({ name: 'loop', reply });
          return;
        }
        openDialUri(reply.uri);
      }
      toast.show(t('shell.dialing', { number: reply.e164 ?? reply.number }));
      setPhase({ name: 'done', reply });
    } catch (e) {
      setError(errorText(e, i18n));
      setPhase({ name: 'ask' });
    }
  };

  const switchScheme = async () => {
    setError(null);
    try {
      await session.updatePreferences({ dialScheme: 'callto' });
      await call();
    } catch (e) {
      setError(errorText(e, i18n));
    }
  };

  return (
    <div className="dial-page">
      <h1>{t('settings.dialQuestion', { number })}</h1>
      {input && input !== number && <p className="muted">{t('settings.dialFrom', { link: shorten(input) })}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {(phase.name === 'ask' || phase.name === 'dialing') && (
        <div className="settings-actions">
          <button type="button" className="primary" autoFocus disabled={phase.name === 'dialing'} onClick={() => void call()}>
            {t('common.callNumber', { number })}
          </button>
          <Link to="/">{t('common.cancel')}</Link>
        </div>
      )}
      {phase.name === 'done' && (
        <div role="status">
          <p>{t('shell.dialing', { number: phase.reply.e164 ?? phase.reply.number })}</p>
          {phase.reply.mode === 'client' && <p className="muted">{t('settings.dialSoftphone')}</p>}
          <p>
            <Link to="/">{t('settings.dialHome')}</Link>
          </p>
        </div>
      )}
      {phase.name === 'loop' && (
        <div role="alert" className="dial-loop">
          <p>{t('settings.dialLoop', { scheme: phase.reply.uri?.split(':')[0] ?? 'tel' })}</p>
          <div className="settings-actions">
            <button type="button" className="primary" onClick={() => void switchScheme()}>
              {t('settings.dialUseCallto')}
            </button>
            <Link to="/settings">{t('settings.dialOpenSettings')}</Link>
            <Link to="/">{t('common.cancel')}</Link>
          </div>
        </div>
      )}
    </div>
  );
}
