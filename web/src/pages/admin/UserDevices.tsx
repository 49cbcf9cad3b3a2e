import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { PublicUser } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ConfirmButton } from './ConfirmButton';
import { SelectField } from '../settings/SelectField';
import { useSaveState } from '../settings/useSaveState';

type Device = PublicUser['devices'][number];
const KINDS: Device['kind'][] = ['desk', 'softphone', 'mobile', 'other'];

/** A user's phones: the extensions calls are routed by, and which one dials out. */
export function UserDevices({ user, onChanged }: { user: PublicUser; onChanged: () => Promise<void> }) {
  const { t } = useI18n();
  const [form, setForm] = useState({ extension: '', kind: '' as Device['kind'] | '', label: '' });
  const [status, setStatus] = useState('');
  const change = useSaveState();
  const id = `user-${user.id}-devices`;

  const act = async (action: () => Promise<unknown>, done: string) => {
    setStatus('');
    const ok = await change.run(async () => {
      await action();
      await onChanged();
    });
    if (ok) setStatus(done);
    return ok;
  };

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      extension: form.extension.trim(),
      ...(form.kind && { kind: form.kind }),
      ...(form.label.trim() && { label: form.label.trim() }),
    };
    if (await act(() => api.post(`/users/${user.id}/devices`, body), t('admin.deviceAdded', { extension: body.extension }))) {
      setForm({ extension: '', kind: '', label: '' });
    }
  };

  const describe = (d: Device) => (d.label ? `${d.label} (${d.extension})` : d.extension);

  return (
    <div role="group" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('admin.devices')}</h3>
      {user.devices.length === 0 ? (
        <p className="muted">{t('admin.noDevices')}</p>
      ) : (
        <div className="table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.extension')}</th>
                <th scope="col">{t('admin.kind')}</th>
                <th scope="col">{t('admin.label')}</th>
                <th scope="col">{t('admin.default')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {user.devices.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.extension}
                    {d.e164 && d.e164 !== d.extension && <span className="muted"> ({d.e164})</span>}
                  </td>
                  <td>{t(`shell.device_${d.kind}`)}</td>
                  <td>{d.label || '–'}</td>
                  <td>{d.isDefault ? t('common.yes') : t('common.no')}</td>
                  <td>
                    <div className="admin-actions">
                      {!d.isDefault && (
                        <button
                          type="button"
                          disabled={change.busy}
                          aria-label={t('admin.makeDefaultNamed', { device: describe(d) })}
                          onClick={() => void act(() => api.put(`/users/${user.id}/default-device`, { deviceId: d.id }), t('admin.defaultChanged', { device: describe(d) }))}
                        >
                          {t('admin.makeDefault')}
                        </button>
                      )}
                      <ConfirmButton
                        ariaLabel={t('admin.removeDeviceNamed', { device: describe(d) })}
                        question={t('admin.removeDeviceQuestion', { device: describe(d) })}
                        confirmLabel={t('admin.remove')}
                        onConfirm={async () => {
                          await act(() => api.delete(`/users/${user.id}/devices/${d.id}`), t('admin.deviceRemoved', { device: describe(d) }));
                        }}
                      >
                        {t('admin.remove')}
                      </ConfirmButton>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="admin-form" onSubmit={(event) => void add(event)} aria-label={t('admin.addDevice')}>
        <label>
          {t('admin.extension')}
          <input
            value={form.extension}
            onChange={(e) => setForm((f) => ({ ...f, extension: e.target.value }))}
            required
            maxLength={32}
            inputMode="tel"
            autoComplete="off"
          />
        </label>
        <SelectField label={t('admin.kind')} value={form.kind} onChange={(e) => setForm((f) => ({ ...f, kind: e.target.value as Device['kind'] | '' }))}>
          <option value="">{t('admin.kindAuto')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`shell.device_${k}`)}
            </option>
          ))}
        </SelectField>
        <label>
          {t('admin.label')}
          <input value={form.label} onChange={(e) => setForm((f) => ({ ...f, label: e.target.value }))} maxLength={100} autoComplete="off" />
        </label>
        <div className="admin-form-actions">
          <button type="submit" disabled={change.busy}>
            {t('admin.addDevice')}
          </button>
        </div>
      </form>
      {change.state.phase === 'error' && (
        <p className="error" role="alert">
          {change.state.message}
        </p>
      )}
      <p className="admin-status" role="status">
        {status}
      </p>
    </div>
  );
}
