import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';

/** The customer card without a number yet: ask for one. */
export function NumberLookup({ onLookup }: { onLookup: (number: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [number, setNumber] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (number.trim()) onLookup(number.trim());
  };
  return (
    <form className="toolbar" onSubmit={submit}>
      <p className="muted number-lookup-intro">{t('card.lookupIntro')}</p>
      <div className="field">
        <label htmlFor={id}>{t('card.lookupLabel')}</label>
        <input id={id} type="tel" autoComplete="off" value={number} required onChange={(e) => setNumber(e.target.value)} />
      </div>
      <button type="submit" className="primary">
        {t('card.lookup')}
      </button>
    </form>
  );
}
