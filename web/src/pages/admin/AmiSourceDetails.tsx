import { useState, type FormEvent } from 'react';
import { SourcePanel } from './SourcePanel';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { SaveStatus } from '../settings/SaveStatus';
import { useSaveState } from '../settings/useSaveState';
import { AmiSettingsFields, amiFormOf, deviceRulesOf, tlsCaOf, type AmiForm } from './AmiSettingsFields';
import { ConnectionBadge } from './ConnectionBadge';
import { SourceSwitch } from './SourceSwitch';
import { isAmiSource, type AmiSettings, type AmiSourceInfo, type SourceInfo } from './source-types';

/**
 * What changed between the stored settings and the form: only that is sent, a secret only when one
 * was typed, the certificate only while TLS is on (switching TLS off keeps it for when it is back on).
 */
function changes(stored: AmiSettings, form: AmiForm): Partial<AmiSettings & { secret: string }> {
  const patch: Partial<AmiSettings & { secret: string }> = {};
  if (form.host.trim() !== stored.host) patch.host = form.host.trim();
  if (Number(form.port) !== stored.port) patch.port = Number(form.port);
  if (form.username.trim() !== stored.username) patch.username = form.username.trim();
  if (form.tls !== stored.tls) patch.tls = form.tls;
  if (form.tls && tlsCaOf(form) !== stored.tlsCa) patch.tlsCa = tlsCaOf(form);
  if (form.auth !== stored.auth) patch.auth = form.auth;
  const rules = deviceRulesOf(form);
  if (rules.join('\n') !== stored.deviceRules.join('\n')) patch.deviceRules = rules;
  if (form.secret !== '') patch.secret = form.secret;
  return patch;
}

/**
 * An AMI source opened from the table: how its connection stands (fresh with every re-read of the
 * list), its settings to change, and switching it off or on. The secret is never shown, only replaced.
 */
export function AmiSourceDetails({
  source,
  notice,
  onClose,
  onChanged,
}: {
  source: AmiSourceInfo;
  notice?: string;
  onClose: () => void;
  onChanged: (source: SourceInfo) => Promise<void>;
}) {
  const { t } = useI18n();
  // From the settings when opened; the list's re-reads update the badge, never what is being typed.
  const [form, setForm] = useState<AmiForm>(() => amiFormOf(source.ami));
  const save = useSaveState();

  const set = (change: Partial<AmiForm>) => {
    setForm((f) => ({ ...f, ...change }));
    save.touch();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(async () => {
      const patch = changes(source.ami, form);
      if (Object.keys(patch).length === 0) return;
      const reply = await api.patch<{ source: SourceInfo }>(`/sources/${encodeURIComponent(source.name)}`, { ami: patch });
      if (isAmiSource(reply.source)) setForm(amiFormOf(reply.source.ami));
      await onChanged(reply.source);
    });
  };

  return (
    <SourcePanel title={t('admin.amiSettings', { name: source.name })} closeLabel={t('common.close')} onClose={onClose} notice={notice} focusKey={source.name}>
      <h3>{t('admin.connection')}</h3>
      <ConnectionBadge source={source} />

      <h3>{t('admin.editSource')}</h3>
      <form className="admin-form" onSubmit={submit}>
        <AmiSettingsFields form={form} onChange={set} mode="change" />
        <p className="muted admin-help wide">{t('admin.amiSaveHelp')}</p>
        <div className="admin-form-actions">
          <button type="submit" className="primary" disabled={save.busy}>
            {t('common.save')}
          </button>
          <SaveStatus state={save.state} />
        </div>
      </form>

      <SourceSwitch source={source} onChanged={onChanged} />
    </SourcePanel>
  );
}
