import { useId } from 'react';
import type { QueueState } from '../../api/types';
import { useSession } from '../../app/session';
import { useActsHere } from './acts-here';
import { useI18n } from '../../i18n/i18n';
import { CallerText } from './CallerText';
import { below, Heading, type HeadingLevel } from './Heading';
import { membershipExtension, ownMember, QueueMembership } from './QueueMembership';
import { StateBadge } from './StateBadge';
import { useNow } from './use-now';

/**
 * One queue: how many wait (the one part read out as it changes), the longest wait, the counters,
 * who waits and for how long, and the members with their state; on an Asterisk (AMI) backend, the
 * user's own membership controls (on the PBX that serves the user).
 */
export function QueueCard({ source, queue, level }: { source: string; queue: QueueState; level: HeadingLevel }) {
  const { t, number, duration } = useI18n();
  const { user } = useSession();
  const id = useId();
  // Logging in and pausing are AMI actions on the user's own phone, on the PBX that has it.
  const ownControls = useActsHere(source) && user.devices.length > 0;
  const me = ownControls ? ownMember(queue, membershipExtension(user.devices)) : undefined;
  const now = useNow(queue.callers.length > 0);
  // The server's clock and this one may differ a little: never a negative wait.
  const since = (ms: number) => duration(Math.max(0, now - ms));
  return (
    <article className="panel-queue card" aria-labelledby={`${id}-name`}>
      <Heading level={level} id={`${id}-name`}>
        {queue.name}
      </Heading>
      <p className="panel-queue-waiting" aria-live="polite" aria-atomic="true">
        {t('panel.waitingCount', { count: number(queue.callers.length) })}
      </p>
      <dl className="panel-stats">
        <div>
          <dt>{t('panel.longestWait')}</dt>
          <dd>{queue.longestWaitSince === null ? '–' : since(queue.longestWaitSince)}</dd>
        </div>
        <div>
          <dt>{t('panel.answered')}</dt>
          <dd>{number(queue.completed)}</dd>
        </div>
        <div>
          <dt>{t('panel.abandoned')}</dt>
          <dd>{number(queue.abandoned)}</dd>
        </div>
      </dl>

      <Heading level={below(level)} id={`${id}-callers`}>
        {t('panel.waitingCallers')}
      </Heading>
      {queue.callers.length === 0 ? (
        <p className="muted">{t('panel.nobodyWaiting')}</p>
      ) : (
        <ol className="panel-callers" aria-labelledby={`${id}-callers`}>
          {queue.callers.map((caller) => (
            <li key={caller.uniqueid} className="panel-row">
              <span className="panel-caller">
                <CallerText caller={caller} />
              </span>
              <span className="panel-timer">{t('panel.waitingFor', { time: since(caller.since) })}</span>
            </li>
          ))}
        </ol>
      )}

      <Heading level={below(level)} id={`${id}-members`}>
        {t('panel.members')}
      </Heading>
      {queue.members.length === 0 ? (
        <p className="muted">{t('panel.noMembers')}</p>
      ) : (
        <ul className="panel-members" aria-labelledby={`${id}-members`}>
          {queue.members.map((member) => (
            <li key={member.interface} className="panel-row">
              <span className="panel-member">
                <span className="panel-member-name">{member.name}</span>
                {member === me && <span className="panel-you">{t('panel.you')}</span>}
                {member.extension !== null && <span className="muted">{t('panel.memberExtension', { extension: member.extension })}</span>}
              </span>
              <span className="panel-member-state">
                <StateBadge state={member.status} />
                {member.paused && (
                  <span className="panel-flag">
                    <span className="panel-icon" aria-hidden="true">
                      ‖
                    </span>
                    {member.pausedReason ? t('panel.pausedReason', { reason: member.pausedReason }) : t('panel.paused')}
                  </span>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {ownControls && <QueueMembership queue={queue} me={me} />}
    </article>
  );
}
