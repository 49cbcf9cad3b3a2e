import type { QueueCaller } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { useFormatNumber } from '../../lib/use-format-number';

/** A waiting or parked caller as the PBX gave it: name and number, whichever there are. */
export function CallerText({ caller }: { caller: Pick<QueueCaller, 'callerName' | 'callerNum'> }) {
  const { t } = useI18n();
  const format = useFormatNumber();
  const number = caller.callerNum === null ? null : format(caller.callerNum);
  if (caller.callerName === null && number === null) return <span className="panel-caller-name">{t('common.unknownCaller')}</span>;
  return (
    <>
      {caller.callerName !== null && <span className="panel-caller-name">{caller.callerName}</span>}
      {number !== null && <span className="panel-caller-number">{number}</span>}
    </>
  );
}
