import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { PreferencesReply } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { SaveActions } from './SaveActions';
import { Section } from './Section';
import { UrlTemplateFields } from './UrlTemplateFields';
import { useSaveState } from './useSaveState';

type Defaults = PreferencesReply['defaults'];

/** Accepts the defaults bare or wrapped in { defaults }, whichever the endpoint settles on. */
const unwrap = (reply: Defaults | { defaults: Defaults }): Defaults => ('defaults' in reply ? reply.defaults : reply);

/** For admins: the parameterized URL everyone gets until they choose their own. */
export function AdminDefaultsSection() {
  const session = useSession();
  const i18n = useI18n();
  const { t } = i18n;
  const save = useSaveState();
  const [draft, setDraft] = useState<{ template: string; urlOpen: Defaults['urlOpen'] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .get<Defaults | { defaults: Defaults }>('/settings/preferences-defaults')
      .then((reply) => {
        const defaults = unwrap(reply);
        if (live) setDraft({ template: defaults.urlTemplate ?? '', urlOpen: defaults.urlOpen });
      })
      .catch((error) => live && setLoadError(errorText(error, i18n)));
    return () => {
      live = false;
    };
  }, [i18n]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!draft) return;
    void save.run(async () => {
      const reply = await api.put<Defaults | { defaults: Defaults } | undefined>('/settings/preferences-defaults', {
        urlTemplate: draft.template.trim() || null,
        urlOpen: draft.urlOpen,
      });
      if (reply && typeof reply === 'object') {
        const saved = unwrap(reply);
        if ('urlOpen' in saved) setDraft({ template: saved.urlTemplate ?? '', urlOpen: saved.urlOpen });
      }
      // The user's own section shows the default; read it again.
      await session.refresh();
    });
  };

  return (
    <Section id="settings-defaults" title={t('settings.defaultsTitle')}>
      <p className="muted">{t('settings.defaultsIntro')}</p>
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {!draft && !loadError && <p role="status">{t('common.loading')}</p>}
      {draft && (
        <form onSubmit={submit} className="settings-form">
          <UrlTemplateFields
            id="settings-defaults"
            template={draft.template}
            urlOpen={draft.urlOpen}
            onChange={(change) => {
              setDraft((d) => d && { template: change.template ?? d.template, urlOpen: change.urlOpen ?? d.urlOpen });
              save.touch();
            }}
          />
          <SaveActions save={save} label={t('settings.saveDefaults')} />
        </form>
      )}
    </Section>
  );
}
