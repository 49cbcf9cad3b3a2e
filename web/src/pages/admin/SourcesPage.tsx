import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { AddSourceForm } from './AddSourceForm';
import { SourceDetails } from './SourceDetails';
import { SourceTable } from './SourceTable';
import type { DialectInfo, SourceInfo } from './source-types';
import '../settings/settings.css';
import './admin.css';

/** Webhook sources: the phone systems that report calls, and what to paste into each. */
export function SourcesPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [sources, setSources] = useState<SourceInfo[] | null>(null);
  const [dialects, setDialects] = useState<DialectInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  // The one source whose secret is on screen; secrets are fetched only when asked for.
  const [shown, setShown] = useState<{ source: SourceInfo; notice?: string } | null>(null);

  const load = useCallback(async () => {
    try {
      setSources((await api.get<{ sources: SourceInfo[] }>('/sources')).sources);
      setError(null);
    } catch (e) {
      setError(errorText(e, i18n));
    }
  }, [i18n]);
  useEffect(() => {
    void load();
    api
      .get<{ dialects: DialectInfo[] }>('/sources/dialects')
      .then((reply) => setDialects(reply.dialects))
      .catch((e) => setError(errorText(e, i18n)));
  }, [load, i18n]);

  const act = async (action: () => Promise<void>) => {
    setError(null);
    setStatus('');
    try {
      await action();
    } catch (e) {
      setError(errorText(e, i18n));
    }
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
  const remove = (name: string) =>
    act(async () => {
      await api.delete(`/sources/${encodeURIComponent(name)}`);
      if (shown?.source.name === name) setShown(null);
      setStatus(t('admin.sourceDeleted', { name }));
      await load();
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
      {shown && <SourceDetails key={shown.source.name} source={shown.source} notice={shown.notice} onClose={() => setShown(null)} />}
      <AddSourceForm
        dialects={dialects}
        onCreated={async (source) => {
          setShown({ source, notice: t('admin.sourceCreated', { name: source.name }) });
          await load();
        }}
      />
    </div>
  );
}
