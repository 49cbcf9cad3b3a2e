import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { Section } from './Section';
import { SaveStatus } from './SaveStatus';
import { useSaveState } from './useSaveState';
import { SelectField } from './SelectField';

/** The phone calls are placed from and rung first; the administrator assigns the phones. */
export function DeviceSection() {
  const session = useSession();
  const { t } = useI18n();
  const save = useSaveState();
  const devices = session.user.devices;
  const current = devices.find((d) => d.isDefault) ?? devices[0];

  return (
    <Section id="settings-device" title={t('settings.deviceTitle')}>
      {devices.length === 0 || !current ? (
        <p className="muted">{t('settings.noDevices')}</p>
      ) : (
        <div className="settings-row">
          <SelectField label={t('settings.defaultDevice')} value={current.id} onChange={(event) => void save.run(() => session.setDefaultDevice(Number(event.target.value)))}>
            {devices.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label ? `${d.label} (${d.extension})` : `${t(`shell.device_${d.kind}`)} ${d.extension}`}
              </option>
            ))}
          </SelectField>
          <SaveStatus state={save.state} />
        </div>
      )}
    </Section>
  );
}
