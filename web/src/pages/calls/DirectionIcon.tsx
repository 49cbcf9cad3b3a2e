import type { CallLogEntry } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { directionText } from '../../lib/codes';
import './calls.css';

/** An arrow for the direction (red when the call was missed), with the direction in words for screen readers. */
export function DirectionIcon({ call }: { call: Pick<CallLogEntry, 'direction' | 'outcome'> }) {
  const { t } = useI18n();
  const missed = call.outcome === 'missed';
  const text = directionText(t, call.direction);
  return (
    <span className={`direction${missed ? ' direction-missed' : ''}`} title={text}>
      <span aria-hidden="true">{call.direction === 'outbound' ? '↗' : '↙'}</span>
      <span className="visually-hidden">{text}</span>
    </span>
  );
}
