import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { api } from '../../api/client';
import type { QueueMember, QueueState } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useToast } from '../../lib/toast';

type QueueAction = 'login' | 'logout' | 'pause' | 'unpause';

/** What the server's QueuePause accepts as a reason: 80 characters (see src/server/routes/call-control.ts). */
const REASON_MAX = 80;

const SUGGESTIONS = ['reason_lunch', 'reason_break', 'reason_meeting', 'reason_afterCall'] as const;

/**
 * The extension the server logs in, out and pauses: that of the user's default device (else the
 * first), the one AmiCallControl.queue acts on.
 */
export function membershipExtension(devices: readonly { extension: string; isDefault: boolean }[]): string | undefined {
  return (devices.find((device) => device.isDefault) ?? devices[0])?.extension;
}

/** The member that is the user: the PBX names the extension behind `PJSIP/201` or `Local/201@from-queue/n`. */
export function ownMember(queue: QueueState, extension: string | undefined): QueueMember | undefined {
  return extension === undefined ? undefined : queue.members.find((member) => member.extension === extension);
}

/**
 * The signed-in user's own place in a queue: log in or out, pause (with an optional reason) or
 * resume. What it shows comes from the PBX's events, so a press changes it only once the PBX says so.
 */
export function QueueMembership({ queue, me }: { queue: QueueState; me: QueueMember | undefined }) {
  const i18n = useI18n();
  const { t } = i18n;
  const toast = useToast();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [pauseOpen, setPauseOpen] = useState(false);
  const [reason, setReason] = useState('');
  const pauseButton = useRef<HTMLButtonElement>(null);
  /** The pause form closed with the focus in it: back to the button that opened it, once that is enabled again. */
  const refocus = useRef(false);

  useEffect(() => {
    if (!refocus.current || busy) return;
    refocus.current = false;
    pauseButton.current?.focus();
  });

  const run = async (action: QueueAction, why?: string): Promise<boolean> => {
    setBusy(true);
    try {
      await api.post(`/queues/${encodeURIComponent(queue.name)}/members/me`, why ? { action, reason: why } : { action });
      return true;
    } catch (error) {
      toast.show(errorText(error, i18n), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  };

  const closePause = () => {
    setPauseOpen(false);
    setReason('');
    // The same button turns into Resume once the PBX reports the pause, so the focus stays put.
    refocus.current = true;
  };

  const submitPause = async (event: FormEvent) => {
    event.preventDefault();
    if (await run('pause', reason.trim() || undefined)) closePause();
  };

  const escape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    closePause();
  };

  const paused = me?.paused ?? false;
  const status = !me
    ? t('panel.notMember')
    : !paused
      ? t('panel.memberActive')
      : me.pausedReason
        ? t('panel.memberPausedReason', { reason: me.pausedReason })
        : t('panel.memberPaused');

  return (
    <div className="panel-membership" role="group" aria-label={t('panel.membership', { queue: queue.name })}>
      <p className="panel-membership-status" aria-live="polite" aria-atomic="true">
        {status}
      </p>
      <div className="panel-membership-buttons">
        {/* One button that changes its label, so the focus stays on it when the PBX reports the change. */}
        <button type="button" className={me ? undefined : 'primary'} disabled={busy} onClick={() => void run(me ? 'logout' : 'login')}>
          {me ? t('panel.logout') : t('panel.login')}
        </button>
        {me && (
          <button
            ref={pauseButton}
            type="button"
            disabled={busy}
            aria-expanded={paused ? undefined : pauseOpen}
            aria-controls={paused || !pauseOpen ? undefined : `${id}-pause`}
            onClick={() => (paused ? void run('unpause') : setPauseOpen((open) => !open))}
          >
            {paused ? t('panel.resume') : t('panel.pause')}
          </button>
        )}
      </div>
      {me && !paused && pauseOpen && (
        <form id={`${id}-pause`} className="panel-pause-form" onSubmit={(event) => void submitPause(event)} onKeyDown={escape}>
          <label>
            {t('panel.pauseReason')}
            <input
              type="text"
              list={`${id}-reasons`}
              autoComplete="off"
              maxLength={REASON_MAX}
              // The PBX takes '|' as a separator of its arguments: refused here before the server refuses it.
              // Escaped: browsers compile patterns with the v flag, where a bare '|' in a class is an error.
              pattern="[^\|]*"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              autoFocus
            />
          </label>
          <datalist id={`${id}-reasons`}>
            {SUGGESTIONS.map((key) => (
              <option key={key} value={t(`panel.${key}`)} />
            ))}
          </datalist>
          <button type="submit" disabled={busy}>
            {t('panel.startPause')}
          </button>
          <button type="button" onClick={closePause}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </div>
  );
}
