import { api } from '../api/client';
import type { CallLogEntry } from '../api/types';
import { SpeedDialPanel } from '../components/SpeedDialPanel';
import { useI18n } from '../i18n/i18n';
import { useFetch } from '../lib/use-fetch';
import { RecentCallList } from './calls/RecentCallList';
import { useLiveRefresh } from './calls/useLiveRefresh';
import './calls/calls.css';

const LIST_SIZE = 10;

const loadCalls = async (path: string) => (await api.get<{ calls: CallLogEntry[] }>(path)).calls;

/** The start page: the latest calls and the missed ones, kept current as calls end, beside speed dial. */
export function HomePage() {
  const { t } = useI18n();
  const last = useFetch(`/calls?limit=${LIST_SIZE}`, loadCalls);
  const missed = useFetch(`/calls/missed?limit=${LIST_SIZE}`, loadCalls);
  useLiveRefresh(() => {
    void last.reload();
    void missed.reload();
  });

  return (
    <div className="home">
      <h1>{t('calls.homeTitle')}</h1>
      <div className="home-layout">
        <div className="home-lists">
          <RecentCallList title={t('calls.lastCalls')} empty={t('calls.noCalls')} calls={last} />
          <RecentCallList title={t('calls.missedCalls')} empty={t('calls.noMissed')} calls={missed} />
        </div>
        <div className="home-side">
          <SpeedDialPanel />
        </div>
      </div>
    </div>
  );
}
