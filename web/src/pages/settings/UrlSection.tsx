import type { FormEvent } from 'react';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { Section } from './Section';
import { SaveStatus } from './SaveStatus';
import { UrlTemplateFields } from './UrlTemplateFields';
import { useDraft } from './useDraft';
import { useSaveState } from './useSaveState';

/** The user's own parameterized URL; empty means the admin's default. */
export function UrlSection() {
  const session = useSession();
  const { t } = useI18n();
  const save = useSaveState();
  const { draft, setDraft, settle } = useDraft({ template: session.preferences.urlTemplate ?? '', urlOpen: session.preferences.urlOpen });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(async () => {
      await session.updatePreferences({ urlTemplate: draft.template.trim() || null, urlOpen: draft.urlOpen });
      settle();
    });
  };

  return (
    <Section id="settings-url" title={t('settings.urlTitle')}>
      <form onSubmit={submit} className="settings-form">
        <p className="muted">{t('settings.urlIntro')}</p>
        <UrlTemplateFields
          id="settings-url"
          template={draft.template}
          urlOpen={draft.urlOpen}
          fallback={session.defaults.urlTemplate}
          onChange={(change) => {
            setDraft({ ...(change.template !== undefined && { template: change.template }), ...(change.urlOpen && { urlOpen: change.urlOpen }) });
            save.touch();
          }}
        />
        {draft.urlOpen !== session.defaults.urlOpen && (
          <p className="muted">{t('settings.urlOpenDefaultIs', { choice: t(`settings.urlOpen_${session.defaults.urlOpen}`) })}</p>
        )}
        <div className="settings-actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {t('common.save')}
          </button>
          <SaveStatus state={save.state} />
        </div>
      </form>
    </Section>
  );
}
