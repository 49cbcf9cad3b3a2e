import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { SaveActions } from './SaveActions';
import { Section } from './Section';
import { UrlTemplateFields } from './UrlTemplateFields';
import { usePreferencesForm } from './usePreferencesForm';

/** The user's own parameterized URL; empty means the admin's default. */
export function UrlSection() {
  const session = useSession();
  const { t } = useI18n();
  const { draft, setDraft, submit, save } = usePreferencesForm(
    { template: session.preferences.urlTemplate ?? '', urlOpen: session.preferences.urlOpen },
    (d) => ({ urlTemplate: d.template.trim() || null, urlOpen: d.urlOpen }),
  );

  return (
    <Section id="settings-url" title={t('settings.urlTitle')}>
      <form onSubmit={submit} className="settings-form">
        <p className="muted">{t('settings.urlIntro')}</p>
        <UrlTemplateFields
          id="settings-url"
          template={draft.template}
          urlOpen={draft.urlOpen}
          fallback={session.defaults.urlTemplate}
          onChange={(change) => setDraft({ ...(change.template !== undefined && { template: change.template }), ...(change.urlOpen && { urlOpen: change.urlOpen }) })}
        />
        {draft.urlOpen !== session.defaults.urlOpen && (
          <p className="muted">{t('settings.urlOpenDefaultIs', { choice: t(`settings.urlOpen_${session.defaults.urlOpen}`) })}</p>
        )}
        <SaveActions save={save} />
      </form>
    </Section>
  );
}
