import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, withQuery } from '../api/client';
import type { CallLogEntry, PublicUser } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { errorText } from '../lib/errors';
import { useFetch } from '../lib/use-fetch';
import { CallFilterForm } from './calls/CallFilterForm';
import { CallTable } from './calls/CallTable';
import { apiQuery, filtersFromParams, filtersToParams, type CallFilters } from './calls/filters';
import { useLiveRefresh } from './calls/useLiveRefresh';
import './calls/calls.css';

const PAGE_SIZE = 50;

interface CallsPage {
  calls: CallLogEntry[];
  next: string | null;
}

/** The user's calls; for admins also anyone's or everyone's (the PBX report). Filters live in the URL. */
export function CallLogPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { isAdmin } = useSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const query = apiQuery(filters, isAdmin);
  const filterKey = withQuery('/calls', query);

  // Page n is fetched with the `next` of page n-1; the stack starts over whenever the filters change.
  const [paging, setPaging] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = paging.key === filterKey ? paging.cursors : [];
  const before = cursors[cursors.length - 1];

  const page = useFetch(withQuery('/calls', { ...query, limit: PAGE_SIZE, before }), (key) => api.get<CallsPage>(key));
  const users = useFetch(isAdmin ? '/users' : null, async (key) => (await api.get<{ users: PublicUser[] }>(key)).users);
  const userNames = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u.displayName])), [users.data]);

  // Later pages stay put while the user reads them; the first follows new calls.
  useLiveRefresh(() => void page.reload(), { enabled: cursors.length === 0 });

  const applyFilters = (next: CallFilters) => setParams(filtersToParams(next));
  const nextPage = () => {
    if (page.data?.next) setPaging({ key: filterKey, cursors: [...cursors, page.data.next] });
  };
  const previousPage = () => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) });

  return (
    <div className="call-log">
      <h1>{t('calls.title')}</h1>
      <CallFilterForm filters={filters} onChange={applyFilters} users={isAdmin ? (users.data ?? []) : null} />
      <p className="call-log-actions">
        <a href={withQuery('/api/v1/calls/export', query)} download>
          {t('calls.exportCsv')}
        </a>
      </p>
      {page.error ? (
        <p className="error" role="alert">
          {errorText(page.error, i18n)}{' '}
          <button type="button" onClick={() => void page.reload()}>
            {t('common.retry')}
          </button>
        </p>
      ) : null}
      <div aria-busy={page.loading}>
        {page.data === undefined ? (
          !page.error && <p className="muted">{t('common.loading')}</p>
        ) : page.data.calls.length === 0 && cursors.length === 0 ? (
          <p className="muted">{t('calls.noCalls')}</p>
        ) : (
          <CallTable calls={page.data.calls} caption={t('calls.tableCaption')} userNames={userNames} />
        )}
      </div>
      <nav className="pager" aria-label={t('calls.paging')}>
        <button type="button" disabled={cursors.length === 0} onClick={previousPage}>
          {t('common.previous')}
        </button>
        <span aria-live="polite">{t('calls.pageNumber', { page: cursors.length + 1 })}</span>
        <button type="button" disabled={!page.data?.next} onClick={nextPage}>
          {t('common.next')}
        </button>
      </nav>
    </div>
  );
}
