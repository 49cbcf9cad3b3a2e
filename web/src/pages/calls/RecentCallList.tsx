import { useId } from 'react';
import type { CallLogEntry } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { causeText, outcomeText, phaseText } from '../../lib/codes';
import { errorText } from '../../lib/errors';
import type { Fetched } from '../../lib/use-fetch';
import { CallButton } from './CallButton';
import { CallParty } from './CallParty';
import { DirectionIcon } from './DirectionIcon';
import { dialable } from './numbers';
import './calls.css';

/** A short list of calls for the home page: who, when, how long, how it ended, and a button to call back. */
export function RecentCallList({ title, empty, calls }: { title: string; empty: string; calls: Fetched<CallLogEntry[]> }) {
  const i18n = useI18n();
  const { t, dateTime, duration } = i18n;
  const headingId = useId();
  return (
    <section className="card recent-calls" aria-labelledby={headingId} aria-busy={calls.loading}>
      <h2 id={headingId}>{title}</h2>
      {calls.error ? (
        <p className="error" role="alert">
          {errorText(calls.error, i18n)}{' '}
          <button type="button" onClick={() => void calls.reload()}>
            {t('common.retry')}
          </button>
        </p>
      ) : null}
      {calls.data === undefined ? (
        !calls.error && <p className="muted">{t('common.loading')}</p>
      ) : calls.data.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="call-list">
          {calls.data.map((call) => {
            const number = dialable(call);
            const outcome = call.outcome ? outcomeText(t, call.outcome) : phaseText(t, call.phase);
            const cause = causeText(t, call.cause);
            const spent = call.talkMs ? t('calls.talkDuration', { duration: duration(call.talkMs) }) : call.ringMs ? t('calls.ringDuration', { duration: duration(call.ringMs) }) : null;
            return (
              <li key={call.id} className={call.outcome === 'missed' ? 'call-item call-missed' : 'call-item'}>
                <DirectionIcon call={call} />
                <div className="call-item-body">
                  <CallParty call={call} />
                  <span className="call-item-meta muted">
                    <time dateTime={new Date(call.startedAt).toISOString()}>{dateTime(call.startedAt)}</time>
                    {spent && <> · {spent}</>}
                    {' · '}
                    <span className={call.outcome === 'missed' ? 'outcome-missed' : undefined}>{outcome}</span>
                    {cause && cause !== outcome && <> ({cause})</>}
                  </span>
                </div>
                {number && <CallButton label={call.remoteNumber ?? number} number={number} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
