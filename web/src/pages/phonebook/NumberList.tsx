import type { ContactNumberView } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { numberTypeText } from '../../lib/codes';
import { useDial } from '../../lib/dial';
import { dialable } from './contact-rules';

/** A contact's numbers, each with its type and a button that calls it. */
export function NumberList({ numbers }: { numbers: ContactNumberView[] }) {
  const { t } = useI18n();
  const dial = useDial();
  return (
    <ul className="pb-number-list">
      {numbers.map((n, i) => (
        <li key={i}>
          <span className="pb-number-type">{numberTypeText(t, n.type)}</span>
          <span className={n.kind === 'invalid' ? 'pb-number pb-invalid' : 'pb-number'} title={n.invalidReason ?? undefined}>
            {n.raw}
          </span>
          {n.kind === 'invalid' && <span className="pb-invalid-note">{t('phonebook.invalidNumber')}</span>}
          <button type="button" className="icon-button pb-call" aria-label={t('common.callNumber', { number: n.raw })} title={t('common.callNumber', { number: n.raw })} onClick={() => void dial(dialable(n))}>
            <span aria-hidden="true">☎</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
