import { api } from '../../api/client';
import type { Language, PublicUser } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { Section } from './Section';
import { SaveStatus } from './SaveStatus';
import { useSaveState } from './useSaveState';
import { LanguageOptions } from './LanguageOptions';
import { SelectField } from './SelectField';

/** The language switches at once; it is stored on the account so every device follows. */
export function LanguageSection() {
  const session = useSession();
  const i18n = useI18n();
  const save = useSaveState();

  const change = (language: Language) => {
    const before = i18n.language;
    i18n.setLanguage(language);
    void save
      .run(async () => {
        const reply = await api.patch<{ user: PublicUser }>(`/users/${session.user.id}`, { language });
        session.applyRemote({ user: { ...reply.user, presence: session.user.presence } });
      })
      .then((ok) => {
        if (!ok) i18n.setLanguage(before);
      });
  };

  return (
    <Section id="settings-language" title={i18n.t('settings.languageTitle')} named={false}>
      <div className="settings-row">
        <SelectField label={i18n.t('settings.language')} value={i18n.language} onChange={(event) => change(event.target.value as Language)}>
          <LanguageOptions />
        </SelectField>
        <SaveStatus state={save.state} />
      </div>
    </Section>
  );
}
