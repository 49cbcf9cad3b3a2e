import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { SaveStatus } from '../settings/SaveStatus';
import { useSaveState } from '../settings/useSaveState';
import { InvalidNumbersTable } from './InvalidNumbersTable';
import { fieldOfMessage, type NumberingField, type NumberingSettings, type NumbersReport } from './numbering-types';
import '../settings/settings.css';
import './admin.css';

/**
 * How this installation's numbers look. Saving re-normalizes every stored number, so the report
 * of numbers that no longer read follows both a save and the explicit check.
 */
export function NumberingPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [form, setForm] = useState<NumberingSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<{ field: NumberingField; message: string } | null>(null);
  const [report, setReport] = useState<NumbersReport | null>(null);
  const save = useSaveState();
  const check = useSaveState();

  useEffect(() => {
    api
      .get<{ numbering: NumberingSettings }>('/settings/numbering')
      .then((reply) => setForm(reply.numbering))
      .catch((e) => setLoadError(errorText(e, i18n)));
  }, [i18n]);

  const set = (change: Partial<NumberingSettings>) => {
    setForm((f) => f && { ...f, ...change });
    setFieldError(null);
    save.touch();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form) return;
    setFieldError(null);
    await save.run(async () => {
      try {
        const reply = await api.put<NumbersReport>('/settings/numbering', {
          defaultRegion: form.defaultRegion.trim().toUpperCase(),
          outsideLinePrefix: form.outsideLinePrefix.trim(),
          extensionPattern: form.extensionPattern,
        });
        setForm(reply.settings);
        setReport(reply);
      } catch (e) {
        const field = e instanceof ApiError ? fieldOfMessage(e.message) : null;
        if (field) setFieldError({ field, message: (e as ApiError).message });
        throw e;
      }
    });
  };

  const renormalize = () =>
    void check.run(async () => {
      setReport(await api.post<NumbersReport>('/numbers/check'));
    });

  const invalid = (field: NumberingField) =>
    fieldError?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': `numbering-${field}-help numbering-${field}-error` } : { 'aria-describedby': `numbering-${field}-help` };
  const errorFor = (field: NumberingField) =>
    fieldError?.field === field && (
      <span id={`numbering-${field}-error`} className="error" role="alert">
        {fieldError.message}
      </span>
    );

  return (
    <div className="admin-page">
      <h1>{t('admin.numberingTitle')}</h1>
      <p className="muted">{t('admin.numberingIntro')}</p>
      {loadError && (
        <p className="error" role="alert">
          {loadError}
        </p>
      )}
      {!form && !loadError && <p role="status">{t('common.loading')}</p>}
      {form && (
        <section className="card admin-section" aria-labelledby="numbering-form-title">
          <h2 id="numbering-form-title">{t('admin.numberingSettings')}</h2>
          <form className="settings-form" onSubmit={(event) => void submit(event)}>
            <div className="field">
              <label htmlFor="numbering-defaultRegion">{t('admin.defaultRegion')}</label>
              <input
                id="numbering-defaultRegion"
                value={form.defaultRegion}
                onChange={(e) => set({ defaultRegion: e.target.value.toUpperCase() })}
                required
                maxLength={2}
                autoCapitalize="characters"
                autoComplete="off"
                spellCheck={false}
                className="short-input"
                {...invalid('defaultRegion')}
              />
              <span id="numbering-defaultRegion-help" className="muted admin-help">
                {t('admin.defaultRegionHelp')}
              </span>
              {errorFor('defaultRegion')}
            </div>
            <div className="field">
              <label htmlFor="numbering-outsideLinePrefix">{t('admin.outsideLinePrefix')}</label>
              <input
                id="numbering-outsideLinePrefix"
                value={form.outsideLinePrefix}
                onChange={(e) => set({ outsideLinePrefix: e.target.value })}
                maxLength={4}
                inputMode="numeric"
                autoComplete="off"
                className="short-input"
                {...invalid('outsideLinePrefix')}
              />
              <span id="numbering-outsideLinePrefix-help" className="muted admin-help">
                {t('admin.outsideLinePrefixHelp')}
              </span>
              {errorFor('outsideLinePrefix')}
            </div>
            <div className="field">
              <label htmlFor="numbering-extensionPattern">{t('admin.extensionPattern')}</label>
              <input
                id="numbering-extensionPattern"
                value={form.extensionPattern}
                onChange={(e) => set({ extensionPattern: e.target.value })}
                required
                maxLength={200}
                autoComplete="off"
                spellCheck={false}
                className="mono-input"
                {...invalid('extensionPattern')}
              />
              <span id="numbering-extensionPattern-help" className="muted admin-help">
                {t('admin.extensionPatternHelp')}
              </span>
              {errorFor('extensionPattern')}
            </div>
            <p className="muted admin-help">{t('admin.numberingSaveHelp')}</p>
            <div className="settings-actions">
              <button type="submit" className="primary" disabled={save.busy}>
                {t('common.save')}
              </button>
              {/* A message about one field is shown at that field instead. */}
              <SaveStatus state={fieldError ? { phase: 'idle' } : save.state} />
            </div>
          </form>
        </section>
      )}
      <section className="card admin-section" aria-labelledby="numbering-check-title">
        <h2 id="numbering-check-title">{t('admin.checkTitle')}</h2>
        <p className="muted">{t('admin.checkIntro')}</p>
        <div className="settings-actions">
          <button type="button" onClick={renormalize} disabled={check.busy}>
            {t('admin.renormalize')}
          </button>
          {check.busy && <span role="status">{t('admin.checking')}</span>}
        </div>
        {check.state.phase === 'error' && (
          <p className="error" role="alert">
            {check.state.message}
          </p>
        )}
      </section>
      {report && <InvalidNumbersTable report={report} />}
    </div>
  );
}
