import type { Preferences } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { PLACEHOLDERS, previewUrl } from './url-preview';

const OPEN_CHOICES: Preferences['urlOpen'][] = ['button', 'ring', 'answer'];
const PLACEHOLDER_HELP = {
  $CALLER_NAME: 'settings.placeholderCallerName',
  $CALLER_NUMBER: 'settings.placeholderCallerNumber',
  $CALLED: 'settings.placeholderCalled',
} as const;

/**
 * The parameterized URL (a CRM or ticket system page for the caller) and when it opens: the
 * same fields for the user's own choice and the admin's default for everyone.
 */
export function UrlTemplateFields({
  id,
  template,
  urlOpen,
  fallback,
  onChange,
}: {
  id: string;
  template: string;
  urlOpen: Preferences['urlOpen'];
  /** The admin's default, used while the user's own template is empty. */
  fallback?: string | null;
  onChange: (change: { template?: string; urlOpen?: Preferences['urlOpen'] }) => void;
}) {
  const { t } = useI18n();
  const effective = template.trim() || (fallback ?? '');
  const usingFallback = !template.trim() && !!fallback;
  const preview = effective ? previewUrl(effective) : null;
  return (
    <>
      <label>
        {t('settings.urlTemplate')}
        <input
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          value={template}
          placeholder={fallback ?? 'https://crm.example.com/search?phone=$CALLER_NUMBER'}
          aria-describedby={`${id}-help ${id}-preview`}
          onChange={(event) => onChange({ template: event.target.value })}
        />
      </label>
      <div id={`${id}-help`} className="muted settings-help">
        <p>{t('settings.urlTemplateHelp')}</p>
        <ul className="placeholder-list">
          {PLACEHOLDERS.map((p) => (
            <li key={p}>
              <code>{p}</code> {t(PLACEHOLDER_HELP[p])}
            </li>
          ))}
        </ul>
        {fallback !== undefined && <p>{fallback ? t('settings.urlDefaultIs', { url: fallback }) : t('settings.urlNoDefault')}</p>}
      </div>
      <p id={`${id}-preview`} className="url-preview">
        <span className="muted">{usingFallback ? t('settings.previewDefault') : t('settings.preview')}</span>{' '}
        {!effective ? (
          <span className="muted">{t('settings.previewNone')}</span>
        ) : preview ? (
          <code>{preview}</code>
        ) : (
          <span className="error">{t('settings.previewInvalid')}</span>
        )}
      </p>
      <fieldset className="settings-choices">
        <legend>{t('settings.urlOpen')}</legend>
        {OPEN_CHOICES.map((choice) => (
          <label key={choice} className="inline">
            <input type="radio" name={`${id}-open`} value={choice} checked={urlOpen === choice} onChange={() => onChange({ urlOpen: choice })} />
            {t(`settings.urlOpen_${choice}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}
