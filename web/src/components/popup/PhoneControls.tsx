import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { CallView, Capabilities } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useToast } from '../../lib/toast';
import { recordingOf } from './call-flags';

export type PhoneAction = 'answer' | 'hangup' | 'transfer' | 'park' | 'record';

/**
 * Shown only where the phone system does them at all (now, or once it is reachable again): a
 * backend that never parks or records gets no disabled button for it, answering and hanging up
 * are always listed so their absence is explained.
 */
const OPTIONAL: ReadonlySet<PhoneAction> = new Set(['park', 'record']);

type ActionState = Capabilities['actions'][PhoneAction];
const UNKNOWN: ActionState = { available: false, reason: null };

/**
 * "Answer, hang up or transfer on your phone: no PBX connection yet": one sentence per reason,
 * naming the actions it stops, so a disabled button is never left unexplained.
 */
function reasonSentence({ t, locale }: Pick<I18n, 't' | 'locale'>, reason: string | null, actions: PhoneAction[]): string {
  const verbs = actions.map((action) => t(`popup.verb_${action}`));
  let list: string;
  try {
    list = new Intl.ListFormat(locale, { type: 'disjunction' }).format(verbs);
  } catch {
    list = verbs.join(', ');
  }
  const key = `popup.unavailable_${reason ?? 'none'}` as MessageKey;
  let text = reason ? t(key, { actions: list }) : t('popup.unavailable_none', { actions: list });
  if (text === key) text = t('popup.unavailable_other', { actions: list, reason: reason ?? '' });
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** The backend's call controls: usable when the phone system allows it, otherwise disabled with the reason. */
export function PhoneControls({ call, actions: wanted }: { call: CallView; actions: PhoneAction[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { capabilities } = useSession();
  const toast = useToast();
  const baseId = useId();
  const [busy, setBusy] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [target, setTarget] = useState('');
  const [attended, setAttended] = useState(false);
  /** An attended transfer is under way: the caller waits while the user consults the target. */
  const [consulting, setConsulting] = useState(false);
  /** As the phone system reports it, whoever started it (another tab, the phone, the dialplan). The labels say what a press does. */
  const recordingState = recordingOf(call);
  const recording = recordingState !== 'off';

  const stateOf = (action: PhoneAction): ActionState => capabilities?.actions?.[action] ?? UNKNOWN;
  const actions = wanted.filter((action) => {
    if (!OPTIONAL.has(action)) return true;
    const state = stateOf(action);
    return state.available || state.reason === 'pbx_disconnected';
  });
  const reasons = new Map<string, PhoneAction[]>();
  for (const action of actions) {
    const state = stateOf(action);
    if (state.available) continue;
    const key = state.reason ?? '';
    reasons.set(key, [...(reasons.get(key) ?? []), action]);
  }
  const notes = [...reasons].map(([reason, stopped], index) => ({ id: `${baseId}-reason-${index}`, stopped, text: reasonSentence(i18n, reason || null, stopped) }));
  const noteFor = (action: PhoneAction) => notes.find((note) => note.stopped.includes(action))?.id;

  /** Resolves with the reply, or undefined after telling the user what went wrong. */
  const run = async <T,>(path: string, body?: unknown): Promise<T | undefined> => {
    setBusy(true);
    try {
      return await api.post<T>(`/calls/${encodeURIComponent(call.id)}/${path}`, body);
    } catch (error) {
      toast.show(errorText(error, i18n), 'error');
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const submitTransfer = async (event: FormEvent) => {
    event.preventDefault();
    if (!target.trim()) return;
    if ((await run('transfer', { target: target.trim(), attended })) === undefined) return;
    setTransferOpen(false);
    setConsulting(attended);
  };

  const cancelTransfer = async () => {
    if ((await run('transfer/cancel')) !== undefined) setConsulting(false);
  };

  const park = async () => {
    const reply = await run<{ space: string | null }>('park');
    if (reply) toast.show(reply.space ? t('popup.parkedOn', { space: reply.space }) : t('popup.parked'));
  };

  // The button turns when the PBX says the recording started or stopped (call.flags), not when it was asked.
  const toggleRecording = () => run('record', { action: recording ? 'stop' : 'start' });
  const togglePause = () => run('record', { action: recordingState === 'paused' ? 'resume' : 'pause' });

  const press = (action: PhoneAction) => {
    switch (action) {
      case 'transfer':
        return setTransferOpen((open) => !open);
      case 'park':
        return void park();
      case 'record':
        return void toggleRecording();
      default:
        return void run(action);
    }
  };

  return (
    <div className="popup-controls">
      <div className="popup-buttons" role="group" aria-label={t('popup.phoneControls')}>
        {actions.map((action) => {
          const available = stateOf(action).available;
          return (
            <button
              key={action}
              type="button"
              className={action === 'answer' && available ? 'primary' : action === 'hangup' && available ? 'danger' : undefined}
              disabled={!available || busy}
              aria-describedby={noteFor(action)}
              aria-expanded={action === 'transfer' && available ? transferOpen : undefined}
              onClick={() => press(action)}
            >
              {action === 'record' && recording ? t('popup.stopRecording') : t(`popup.${action}`)}
            </button>
          );
        })}
        {recording && actions.includes('record') && (
          <button type="button" disabled={!stateOf('record').available || busy} onClick={() => void togglePause()}>
            {recordingState === 'paused' ? t('popup.resumeRecording') : t('popup.pauseRecording')}
          </button>
        )}
        {consulting && (
          <button type="button" disabled={busy} onClick={() => void cancelTransfer()}>
            {t('popup.cancelTransfer')}
          </button>
        )}
      </div>
      {transferOpen && stateOf('transfer').available && (
        <form className="popup-transfer" onSubmit={(event) => void submitTransfer(event)}>
          <label>
            {t('popup.transferTo')}
            <input type="tel" autoComplete="off" value={target} onChange={(event) => setTarget(event.target.value)} required />
          </label>
          <label className="inline">
            <input type="checkbox" checked={attended} onChange={(event) => setAttended(event.target.checked)} />
            {t('popup.attended')}
          </label>
          <button type="submit" disabled={busy || !target.trim()}>
            {attended ? t('popup.consult') : t('popup.transfer')}
          </button>
        </form>
      )}
      {notes.map((note) => (
        <p key={note.id} id={note.id} className="popup-note">
          {note.text}
        </p>
      ))}
    </div>
  );
}
