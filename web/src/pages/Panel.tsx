import { useId, useState } from 'react';
import type { PbxSnapshot } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { usePbx, useRealtime } from '../realtime/realtime';
import { CallsInProgress } from './panel/CallsInProgress';
import { useExtensionNames, type ExtensionNames } from './panel/extension-names';
import { NoPbx } from './panel/NoPbx';
import { PbxView } from './panel/PbxView';
import './panel/panel.css';

/**
 * The operator panel: what every connected phone system is doing now, pushed over the live
 * connection. With several PBXs each gets its own heading, since extensions may repeat.
 */
export function PanelPage() {
  const { t } = useI18n();
  const pbx = usePbx();
  const { status } = useRealtime();
  const names = useExtensionNames();
  const { isAdmin, capabilities } = useSession();
  // Listening in goes through the admin's own phone on the PBX: no supervisor role yet, admins supervise.
  const supervising = isAdmin && capabilities.backend === 'ami';
  const [filter, setFilter] = useState('');
  const sources = Object.keys(pbx).sort();

  if (sources.length === 0) {
    return (
      <div className="panel">
        <h1>{t('panel.title')}</h1>
        {status === 'open' ? <NoPbx /> : <p className="muted">{t('common.loading')}</p>}
      </div>
    );
  }

  const several = sources.length > 1;
  return (
    <div className="panel">
      <h1>{t('panel.title')}</h1>
      {status !== 'open' && <p className="notice">{t('panel.notLive')}</p>}
      {supervising && <CallsInProgress sources={sources} />}
      <div className="toolbar">
        <label className="panel-filter">
          {t('panel.filterLabel')}
          <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} autoComplete="off" />
        </label>
      </div>
      {several ? (
        sources.map((source) => <SourceSection key={source} source={source} snapshot={pbx[source]!} names={names} filter={filter} />)
      ) : (
        <PbxView source={sources[0]!} snapshot={pbx[sources[0]!]!} names={names} filter={filter} level={2} />
      )}
    </div>
  );
}

function SourceSection({ source, snapshot, names, filter }: { source: string; snapshot: PbxSnapshot; names: ExtensionNames; filter: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="panel-source" aria-labelledby={id}>
      <h2 id={id}>{t('panel.sourceTitle', { source })}</h2>
      <PbxView source={source} snapshot={snapshot} names={names} filter={filter} level={3} />
    </section>
  );
}
