import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { CallLogEntry, CallView } from '../../api/types';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { callerName } from '../../lib/caller';
import { useDial } from '../../lib/dial';
import { effectiveTemplate, fillUrlTemplate } from '../../lib/url-template';
import { useRealtime, useRealtimeEvents } from '../../realtime/realtime';
import { useCallEffects } from './call-effects';
import { applyCall, cardKind, endedFromLog, expire, nextExpiry, opensCard, ringsForMe, visibleCards, type PopupCard as Card } from './card-state';
import { openPopupChannel, type PopupMessage } from './channel';
import { PopupCard } from './PopupCard';
import './popup.css';

/** How long the spoken "incoming call" stays in the assertive region (it is read once). */
const ANNOUNCE_MS = 5000;

/** The incoming-call popups, top right above every page. */
export function PopupStack() {
  const session = useSession();
  const userId = session.user.id;
  const preferences = session.preferences;
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const dial = useDial();
  const { active, status } = useRealtime();
  const [cards, setCards] = useState<Card[]>(() => active.reduceRight((list, call) => applyCall(list, call, userId, Date.now()), [] as Card[]));
  const cardsRef = useRef(cards);
  cardsRef.current = cards;
  const [announcement, setAnnouncement] = useState('');
  const stackRef = useRef<HTMLElement>(null);
  const refocus = useRef(false);

  useRealtimeEvents((event) => {
    if (event.type !== 'call') return;
    const call = event.call;
    if (!cardsRef.current.some((card) => card.call.id === call.id) && opensCard(call, userId) && ringsForMe(call)) {
      setAnnouncement(t('popup.incomingFrom', { caller: callerName(call, i18n) }));
    }
    setCards((list) => applyCall(list, call, userId, Date.now()));
  });

  useEffect(() => {
    if (!announcement) return;
    const timer = window.setTimeout(() => setAnnouncement(''), ANNOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [announcement]);

  // Cards that close by themselves (answered by a colleague, the user's call over).
  useEffect(() => {
    const next = nextExpiry(cards);
    if (next === null) return;
    const timer = window.setTimeout(
      () => {
        const focused = document.activeElement?.closest<HTMLElement>('[data-call-id]')?.dataset.callId;
        const now = Date.now();
        setCards((list) => {
          const kept = expire(list, now);
          if (focused && !kept.some((card) => card.call.id === focused)) refocus.current = true;
          return kept;
        });
      },
      Math.max(0, next - Date.now()) + 20,
    );
    return () => window.clearTimeout(timer);
  }, [cards]);

  // A card that held the focus went away: the focus moves to the next card, or back to the page.
  useLayoutEffect(() => {
    if (!refocus.current) return;
    refocus.current = false;
    const next = stackRef.current?.querySelector<HTMLElement>('.popup-card');
    (next ?? document.getElementById('main'))?.focus();
  }, [cards]);

  // After a reconnect, a call may have ended unseen: the call log says how, so a missed call is not lost.
  const reconciling = useRef(new Set<string>());
  useEffect(() => {
    if (status !== 'open') return;
    const live = new Set(active.map((call) => call.id));
    for (const card of cardsRef.current) {
      const id = card.call.id;
      if (card.call.phase === 'ended' || live.has(id) || reconciling.current.has(id)) continue;
      reconciling.current.add(id);
      api
        .get<{ call: CallLogEntry | null }>(`/calls/${encodeURIComponent(id)}`)
        .then(
          (reply) =>
            setCards((list) => {
              const current = list.find((c) => c.call.id === id);
              if (!current || current.call.phase === 'ended') return list;
              return reply.call ? applyCall(list, endedFromLog(current.call, reply.call), userId, Date.now()) : list.filter((c) => c !== current);
            }),
          () => setCards((list) => list.filter((c) => c.call.id !== id || c.call.phase === 'ended')),
        )
        .finally(() => reconciling.current.delete(id));
    }
  }, [active, status, userId]);

  // What the user does to a card in one tab happens in the others too.
  const update = useCallback((message: PopupMessage) => {
    setCards((list) =>
      list.map((card) => {
        if (card.call.id !== message.callId) return card;
        if (message.type === 'dismiss') return { ...card, dismissed: true };
        return { ...card, muted: message.type === 'mute' };
      }),
    );
  }, []);
  const channel = useRef<ReturnType<typeof openPopupChannel> | null>(null);
  useEffect(() => {
    const opened = openPopupChannel(update);
    channel.current = opened;
    return () => {
      opened.close();
      channel.current = null;
    };
  }, [update]);
  const act = (message: PopupMessage) => {
    update(message);
    channel.current?.post(message);
  };

  const template = effectiveTemplate(preferences.urlTemplate, session.defaults?.urlTemplate);
  const linkFor = (call: CallView): string | null | undefined =>
    template
      ? fillUrlTemplate(template, { callerName: call.identity?.name ?? call.remoteName, callerNumber: call.remoteNumber, called: call.localNumber ?? call.mine?.extension })
      : undefined;
  const openLink = (url: string) => {
    window.open(url, '_blank', 'noopener');
  };
  const openCustomerCard = (number: string) => navigate(`/card?number=${encodeURIComponent(number)}`);
  const setLeader = useCallback((callId: string, leader: boolean) => {
    setCards((list) => list.map((card) => (card.call.id === callId ? { ...card, leader } : card)));
  }, []);

  useCallEffects(cards, { userId, preferences, quiet: session.user.presence === 'dnd', linkFor, openLink, openCustomerCard, setLeader });

  return (
    <div className="popup-stack">
      <section ref={stackRef} className="popup-list" aria-label={t('popup.stackLabel')} aria-live="polite">
        {visibleCards(cards).map((card) => {
          const call = card.call;
          const link = linkFor(call);
          return (
            <PopupCard
                key={call.id}
                call={call}
                kind={cardKind(call, userId)}
                link={link}
                canMute={preferences.ringtone && ringsForMe(call)}
                muted={card.muted}
                onMute={() => act({ type: card.muted ? 'unmute' : 'mute', callId: call.id })}
                onDismiss={(hadFocus) => {
                  if (hadFocus) refocus.current = true;
                  act({ type: 'dismiss', callId: call.id });
                }}
                onCustomerCard={() => call.remoteNumber && openCustomerCard(call.remoteNumber)}
                onOpenLink={() => link && openLink(link)}
                onCallBack={() => call.remoteNumber && void dial(call.remoteNumber)}
              />
          );
        })}
      </section>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </div>
    </div>
  );
}
