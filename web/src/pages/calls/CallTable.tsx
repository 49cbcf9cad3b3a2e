import { Fragment, useState } from 'react';
import type { CallLogEntry } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n, type I18n } from '../../i18n/i18n';
import { callerName } from '../../lib/caller';
import { causeText, outcomeText, phaseText } from '../../lib/codes';
import { CallButton } from './CallButton';
import { CallNotes } from './CallNotes';
import { CallParty } from './CallParty';
import { DirectionIcon } from './DirectionIcon';
import { dialable } from './numbers';
import './calls.css';

interface Props {
  calls: CallLogEntry[];
  caption: string;
  /** Users' names by id (admins have them), for "answered by". */
  userNames?: ReadonlyMap<number, string>;
  /** Note counts already known (the customer card has them); others show once opened. */
  noteCounts?: ReadonlyMap<string, number>;
  /** After a note was added, e.g. to re-read a page that lists them. */
  onNoteAdded?: () => void;
}

const COLUMNS = 9;

/** The call-log table: one row per call, and a row beneath it with its notes when opened. */
export function CallTable({ calls, caption, userNames, noteCounts, onNoteAdded }: Props) {
  const i18n = useI18n();
  const { t, dateTime, duration } = i18n;
  const session = useSession();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [counts, setCounts] = useState<ReadonlyMap<string, number>>(new Map());

  const toggle = (id: string) =>
    setOpen((set) => {
      const next = new Set(set);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const noted = (id: string, count: number) => {
    const before = counts.get(id) ?? noteCounts?.get(id);
    setCounts((map) => new Map(map).set(id, count));
    if (before !== undefined && count > before) onNoteAdded?.();
  };

  const answeredBy = (call: CallLogEntry): string => {
    if (call.answeredByUserId !== null && call.answeredByUserId === session.user.id) return t('calls.you');
    if (call.answeredByUserId !== null) return userNames?.get(call.answeredByUserId) ?? call.answeredBy ?? '–';
    return call.answeredBy ?? '–';
  };

  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="call-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calls.colTime')}</th>
            <th scope="col">{t('calls.colDirection')}</th>
            <th scope="col">{t('calls.colParty')}</th>
            <th scope="col">{t('calls.colAnsweredBy')}</th>
            <th scope="col">{t('calls.colOutcome')}</th>
            <th scope="col">{t('calls.colRing')}</th>
            <th scope="col">{t('calls.colTalk')}</th>
            <th scope="col">{t('calls.colQueue')}</th>
            <th scope="col">{t('calls.colNotes')}</th>
          </tr>
        </thead>
        <tbody>
          {calls.map((call) => {
            const isOpen = open.has(call.id);
            const count = counts.get(call.id) ?? noteCounts?.get(call.id);
            const number = dialable(call);
            const notesId = `notes-${encodeURIComponent(call.id)}`;
            const notesText = count ? t('calls.notesCount', { count }) : t('calls.notes');
            return (
              <Fragment key={call.id}>
                <tr className={call.outcome === 'missed' ? 'call-missed' : undefined}>
                  <td className="nowrap">{dateTime(call.startedAt)}</td>
                  <td>
                    <DirectionIcon call={call} />
                  </td>
                  <td>
                    <div className="party-cell">
                      <CallParty call={call} />
                      {number && <CallButton label={call.remoteNumber ?? number} number={number} />}
                    </div>
                  </td>
                  <td>{answeredBy(call)}</td>
                  <td>
                    <OutcomeText call={call} t={t} />
                  </td>
                  <td className="num">{duration(call.ringMs)}</td>
                  <td className="num">{duration(call.talkMs)}</td>
                  <td>{call.queue ?? '–'}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button notes-toggle"
                      aria-expanded={isOpen}
                      aria-controls={isOpen ? notesId : undefined}
                      aria-label={t('calls.notesFor', { notes: notesText, name: callerName(call, i18n), time: dateTime(call.startedAt) })}
                      onClick={() => toggle(call.id)}
                    >
                      {notesText}
                    </button>
                  </td>
                </tr>
                {isOpen && (
                  <tr className="notes-row">
                    <td colSpan={COLUMNS} id={notesId}>
                      <CallNotes callId={call.id} onChange={(n) => noted(call.id, n)} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function OutcomeText({ call, t }: { call: CallLogEntry; t: I18n['t'] }) {
  const outcome = call.outcome ? outcomeText(t, call.outcome) : phaseText(t, call.phase);
  const cause = causeText(t, call.cause);
  return (
    <>
      <span className={call.outcome === 'missed' ? 'outcome-missed' : undefined}>{outcome}</span>
      {cause && cause !== outcome && <span className="cause muted">{cause}</span>}
    </>
  );
}
