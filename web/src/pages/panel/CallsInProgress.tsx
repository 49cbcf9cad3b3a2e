import { useId, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { CallView } from '../../api/types';
import { useSession } from '../../app/session';
import { holdOf } from '../../components/popup/call-flags';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useToast } from '../../lib/toast';
import { useFormatNumber } from '../../lib/use-format-number';
import { useActsHere } from './acts-here';
import { useAllActiveCalls } from './use-all-active-calls';
import { useNow } from './use-now';

/** ChanSpy's three ways in, as POST /calls/:id/spy names them. */
type SpyMode = 'listen' | 'whisper' | 'barge';
const MODES: readonly SpyMode[] = ['listen', 'whisper', 'barge'];
const RINGS: Record<SpyMode, MessageKey> = { listen: 'supervise.ringsListen', whisper: 'supervise.ringsWhisper', barge: 'supervise.ringsBarge' };

type Status = 'ringing' | 'dialing' | 'talking' | 'onHold';
/** The panel's state colours and shapes, so a call reads like the extensions around it. */
const BADGES: Record<Status, { className: string; icon: string }> = {
  ringing: { className: 'panel-state-ringing', icon: '☎' },
  dialing: { className: 'panel-state-ringing', icon: '☎' },
  talking: { className: 'panel-state-in_use', icon: '●' },
  onHold: { className: 'panel-state-on_hold', icon: '◐' },
};

function statusOf(call: CallView, userId: number): Status {
  if (call.phase === 'ringing') return 'ringing';
  if (call.phase === 'dialing') return 'dialing';
  return holdOf(call, userId) !== null ? 'onHold' : 'talking';
}

const phoneLabel = (party: { extension: string; userName: string | null }) => (party.userName ? `${party.userName} (${party.extension})` : party.extension);

/** Who is on the call here: whoever answered (or placed it), else the phones still ringing or dialing. */
function agentsOf(call: CallView): string[] {
  if (call.answeredBy) return [phoneLabel(call.answeredBy)];
  return call.legs.filter((leg) => leg.state === 'ringing' || leg.state === 'dialing').map(phoneLabel);
}

/**
 * Every call in progress on the phone systems of the panel, for admins (there is no supervisor
 * role yet): who talks to whom and since when, and on each answered call a way to listen, whisper
 * to the agent or barge in. The PBX rings the admin's own phone, which then joins the call.
 */
export function CallsInProgress({ sources }: { sources: readonly string[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const { calls, error } = useAllActiveCalls();
  // Calls that came in by webhook cannot be listened to: only the PBXs shown on the panel count.
  const shown = calls?.filter((call) => sources.includes(call.source)).sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : 1));
  const now = useNow((shown?.length ?? 0) > 0);
  const help: Record<SpyMode, string> = { listen: `${id}-listen`, whisper: `${id}-whisper`, barge: `${id}-barge` };

  return (
    <section className="panel-section panel-supervise" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('supervise.title')}</h2>
      <p className="muted">{t('supervise.intro')}</p>
      <ul className="panel-supervise-help">
        {MODES.map((mode) => (
          <li key={mode} id={help[mode]}>
            {t(`supervise.${mode}Help`)}
          </li>
        ))}
      </ul>
      {error !== null && (
        <p className="error">
          {t('supervise.loadFailed')} {errorText(error, i18n)}
        </p>
      )}
      {shown === undefined ? (
        error === null && <p className="muted">{t('common.loading')}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{t('supervise.none')}</p>
      ) : (
        <ul className="panel-supervise-calls" aria-labelledby={`${id}-title`}>
          {shown.map((call) => (
            <CallItem key={call.id} call={call} now={now} source={sources.length > 1 ? call.source : null} help={help} />
          ))}
        </ul>
      )}
    </section>
  );
}

function CallItem({ call, now, source, help }: { call: CallView; now: number; source: string | null; help: Record<SpyMode, string> }) {
  const i18n = useI18n();
  const { t, time, duration } = i18n;
  const { user } = useSession();
  const toast = useToast();
  const format = useFormatNumber();
  const [busy, setBusy] = useState(false);

  const status = statusOf(call, user.id);
  const badge = BADGES[status];
  const agents = agentsOf(call);
  const agentText = agents.length > 0 ? agents.join(', ') : t('supervise.nobody');
  const name = call.identity?.name ?? call.remoteName;
  const number = call.remoteNumber === null ? null : format(call.remoteNumber);
  const callerText = name ?? number ?? t('common.withheldNumber');
  const since = call.answeredAt ?? call.startedAt;
  const own = call.answeredBy !== null && call.answeredBy.userId === user.id;
  // Listening in rings the admin's own phone: only a call on the PBX that has it can be joined.
  const here = useActsHere(call.source);
  const supervisable = call.phase === 'answered' && call.answeredBy !== null && !own;

  const spy = async (mode: SpyMode) => {
    setBusy(true);
    try {
      await api.post(`/calls/${encodeURIComponent(call.id)}/spy`, { mode });
      toast.show(t(RINGS[mode]));
    } catch (error) {
      // "Your phone is not on this call" (the usual wording of this code) would mislead here.
      toast.show(error instanceof ApiError && error.code === 'not_on_call' ? t('supervise.noAgent') : errorText(error, i18n), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="panel-supervise-call card">
      <p className="panel-supervise-status">
        <span className={`panel-badge ${badge.className}`}>
          <span className="panel-icon" aria-hidden="true">
            {badge.icon}
          </span>
          {t(`supervise.${status}`)}
        </span>
        {source !== null && <span className="muted">{t('supervise.source', { source })}</span>}
      </p>
      <dl className="panel-stats">
        <div>
          <dt>{t('supervise.agent')}</dt>
          <dd>{agentText}</dd>
        </div>
        <div>
          <dt>{call.direction === 'outbound' ? t('supervise.called') : t('supervise.caller')}</dt>
          <dd>
            {callerText}
            {name !== null && number !== null && <span className="panel-supervise-number">{number}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('supervise.since')}</dt>
          <dd>{time(since)}</dd>
        </div>
        <div>
          <dt>{t('supervise.duration')}</dt>
          {/* The server's clock and this one may differ a little: never a negative time. */}
          <dd>{duration(Math.max(0, now - since))}</dd>
        </div>
        {call.queue !== null && (
          <div>
            <dt>{t('supervise.queue')}</dt>
            <dd>{call.queue}</dd>
          </div>
        )}
      </dl>
      {own ? (
        <p className="muted">{t('supervise.yourCall')}</p>
      ) : (
        supervisable &&
        (!here ? (
          <p className="muted">{t('supervise.otherPbx')}</p>
        ) : (
          <div className="panel-supervise-buttons" role="group" aria-label={t('supervise.controls', { agent: agentText, caller: callerText })}>
            {MODES.map((mode) => (
              <button key={mode} type="button" disabled={busy} title={t(`supervise.${mode}Help`)} aria-describedby={help[mode]} onClick={() => void spy(mode)}>
                {t(`supervise.${mode}`)}
              </button>
            ))}
          </div>
        ))
      )}
    </li>
  );
}
