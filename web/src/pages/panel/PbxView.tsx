import { useId } from 'react';
import type { PbxSnapshot } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ExtensionGrid } from './ExtensionGrid';
import type { ExtensionNames } from './extension-names';
import { below, Heading, type HeadingLevel } from './Heading';
import { ParkedCallList } from './ParkedCallList';
import { QueueCard } from './QueueCard';
import { TrunkTable } from './TrunkTable';

/** One phone system's state: extensions, queues, parked calls and trunks, each under its heading. */
export function PbxView({ source, snapshot, names, filter, level }: { source: string; snapshot: PbxSnapshot; names: ExtensionNames; filter: string; level: HeadingLevel }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <>
      <section className="panel-section" aria-labelledby={`${id}-ext`}>
        <Heading level={level} id={`${id}-ext`}>
          {t('panel.extensions')}
        </Heading>
        <ExtensionGrid extensions={snapshot.extensions} names={names} filter={filter} labelledBy={`${id}-ext`} />
      </section>
      <section className="panel-section" aria-labelledby={`${id}-queues`}>
        <Heading level={level} id={`${id}-queues`}>
          {t('panel.queues')}
        </Heading>
        {snapshot.queues.length === 0 ? (
          <p className="muted">{t('panel.noQueues')}</p>
        ) : (
          <div className="panel-queues">
            {snapshot.queues.map((queue) => (
              <QueueCard key={queue.name} source={source} queue={queue} level={below(level)} />
            ))}
          </div>
        )}
      </section>
      <section className="panel-section" aria-labelledby={`${id}-parked`}>
        <Heading level={level} id={`${id}-parked`}>
          {t('panel.parked')}
        </Heading>
        <ParkedCallList source={source} parked={snapshot.parked} names={names} labelledBy={`${id}-parked`} />
      </section>
      <section className="panel-section" aria-labelledby={`${id}-trunks`}>
        <Heading level={level} id={`${id}-trunks`}>
          {t('panel.trunks')}
        </Heading>
        <TrunkTable trunks={snapshot.trunks} labelledBy={`${id}-trunks`} />
      </section>
    </>
  );
}
