import { useState } from 'react';
import { api } from '../../api/client';
import type { ParkedCallState } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useToast } from '../../lib/toast';
import { useActsHere } from './acts-here';
import { CallerText } from './CallerText';
import { extensionOfDialString, type ExtensionNames } from './extension-names';
import { useNow } from './use-now';

const keyOf = (call: ParkedCallState) => `${call.lot}/${call.space}`;

/** Who parked the call: the user and extension when the dial string names a known phone. */
function parkerText(parkedBy: string | null, names: ExtensionNames): string {
  if (parkedBy === null) return '–';
  const extension = extensionOfDialString(parkedBy);
  if (extension === null) return parkedBy;
  const name = names.get(extension);
  return name ? `${name} (${extension})` : extension;
}

/** The calls waiting in parking spaces: whose, for how long, when they ring back, and a way to take one. */
export function ParkedCallList({ source, parked, names, labelledBy }: { source: string; parked: ParkedCallState[]; names: ExtensionNames; labelledBy: string }) {
  const i18n = useI18n();
  // Another PBX's parked calls are shown; only the user's own PBX can put one through to their phone.
  const canPickUp = useActsHere(source);
  const { t, duration } = i18n;
  const toast = useToast();
  const now = useNow(parked.length > 0);
  const [busy, setBusy] = useState<string | null>(null);

  if (parked.length === 0) return <p className="muted">{t('panel.noParked')}</p>;

  const pickUp = async (call: ParkedCallState) => {
    setBusy(keyOf(call));
    try {
      await api.post(`/parking/${encodeURIComponent(call.space)}/pickup`);
      toast.show(t('panel.pickingUp', { space: call.space }));
    } catch (error) {
      toast.show(errorText(error, i18n), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <ul className="panel-parked" aria-labelledby={labelledBy}>
      {parked.map((call) => {
        const ringsBack = call.timeoutAt === null ? null : call.timeoutAt - now;
        return (
          <li key={keyOf(call)} className="panel-parked-call card">
            <p className="panel-parked-space">{call.lot === 'default' ? t('panel.space', { space: call.space }) : t('panel.lotSpace', { space: call.space, lot: call.lot })}</p>
            <p className="panel-caller">
              <CallerText caller={call} />
            </p>
            <dl className="panel-stats">
              <div>
                <dt>{t('panel.parkedBy')}</dt>
                <dd>{parkerText(call.parkedBy, names)}</dd>
              </div>
              <div>
                <dt>{t('panel.parkedFor')}</dt>
                <dd>{duration(Math.max(0, now - call.since))}</dd>
              </div>
              <div>
                <dt>{t('panel.ringsBackIn')}</dt>
                <dd>{ringsBack === null ? t('panel.noRingBack') : ringsBack > 0 ? duration(ringsBack) : t('panel.ringingBack')}</dd>
              </div>
            </dl>
            {canPickUp && (
              <button
                type="button"
                className="primary"
                aria-label={t('panel.pickUpLabel', { space: call.space })}
                disabled={busy === keyOf(call)}
                onClick={() => void pickUp(call)}
              >
                {t('panel.pickUp')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
