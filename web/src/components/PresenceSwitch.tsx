import type { Presence } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../lib/errors';
import { useToast } from '../lib/toast';

const PRESENCES: Presence[] = ['available', 'away', 'dnd'];

/** The user's own status, kept in Switchboard until a PBX backend ties it to the phone. */
export function PresenceSwitch() {
  const session = useSession();
  const i18n = useI18n();
  const toast = useToast();
  const presence = session.user.presence;
  return (
    <label className={`presence presence-${presence}`}>
      <span className="presence-dot" aria-hidden="true" />
      <span className="visually-hidden">{i18n.t('shell.presence')}</span>
      <select
        value={presence}
        onChange={(event) => session.setPresence(event.target.value as Presence).catch((error) => toast.show(errorText(error, i18n), 'error'))}
      >
        {PRESENCES.map((p) => (
          <option key={p} value={p}>
            {i18n.t(`shell.presence_${p}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
