import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { useDial } from '../../lib/dial';
import { useFormatNumber } from '../../lib/use-format-number';
import './calls.css';

/**
 * An icon button that dials. `label` is the number as the user sees it (the accessible name says
 * "Call <label>"); `number` is what is dialed, when it differs.
 */
export function CallButton({ label, number }: { label: string; number?: string }) {
  const { t } = useI18n();
  const dial = useDial();
  const formatNumber = useFormatNumber();
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      await dial(number ?? label);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="call-button" aria-label={t('common.callNumber', { number: formatNumber(label) })} disabled={busy} onClick={() => void onClick()}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z"
        />
      </svg>
    </button>
  );
}
