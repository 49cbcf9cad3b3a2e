import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useFetch } from '../../lib/use-fetch';
import { useSaveState } from '../settings/useSaveState';
import { AddSourceForm } from './AddSourceForm';
import { SourceDetails } from './SourceDetails';
import { SourceTable } from './SourceTable';
import { isAmiSource, type DialectInfo, type SourceInfo } from './source-types';
import '../settings/settings.css';
import './admin.css';

const loadSources = async (path: string) => (await api.get<{ sources: SourceInfo[] }>(path)).sources;
const loadDialects = async (path: string) => (await api.get<{ dialects: DialectInfo[] }>(path)).dialects;

/** How often the list is read again, so the connection badges stay current. */
const REFRESH_MS = 5000;

/** Sources: the phone systems that report calls (what to paste into each), and the Asterisk servers Switchboard connects to. */
export function SourcesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const list = useFetch('/sources', loadSources);
  const dialectList = useFetch('/sources/dialects', loadDialects);
  const action = useSaveState();
  const [status, setStatus] = useState('');
  // The one source whose secret is on screen; secrets are fetched only when asked for.
  const [shown, setShown] = useState<{ source: SourceInfo; notice?: string } | null>(null);

  const { reload } = list;
  useEffect(() => {
    // Not while the tab is in the background: nobody reads it, and the server need not answer.
    const timer = setInterval(() => {
      if (!document.hidden) void reload();
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);

  const sources = list.data ?? null;
  const dialects = dialectList.data ?? [];
  // One message at a time: the last action's failure, else why a list did not load.
  const loadError = list.error ?? dialectList.error;
  const error = action.state.phase === 'error' ? action.state.message : loadError ? errorText(loadError, i18n) : null;

  // An AMI source's panel follows the list's re-reads (its connection state); a webhook source's keeps the secret it was opened with.
  const current = (source: SourceInfo): SourceInfo => (isAmiSource(source) ? (sources?.find((s) => s.name === source.name) ?? source) : source);

  const act = async (run: () => Promise<void>) => {
    setStatus('');
    await action.run(run);
  };

  const show = (name: string) =>
    act(async () => {
      const reply = await api.get<{ source: SourceInfo }>(`/sources/${encodeURIComponent(name)}`);
      setShown({ source: reply.source });
    });
  const rotate = (name: string) =>
    act(async () => {
      const reply = await api.post<{ source: SourceInfo }>(`/sources/${encodeURIComponent(name)}/rotate-secret`);
      setShown({ source: reply.source, notice: t('admin.secretRotated', { name }) });
    });
  const changed = async (updated: SourceInfo) => {
    // A webhook source's shown secret stays; only what a change can touch is taken over.
    setShown((s) => (s && s.source.name === updated.name ? { ...s, source: isAmiSource(updated) ? updated : { ...s.source, enabled: updated.enabled } } : s));
    await list.reload();
  };
  const remove = (name: string) =>
    act(async () => {
      await api.delete(`/sources/${encodeURIComponent(name)}`);
      if (shown?.source.name === name) setShown(null);
      setStatus(t('admin.sourceDeleted', { name }));
      await list.reload();
    });

  return (
    <div className="admin-page">
      <h1>{t('admin.sourcesTitle')}</h1>
      <p className="muted">{t('admin.sourcesIntro')}</p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="admin-status" role="status">
        {status}
      </p>
      {sources === null && !error && <p role="status">{t('common.loading')}</p>}
      {sources && <SourceTable sources={sources} shownName={shown?.source.name ?? null} onShow={show} onRotate={rotate} onDelete={remove} />}
      {shown && <SourceDetails key={shown.source.name} source={current(shown.source)} notice={shown.notice} onChanged={changed} onClose={() => setShown(null)} />}
      <AddSourceForm
        dialects={dialects}
        onCreated={async (source) => {
          setShown({ source, notice: t(isAmiSource(source) ? 'admin.sourceCreatedAmi' : 'admin.sourceCreated', { name: source.name }) });
          await list.reload();
        }}
      />
    </div>
  );
}
