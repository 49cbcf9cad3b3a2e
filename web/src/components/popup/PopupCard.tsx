import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CallView } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { useFormatNumber } from '../../lib/use-format-number';
import { callerName } from '../../lib/caller';
import { sourceText } from '../../lib/codes';
import { holdOf, recordingOf } from './call-flags';
import type { CardKind } from './card-state';
import { PhoneControls, type PhoneAction } from './PhoneControls';

export interface PopupCardProps {
  call: CallView;
  kind: CardKind;
  /** The filled link for "Open link"; undefined when no template is set, null when it gives no valid URL. */
  link: string | null | undefined;
  /** Show the mute button (the ring is on for this call). */
  canMute: boolean;
  muted: boolean;
  onMute: () => void;
  /** `hadFocus`: the card held the focus, which should then move on rather than get lost. */
  onDismiss: (hadFocus: boolean) => void;
  onCustomerCard: () => void;
  onOpenLink: () => void;
  onCallBack: () => void;
}

const CONTROLS: Partial<Record<CardKind, PhoneAction[]>> = {
  ringing: ['answer', 'hangup', 'transfer'],
  inCall: ['hangup', 'transfer', 'park', 'record'],
};

/** Seconds since `from`, ticking while shown; role=timer keeps screen readers from reading every tick. */
function RunningDuration({ from }: { from: number }) {
  const { t, duration } = useI18n();
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return (
    <span role="timer" aria-live="off" aria-label={t('popup.callDuration')}>
      {duration(Math.max(0, now - from))}
    </span>
  );
}

function Status({ call, kind }: { call: CallView; kind: CardKind }) {
  const { t, time, duration } = useI18n();
  switch (kind) {
    case 'ringing':
      return (
        <>
          {t('popup.ringing')}
          {call.queue ? ` · ${t('popup.queue', { queue: call.queue })}` : ''}
        </>
      );
    case 'inCall':
      return (
        <>
          {t('popup.inCall')} · <RunningDuration from={call.answeredAt ?? call.startedAt} />
        </>
      );
    case 'answeredElsewhere':
      return <>{call.answeredBy ? t('popup.answeredBy', { name: call.answeredBy.userName ?? call.answeredBy.extension }) : t('codes.cause_answered_elsewhere')}</>;
    case 'ended':
      return (
        <>
          {t('popup.callEnded')}
          {call.talkMs !== null ? ` · ${duration(call.talkMs)}` : ''}
        </>
      );
    case 'missed':
      return (
        <>
          {t('popup.missedCall')} {t('popup.missedAt', { time: time(call.endedAt ?? call.startedAt) })}
        </>
      );
  }
}

/** What the phone system says of the call: who holds it, whether it is being recorded. */
function CallFlagsLine({ call, id }: { call: CallView; id: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const hold = holdOf(call, user.id);
  const recording = recordingOf(call);
  if (hold === null && recording === 'off') return null;
  return (
    <p className="popup-flags" id={id}>
      {hold && (
        <span className="popup-hold">
          {hold.by === 'you' ? t('popup.onHoldByYou') : hold.by === 'caller' ? t('popup.onHoldByCaller') : t('popup.onHoldBy', { name: hold.name })}
        </span>
      )}
      {recording !== 'off' && <span className={`popup-rec popup-rec-${recording}`}>{recording === 'on' ? t('popup.recordingOn') : t('popup.recordingPaused')}</span>}
    </p>
  );
}

/** One call: who it is (filled in when the directory answers, without moving anything), what happens, what to do. */
export function PopupCard(props: PopupCardProps) {
  const { call, kind } = props;
  const i18n = useI18n();
  const formatNumber = useFormatNumber();
  const { t } = i18n;
  const headingId = useId();
  const statusId = useId();
  const flagsId = useId();
  const ref = useRef<HTMLElement>(null);
  const caller = callerName(call, i18n);
  const identity = call.identity;

  const dismiss = () => props.onDismiss(!!ref.current && ref.current.contains(document.activeElement));
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    dismiss();
  };

  const meta: string[] = [];
  if (identity) {
    if (identity.company) meta.push(identity.company);
    meta.push(sourceText(t, identity.source));
  } else if (!call.identifying && call.remoteName) {
    meta.push(t('popup.pbxName', { name: call.remoteName }));
  }
  if (call.queue && kind !== 'ringing') meta.push(t('popup.queue', { queue: call.queue }));
  const failures = [...new Set(call.lookupFailures.map((failure) => sourceText(t, failure.source)))];

  return (
    <article ref={ref} data-call-id={call.id} className={`popup-card popup-${kind}`} aria-labelledby={headingId} aria-describedby={`${statusId} ${flagsId}`} tabIndex={-1} onKeyDown={onKeyDown}>
      <div className="popup-top">
        <p className="popup-status" id={statusId}>
          <Status call={call} kind={kind} />
        </p>
        <button type="button" className="icon-button popup-close" aria-label={t('popup.dismiss', { caller })} onClick={dismiss}>
          ×
        </button>
      </div>
      <CallFlagsLine call={call} id={flagsId} />
      <h2 className="popup-caller" id={headingId} title={call.identifying ? undefined : (identity?.name ?? undefined)}>
        {call.identifying ? (
          <>
            <span className="popup-skeleton" aria-hidden="true" />
            <span className="visually-hidden">{t('popup.identifying')}</span>
          </>
        ) : (
          (identity?.name ?? t('common.unknownCaller'))
        )}
      </h2>
      <p className="popup-number">{call.remoteNumber ? formatNumber(call.remoteNumber) : t('common.withheldNumber')}</p>
      <p className="popup-meta">{call.identifying ? <span className="popup-skeleton popup-skeleton-short" aria-hidden="true" /> : meta.join(' · ')}</p>
      {!call.identifying && failures.length > 0 && <p className="popup-failures">{t('popup.lookupFailed', { sources: failures.join(', ') })}</p>}
      <div className="popup-buttons">
        {kind === 'missed' && call.remoteNumber && (
          <button type="button" className="primary" onClick={props.onCallBack}>
            {t('popup.callBack')}
          </button>
        )}
        {call.remoteNumber && (
          <button type="button" onClick={props.onCustomerCard}>
            {t('popup.customerCard')}
          </button>
        )}
        {props.link !== undefined && (
          <button type="button" onClick={props.onOpenLink} disabled={props.link === null}>
            {t('popup.openLink')}
          </button>
        )}
        {props.canMute && (
          <button type="button" aria-pressed={props.muted} onClick={props.onMute}>
            {t('popup.mute')}
          </button>
        )}
      </div>
      {CONTROLS[kind] && <PhoneControls call={call} actions={CONTROLS[kind]} />}
    </article>
  );
}
