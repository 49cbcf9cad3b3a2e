import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../lib/errors';
import { useToast } from '../lib/toast';

/** The phone calls are placed from; shown even with one device so the user knows which. */
export function DeviceSwitch() {
  const session = useSession();
  const i18n = useI18n();
  const toast = useToast();
  const devices = session.user.devices;
  if (devices.length === 0) return <span className="device muted">{i18n.t('shell.noDevice')}</span>;
  const current = devices.find((d) => d.isDefault) ?? devices[0]!;
  return (
    <label className="device">
      <span className="visually-hidden">{i18n.t('shell.defaultDevice')}</span>
      <select
        value={current.id}
        onChange={(event) => session.setDefaultDevice(Number(event.target.value)).catch((error) => toast.show(errorText(error, i18n), 'error'))}
      >
        {devices.map((d) => (
          <option key={d.id} value={d.id}>
            {d.label ? `${d.label} (${d.extension})` : `${i18n.t(`shell.device_${d.kind}`)} ${d.extension}`}
          </option>
        ))}
      </select>
    </label>
  );
}
