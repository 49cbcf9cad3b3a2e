import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { CallView, Capabilities } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n, type I18n, type MessageKey } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useToast } from '../../lib/toast';

export type PhoneAction = 'answer' | 'hangup' | 'transfer';

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
export function PhoneControls({ call, actions }: { call: CallView; actions: PhoneAction[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { capabilities } = useSession();
  const toast = useToast();
  const baseId = useId();
  const [busy, setBusy] = useState(false);
  const [transferOpen, setTransferOpen] = useState(false);
  const [target, setTarget] = useState('');

  const stateOf = (action: PhoneAction): ActionState => capabilities?.actions?.[action] ?? UNKNOWN;
  const reasons = new Map<string, PhoneAction[]>();
  for (const action of actions) {
    const state = stateOf(action);
    if (state.available) continue;
    const key = state.reason ?? '';
    reasons.set(key, [...(reasons.get(key) ?? []), action]);
  }
  const notes = [...reasons].map(([reason, stopped], index) => ({ id: `${baseId}-reason-${index}`, stopped, text: reasonSentence(i18n, reason || null, stopped) }));
  const noteFor = (action: PhoneAction) => notes.find((note) => note.stopped.includes(action))?.id;

  const run = async (action: PhoneAction, body?: unknown) => {
    setBusy(true);
    try {
      await api.post(`/calls/${encodeURIComponent(call.id)}/${action}`, body);
      if (action === 'transfer') setTransferOpen(false);
    } catch (error) {
      toast.show(errorText(error, i18n), 'error');
    } finally {
      setBusy(false);
    }
  };

  const submitTransfer = (event: FormEvent) => {
    event.preventDefault();
    if (target.trim()) void run('transfer', { target: target.trim() });
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
              onClick={() => (action === 'transfer' ? setTransferOpen((open) => !open) : void run(action))}
            >
              {t(`popup.${action}`)}
            </button>
          );
        })}
      </div>
      {transferOpen && stateOf('transfer').available && (
        <form className="popup-transfer" onSubmit={submitTransfer}>
          <label>
            {t('popup.transferTo')}
            <input type="tel" autoComplete="off" value={target} onChange={(event) => setTarget(event.target.value)} required />
          </label>
          <button type="submit" disabled={busy || !target.trim()}>
            {t('popup.transfer')}
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
