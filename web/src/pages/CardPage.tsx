import { useSearchParams } from 'react-router';
import { api, ApiError, withQuery } from '../api/client';
import type { CallView, CustomerCard } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../lib/errors';
import { useFetch } from '../lib/use-fetch';
import { CustomerCardView } from './calls/CustomerCardView';
import { NumberLookup } from './calls/NumberLookup';
import { sameNumber } from './calls/numbers';
import { useLiveRefresh } from './calls/useLiveRefresh';
import './calls/calls.css';

/** The customer card for ?number=: who it is, their contacts, the calls with them and the notes on those. */
export function CardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [params, setParams] = useSearchParams();
  const number = params.get('number')?.trim() || null;
  const card = useFetch(number ? withQuery('/card', { number }) : null, (key) => api.get<CustomerCard>(key));

  const isThisNumber = (call: CallView) =>
    sameNumber(call.remoteNumber, number) || sameNumber(call.remoteNumber, card.data?.number.e164) || sameNumber(call.remoteNumber, card.data?.number.display);
  useLiveRefresh(() => void card.reload(), { enabled: number !== null, matches: isThisNumber });

  // The server's 400 says what is wrong with the number; show that rather than a generic failure.
  const badNumber = card.error instanceof ApiError && card.error.status === 400;
  const problem = badNumber && card.error instanceof Error ? card.error.message : card.error ? errorText(card.error, i18n) : null;

  return (
    <div className="customer-card">
      <h1>{t('card.title')}</h1>
      {number === null ? (
        <NumberLookup onLookup={(value) => setParams({ number: value })} />
      ) : (
        <div aria-busy={card.loading}>
          {problem && (
            <p className="error" role="alert">
              {problem}{' '}
              {!badNumber && (
                <button type="button" onClick={() => void card.reload()}>
                  {t('common.retry')}
                </button>
              )}
            </p>
          )}
          {badNumber && <NumberLookup onLookup={(value) => setParams({ number: value })} />}
          {card.data ? (
            <CustomerCardView card={card.data} onNoteAdded={() => void card.reload()} />
          ) : (
            !problem && <p className="muted">{t('common.loading')}</p>
          )}
        </div>
      )}
    </div>
  );
}
