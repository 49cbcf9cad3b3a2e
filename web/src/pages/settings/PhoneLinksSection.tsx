import { useState } from 'react';
import type { Preferences } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import type { PhoneLinks } from './usePhoneLinks';

/**
 * Click-to-dial from other sites: tel: and sip: links open Switchboard's dial page. Registering
 * while calls go out as tel: or sip: would send every number back here, so the scheme moves to
 * callto:, which softphones also take and browsers do not let web apps claim.
 */
export function PhoneLinksSection({
  links,
  dialScheme,
  onSchemeSwitched,
}: {
  links: PhoneLinks;
  dialScheme: Preferences['dialScheme'];
  onSchemeSwitched: () => void;
}) {
  const session = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const [switched, setSwitched] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const register = async () => {
    setError(null);
    const result = links.register();
    const claimed = result.requested as string[];
    if (claimed.includes(session.preferences.dialScheme) || claimed.includes(dialScheme)) {
      try {
        await session.updatePreferences({ dialScheme: 'callto' });
        onSchemeSwitched();
        setSwitched(true);
      } catch (e) {
        setError(errorText(e, i18n));
      }
    }
  };

  return (
    <div className="phone-links" aria-labelledby="settings-links-title" role="group">
      <h3 id="settings-links-title">{t('settings.linksTitle')}</h3>
      <p className="muted">{t('settings.linksIntro')}</p>
      {links.support === 'unsupported' && <p className="notice">{t('settings.linksUnsupported')}</p>}
      {links.support === 'insecure' && <p className="notice">{t('settings.linksInsecure')}</p>}
      {links.support === 'supported' && (
        <div className="settings-actions">
          <button type="button" onClick={() => void register()}>
            {t('settings.linksRegister')}
          </button>
          {links.requested.length > 0 && links.canUnregister && (
            <button type="button" onClick={links.unregister}>
              {t('settings.linksUnregister')}
            </button>
          )}
        </div>
      )}
      <div role="status">
        {links.result && links.result.requested.length > 0 && <p>{t('settings.linksAsked')}</p>}
        {switched && <p className="notice">{t('settings.linksSchemeSwitched')}</p>}
      </div>
      {links.result?.failed.map((f) => (
        <p key={f.scheme} className="error" role="alert">
          {t('settings.linksRefused', { scheme: f.scheme, message: f.message })}
        </p>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {links.support === 'supported' && <p className="muted settings-help">{t('settings.linksBrowserHelp')}</p>}
    </div>
  );
}
