import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import type { DialectInfo, SourceInfo } from './source-types';
import { SelectField } from '../settings/SelectField';

export function AddSourceForm({ dialects, onCreated }: { dialects: DialectInfo[]; onCreated: (source: SourceInfo) => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [dialectName, setDialectName] = useState('');
  const [auth, setAuth] = useState('');
  const [options, setOptions] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The option fields exist only while shown, so a label like "Name" does not also find "nameParam".
  const [optionsOpen, setOptionsOpen] = useState(false);

  const dialect = dialects.find((d) => d.name === dialectName) ?? dialects[0];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!dialect) return;
    setBusy(true);
    setError(null);
    try {
      const filled = Object.fromEntries(Object.entries(options).filter(([key, value]) => key in dialect.options && value.trim() !== ''));
      const reply = await api.post<{ source: SourceInfo }>('/sources', {
        name: name.trim(),
        dialect: dialect.name,
        ...(auth && dialect.authModes.includes(auth) && { auth }),
        ...(Object.keys(filled).length > 0 && { options: filled }),
      });
      setName('');
      setOptions({});
      await onCreated(reply.source);
    } catch (e) {
      setError(errorText(e, i18n));
    } finally {
      setBusy(false);
    }
  };

  const optionNames = dialect ? Object.keys(dialect.options) : [];
  return (
    <section className="card admin-section" aria-labelledby="add-source-title">
      <h2 id="add-source-title">{t('admin.addSource')}</h2>
      <form className="admin-form" onSubmit={(event) => void submit(event)}>
        <label>
          {t('admin.sourceName')}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={63}
            autoCapitalize="none"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="add-source-name-help"
            placeholder="placetel"
          />
        </label>
        <SelectField
          label={t('admin.dialect')}
          value={dialect?.name ?? ''}
          onChange={(e) => {
            setDialectName(e.target.value);
            setAuth('');
            setOptions({});
          }}
          required
          aria-describedby="add-source-dialect-help"
        >
          {dialects.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name}
            </option>
          ))}
        </SelectField>
        {dialect && dialect.authModes.length > 1 && (
          <SelectField label={t('admin.auth')} value={auth || dialect.authModes[0]} onChange={(e) => setAuth(e.target.value)}>
            {dialect.authModes.map((mode) => (
              <option key={mode} value={mode}>
                {mode === 'hmac' ? t('admin.auth_hmac') : mode === 'token' ? t('admin.auth_token') : mode}
              </option>
            ))}
          </SelectField>
        )}
        <div className="muted admin-help wide">
          <p id="add-source-name-help">{t('admin.sourceNameHelp')}</p>
          {/* The server's own one-line description of the format. */}
          {dialect && <p id="add-source-dialect-help">{dialect.description}</p>}
        </div>
        {optionNames.length > 0 && (
          <details className="wide" open={optionsOpen} onToggle={(e) => setOptionsOpen(e.currentTarget.open)}>
            <summary>{t('admin.sourceOptions')}</summary>
            {optionsOpen && (
              <div className="admin-form">
                {optionNames.map((option) => (
                  <div key={option} className="field">
                    <label htmlFor={`add-source-opt-${option}`}>
                      <code>{option}</code>
                    </label>
                    <input
                      id={`add-source-opt-${option}`}
                      value={options[option] ?? ''}
                      onChange={(e) => setOptions((o) => ({ ...o, [option]: e.target.value }))}
                      maxLength={200}
                      autoComplete="off"
                      spellCheck={false}
                      aria-describedby={`add-source-opt-${option}-help`}
                    />
                    <span id={`add-source-opt-${option}-help`} className="muted admin-help">
                      {dialect?.options[option]}
                    </span>
                  </div>
                ))}
              </div>
            )}
          </details>
        )}
        {error && (
          <p className="error wide" role="alert">
            {error}
          </p>
        )}
        <div className="admin-form-actions">
          <button type="submit" className="primary" disabled={busy || !dialect}>
            {t('admin.addSourceButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
