import type { Preferences } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { numberTypeText } from '../../lib/codes';
import { PhoneLinksSection } from './PhoneLinksSection';
import { SaveActions } from './SaveActions';
import { Section } from './Section';
import { usePhoneLinks } from './usePhoneLinks';
import { usePreferencesForm } from './usePreferencesForm';
import { SelectField } from './SelectField';

const CARD_TYPES: Preferences['cardNumberType'][] = ['work', 'mobile', 'home', 'other'];
const SCHEMES: Preferences['dialScheme'][] = ['tel', 'callto', 'sip'];

/** How calls leave Switchboard: which number the card uses, the link type for the softphone, and phone links from other sites. */
export function CallingSection() {
  const session = useSession();
  const { t } = useI18n();
  const { draft, setDraft, submit, save } = usePreferencesForm({ cardNumberType: session.preferences.cardNumberType, dialScheme: session.preferences.dialScheme });
  const links = usePhoneLinks();
  const loops = (links.requested as string[]).includes(draft.dialScheme);

  return (
    <Section id="settings-calling" title={t('settings.callingTitle')}>
      <form onSubmit={submit} className="settings-form">
        <SelectField
          label={t('settings.cardNumberType')}
          value={draft.cardNumberType}
          aria-describedby="settings-card-help"
          onChange={(event) => setDraft({ cardNumberType: event.target.value as Preferences['cardNumberType'] })}
        >
          {CARD_TYPES.map((type) => (
            <option key={type} value={type}>
              {numberTypeText(t, type)}
            </option>
          ))}
        </SelectField>
        <p id="settings-card-help" className="muted settings-help">
          {t('settings.cardNumberTypeHelp')}
        </p>
        <fieldset className="settings-choices" aria-describedby="settings-scheme-help">
          <legend>{t('settings.dialScheme')}</legend>
          {SCHEMES.map((scheme) => (
            <label key={scheme} className="inline">
              <input
                type="radio"
                name="settings-dial-scheme"
                value={scheme}
                checked={draft.dialScheme === scheme}
                onChange={() => setDraft({ dialScheme: scheme })}
              />
              <code>{scheme}:</code> {t(`settings.dialScheme_${scheme}`)}
            </label>
          ))}
        </fieldset>
        <div id="settings-scheme-help" className="muted settings-help">
          {session.capabilities.dial === 'pbx' && <p>{t('settings.dialSchemePbx')}</p>}
          <p>{t('settings.dialSchemeLoop')}</p>
        </div>
        {loops && (
          <p className="notice" role="alert">
            {t('settings.dialSchemeLoopWarning', { scheme: draft.dialScheme })}
          </p>
        )}
        <SaveActions save={save} />
      </form>
      <PhoneLinksSection links={links} dialScheme={draft.dialScheme} onSchemeSwitched={() => setDraft({ dialScheme: 'callto' })} />
    </Section>
  );
}
