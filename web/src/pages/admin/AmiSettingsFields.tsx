import { useId } from 'react';
import { useI18n } from '../../i18n/i18n';
import { SelectField } from '../settings/SelectField';
import { AMI_AUTH_MODES, amiDefaultPort, type AmiSettings } from './source-types';

/**
 * The AMI settings as typed: the port as text (empty means the default), the secret empty unless a
 * new one is typed, the trusted certificate as pasted (empty means the system's CAs), the device
 * rules as the textarea holds them (one per line).
 */
export interface AmiForm {
  host: string;
  port: string;
  username: string;
  secret: string;
  tls: boolean;
  tlsCa: string;
  auth: AmiSettings['auth'];
  deviceRules: string;
}

export const EMPTY_AMI_FORM: AmiForm = { host: '', port: '', username: '', secret: '', tls: false, tlsCa: '', auth: 'md5', deviceRules: '' };

/** A form for changing stored settings; the secret is never sent to the browser, so it starts empty. */
export const amiFormOf = (ami: AmiSettings): AmiForm => ({
  host: ami.host,
  port: String(ami.port),
  username: ami.username,
  secret: '',
  tls: ami.tls,
  tlsCa: ami.tlsCa ?? '',
  auth: ami.auth,
  deviceRules: ami.deviceRules.join('\n'),
});

/** The rules as the server takes them: one per non-empty line. */
export const deviceRulesOf = (form: Pick<AmiForm, 'deviceRules'>): string[] =>
  form.deviceRules
    .split(/\r?\n/)
    .map((rule) => rule.trim())
    .filter((rule) => rule !== '');

/**
 * The certificate as the server takes it: the trimmed PEM, or null for the system's CAs. Callers
 * send it only while TLS is on, as its field is hidden otherwise and text left there must not
 * fail a save the admin cannot see the reason for.
 */
export const tlsCaOf = (form: Pick<AmiForm, 'tlsCa'>): string | null => form.tlsCa.trim() || null;

/** The server's limit (MAX_TRUSTED_PEM_CHARS), enough for a chain of a few certificates. */
const MAX_TLS_CA_CHARS = 64 * 1024;

/** Shown under the rules field: a desk phone whose channels carry a suffix, and a provider trunk named by its endpoint. */
const DEVICE_RULE_EXAMPLES = ['phone:^PJSIP/(?<ext>\\d+)-desk-', 'trunk:^PJSIP/telenor-'];

/**
 * The fields of an Asterisk connection, for adding a source (`mode` "add": secret required, port
 * optional) and for changing one ("change": an empty secret keeps the stored one).
 */
export function AmiSettingsFields({ form, onChange, mode }: { form: AmiForm; onChange: (change: Partial<AmiForm>) => void; mode: 'add' | 'change' }) {
  const { t } = useI18n();
  const id = useId();
  const adding = mode === 'add';
  return (
    <>
      <label>
        {t('admin.amiHost')}
        <input
          value={form.host}
          onChange={(e) => onChange({ host: e.target.value })}
          required
          maxLength={255}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          placeholder="pbx.example.com"
        />
      </label>
      <label>
        {t('admin.amiPort')}
        <input
          type="number"
          inputMode="numeric"
          min={1}
          max={65535}
          step={1}
          value={form.port}
          onChange={(e) => onChange({ port: e.target.value })}
          required={!adding}
          placeholder={String(amiDefaultPort(form.tls))}
          aria-describedby={adding ? `${id}-port-help` : undefined}
          className="short-input"
        />
      </label>
      <label>
        {t('admin.amiUsername')}
        <input
          value={form.username}
          onChange={(e) => onChange({ username: e.target.value })}
          required
          maxLength={100}
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label>
        {adding ? t('admin.amiSecret') : t('admin.amiNewSecret')}
        {/* new-password: the browser must not fill in the admin's own password here. */}
        <input
          type="password"
          value={form.secret}
          onChange={(e) => onChange({ secret: e.target.value })}
          required={adding}
          maxLength={200}
          autoComplete="new-password"
          spellCheck={false}
          aria-describedby={`${id}-secret-help`}
        />
      </label>
      <SelectField label={t('admin.amiAuth')} value={form.auth} onChange={(e) => onChange({ auth: e.target.value as AmiForm['auth'] })} aria-describedby={`${id}-auth-help`}>
        {AMI_AUTH_MODES.map((mode) => (
          <option key={mode} value={mode}>
            {t(`admin.amiAuth_${mode}`)}
          </option>
        ))}
      </SelectField>
      <label className="inline">
        <input type="checkbox" checked={form.tls} onChange={(e) => onChange({ tls: e.target.checked })} />
        {t('admin.amiTls')}
      </label>
      <div className="muted admin-help wide">
        {adding && <p id={`${id}-port-help`}>{t('admin.amiPortHelp', { port: amiDefaultPort(form.tls) })}</p>}
        <p id={`${id}-secret-help`}>{adding ? t('admin.amiSecretHelp') : t('admin.amiNewSecretHelp')}</p>
        <p id={`${id}-auth-help`}>{t('admin.amiAuthHelp')}</p>
      </div>
      {form.tls && (
        <>
          <label className="wide">
            {t('admin.amiTlsCa')}
            <textarea
              value={form.tlsCa}
              onChange={(e) => onChange({ tlsCa: e.target.value })}
              rows={4}
              maxLength={MAX_TLS_CA_CHARS}
              wrap="off"
              autoCapitalize="none"
              autoComplete="off"
              spellCheck={false}
              placeholder="-----BEGIN CERTIFICATE-----"
              aria-describedby={`${id}-tls-ca-help`}
              className="mono-input"
            />
          </label>
          <p id={`${id}-tls-ca-help`} className="muted admin-help wide">
            {t('admin.amiTlsCaHelp')}
          </p>
        </>
      )}
      <label className="wide">
        {t('admin.amiDeviceRules')}
        <textarea
          value={form.deviceRules}
          onChange={(e) => onChange({ deviceRules: e.target.value })}
          rows={3}
          wrap="off"
          autoCapitalize="none"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-rules-help`}
        />
      </label>
      <div id={`${id}-rules-help`} className="muted admin-help wide">
        <p>{t('admin.amiDeviceRulesHelp')}</p>
        <pre>
          <code>{DEVICE_RULE_EXAMPLES.join('\n')}</code>
        </pre>
      </div>
    </>
  );
}
