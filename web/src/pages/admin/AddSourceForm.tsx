import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { AMI_DIALECT, type DialectInfo, type SourceInfo } from './source-types';
import { SelectField } from '../settings/SelectField';
import { AmiSettingsFields, deviceRulesOf, EMPTY_AMI_FORM, tlsCaOf, type AmiForm } from './AmiSettingsFields';

/**
 * The body of POST /sources for an Asterisk: an empty port is left to the server's default, and
 * without a certificate (or without TLS, which hides its field) the system's CAs are trusted.
 */
const amiBody = (name: string, form: AmiForm) => ({
  name,
  dialect: AMI_DIALECT,
  ami: {
    host: form.host.trim(),
    ...(form.port.trim() !== '' && { port: Number(form.port) }),
    username: form.username.trim(),
    secret: form.secret,
    tls: form.tls,
    ...(form.tls && { tlsCa: tlsCaOf(form) }),
    auth: form.auth,
    deviceRules: deviceRulesOf(form),
  },
});

export function AddSourceForm({ dialects, onCreated }: { dialects: DialectInfo[]; onCreated: (source: SourceInfo) => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [dialectName, setDialectName] = useState('');
  const [auth, setAuth] = useState('');
  const [options, setOptions] = useState<Record<string, string>>({});
  const [ami, setAmi] = useState<AmiForm>(EMPTY_AMI_FORM);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The option fields exist only while shown, so a label like "Name" does not also find "nameParam".
  const [optionsOpen, setOptionsOpen] = useState(false);

  // Asterisk is offered beside the webhook formats; it is not one of them (GET /sources/dialects).
  const isAmi = dialectName === AMI_DIALECT;
  const dialect = isAmi ? undefined : (dialects.find((d) => d.name === dialectName) ?? dialects[0]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!dialect && !isAmi) return;
    setBusy(true);
    setError(null);
    try {
      let body: object;
      if (dialect) {
        const filled = Object.fromEntries(Object.entries(options).filter(([key, value]) => key in dialect.options && value.trim() !== ''));
        body = {
          name: name.trim(),
          dialect: dialect.name,
          ...(auth && dialect.authModes.includes(auth) && { auth }),
          ...(Object.keys(filled).length > 0 && { options: filled }),
        };
      } else {
        body = amiBody(name.trim(), ami);
      }
      const reply = await api.post<{ source: SourceInfo }>('/sources', body);
      setName('');
      setOptions({});
      // The secret does not stay in the page once the server has it.
      setAmi(EMPTY_AMI_FORM);
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
            placeholder={isAmi ? 'asterisk' : 'placetel'}
          />
        </label>
        <SelectField
          label={t('admin.dialect')}
          value={isAmi ? AMI_DIALECT : (dialect?.name ?? '')}
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
          <option value={AMI_DIALECT}>{t('admin.dialect_ami')}</option>
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
          {isAmi && <p id="add-source-dialect-help">{t('admin.amiIntro')}</p>}
        </div>
        {isAmi && <AmiSettingsFields form={ami} onChange={(change) => setAmi((f) => ({ ...f, ...change }))} mode="add" />}
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
          <button type="submit" className="primary" disabled={busy || (!dialect && !isAmi)}>
            {t('admin.addSourceButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
