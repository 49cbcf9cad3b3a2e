import type { ExtensionPresence } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

/** A shape per state as well as a colour and a word, so no state is told by colour alone. */
const ICONS: Record<ExtensionPresence, string> = {
  idle: '○',
  ringing: '☎',
  in_use: '●',
  busy: '■',
  unavailable: '✕',
  on_hold: '◐',
  unknown: '?',
};

/** An extension's or a queue member's state (member states are a subset of extension states). */
export function StateBadge({ state }: { state: ExtensionPresence }) {
  const { t } = useI18n();
  return (
    <span className={`panel-badge panel-state-${state}`}>
      <span className="panel-icon" aria-hidden="true">
        {ICONS[state]}
      </span>
      {t(`panel.state_${state}`)}
    </span>
  );
}
