import { useEffect, useRef } from 'react';
import type { CallView, Preferences } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { callerName } from '../../lib/caller';
import { installAudioUnlock, startRinging, stopRinging } from '../../lib/ringtone';
import { claimOnce } from '../../lib/tab-claim';
import { cardKind, ringsForMe, type PopupCard } from './card-state';
import { showNotification } from './notify';

interface Options {
  userId: number;
  preferences: Preferences;
  /** Do not disturb: cards still appear, but nothing rings and no notification pops up. */
  quiet: boolean;
  /** The filled link of a call, undefined without a template. */
  linkFor: (call: CallView) => string | null | undefined;
  openLink: (url: string) => void;
  openCustomerCard: (number: string) => void;
  setLeader: (callId: string, leader: boolean) => void;
}

/**
 * What a call does beyond its card: ring, notify, open the link by itself. Each happens in one
 * tab only (the one that claimed the call), however many tabs the user has open.
 */
export function useCallEffects(cards: PopupCard[], options: Options): void {
  const i18n = useI18n();
  const ref = useRef(options);
  ref.current = options;
  const { preferences, userId, quiet } = options;

  // Which tab leads each call.
  const claiming = useRef(new Set<string>());
  useEffect(() => {
    for (const card of cards) {
      const id = card.call.id;
      if (card.leader !== null || claiming.current.has(id)) continue;
      claiming.current.add(id);
      void claimOnce(`call:${id}`).then((leader) => {
        claiming.current.delete(id);
        ref.current.setLeader(id, leader);
      });
    }
  }, [cards]);

  // The ring: while any call rings for the user here, unless muted or dismissed.
  const ring = !quiet && preferences.ringtone && cards.some((card) => card.leader === true && !card.dismissed && !card.muted && ringsForMe(card.call));
  useEffect(() => {
    if (preferences.ringtone) installAudioUnlock();
  }, [preferences.ringtone]);
  useEffect(() => {
    if (ring) startRinging();
    else stopRinging();
  }, [ring]);
  useEffect(() => () => stopRinging(), []);

  // Desktop notifications: one per ringing call, replaced when the name arrives, closed once it stops ringing.
  const shown = useRef(new Map<string, { notification: Notification; text: string }>());
  useEffect(() => {
    const { t } = i18n;
    const wanted = new Map<string, { title: string; body: string; number: string | null }>();
    if (preferences.notifications && !quiet) {
      for (const card of cards) {
        const call = card.call;
        if (card.leader !== true || card.dismissed || !ringsForMe(call)) continue;
        const title = callerName(call, i18n);
        const body = [t('popup.ringing'), call.identity?.company, call.identity || call.remoteName ? call.remoteNumber : null, call.queue ? t('popup.queue', { queue: call.queue }) : null]
          .filter(Boolean)
          .join(' · ');
        wanted.set(call.id, { title, body, number: call.remoteNumber });
      }
    }
    for (const [id, entry] of shown.current) {
      if (wanted.has(id)) continue;
      entry.notification.close();
      shown.current.delete(id);
    }
    for (const [id, want] of wanted) {
      const text = `${want.title}\n${want.body}`;
      if (shown.current.get(id)?.text === text) continue;
      const notification = showNotification({
        tag: id,
        title: want.title,
        body: want.body,
        onClick: () => {
          window.focus();
          if (want.number) ref.current.openCustomerCard(want.number);
        },
      });
      if (notification) shown.current.set(id, { notification, text });
    }
  }, [cards, preferences.notifications, quiet, i18n]);
  useEffect(() => {
    const open = shown.current;
    return () => {
      for (const entry of open.values()) entry.notification.close();
      open.clear();
    };
  }, []);

  // The link, opened by itself on ring or on answer; once the caller's name is known, so it can be in it.
  const opened = useRef(new Set<string>());
  useEffect(() => {
    const when = preferences.urlOpen;
    if (when !== 'ring' && when !== 'answer') return;
    for (const card of cards) {
      const call = card.call;
      if (card.leader !== true || card.dismissed || call.identifying || opened.current.has(call.id)) continue;
      const kind = cardKind(call, userId);
      const due = when === 'ring' ? ringsForMe(call) || kind === 'inCall' : kind === 'inCall';
      if (!due) continue;
      opened.current.add(call.id);
      const url = ref.current.linkFor(call);
      if (url) ref.current.openLink(url);
    }
  }, [cards, preferences.urlOpen, userId]);
}
