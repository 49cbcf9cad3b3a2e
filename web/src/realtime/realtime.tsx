import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CallFlags, CallView, Me, Preferences, Presence } from '../api/types';
import { useSession } from '../app/session';
import { nextDelay } from './backoff';
import { liveUrl } from './live-url';
import { applyPbxFrame, NO_PBX, type PbxFrame, type PbxStates } from './pbx-state';

export type ConnectionStatus = 'connecting' | 'open' | 'lost';

/** What the server pushes; see src/server/ws/gateway.ts. */
export type Frame =
  | { type: 'hello'; calls: CallView[] }
  | { type: 'call'; call: CallView }
  | { type: 'preferences'; preferences: Preferences }
  | { type: 'presence'; presence: Presence }
  | { type: 'user'; user: Me }
  | { type: 'defaults' }
  /** A call's hold or recording state changed; the call's next frame carries it too. */
  | { type: 'call.flags'; callId: string; flags: CallFlags }
  /** A phone system connection came or went: what the call buttons can do is to be read again. */
  | { type: 'capabilities' }
  | { type: 'pong' }
  | { type: 'error'; message: string }
  | PbxFrame;

/** Not sent by the server: marks, among the frames after a hello, where the old PBX states stop counting. */
type PbxReset = { type: 'pbx.reset' };

/** 'resync': the state was re-read after a (re)connect; lists should fetch again. */
export type RealtimeEvent = { type: 'call'; call: CallView } | { type: 'resync' };

export interface Realtime {
  status: ConnectionStatus;
  /** When the next attempt is due, while the connection is lost. */
  retryAt: number | null;
  /** The calls in progress that this user sees, newest first. */
  active: CallView[];
  subscribe: (listener: (event: RealtimeEvent) => void) => () => void;
  reconnectNow: () => void;
}

const RealtimeContext = createContext<Realtime | null>(null);
// Apart from the rest: a busy PBX changes many times a second, and only the panel needs to know.
const PbxContext = createContext<PbxStates | null>(null);
/** No frame (not even a pong) for this long means the connection is dead even if the socket says not. */
const SILENCE_LIMIT_MS = 45_000;
const PING_EVERY_MS = 20_000;

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [active, setActiveState] = useState<CallView[]>([]);
  // Kept in step as frames are applied (not at the next render), so a flags frame right after a
  // call frame changes that call as it now is, not as it was.
  const activeRef = useRef<CallView[]>([]);
  const setActive = useCallback((next: CallView[] | ((list: CallView[]) => CallView[])) => {
    activeRef.current = typeof next === 'function' ? next(activeRef.current) : next;
    setActiveState(activeRef.current);
  }, []);
  const [pbx, setPbx] = useState<PbxStates>(NO_PBX);
  const listeners = useRef(new Set<(event: RealtimeEvent) => void>());
  const reconnectRef = useRef<() => void>(() => {});

  const emit = useCallback((event: RealtimeEvent) => {
    for (const listener of listeners.current) listener(event);
  }, []);

  useEffect(() => {
    let socket: WebSocket | null = null;
    let attempt = 0;
    let stopped = false;
    let retryTimer: number | undefined;
    let pingTimer: number | undefined;
    let lastFrameAt = Date.now();
    let connectedBefore = false;
    // Frames that arrive while the state is being re-read wait, so an old snapshot never overwrites them.
    let buffered: (Frame | PbxReset)[] | null = null;

    const apply = (frame: Frame | PbxReset) => {
      switch (frame.type) {
        case 'pbx.reset':
          setPbx(NO_PBX);
          break;
        case 'pbx':
        case 'pbx.change':
          setPbx((states) => applyPbxFrame(states, frame));
          break;
        case 'call': {
          const call = frame.call;
          setActive((list) => {
            const rest = list.filter((c) => c.id !== call.id);
            return call.phase === 'ended' ? rest : [call, ...rest].sort((a, b) => b.startedAt - a.startedAt);
          });
          emit({ type: 'call', call });
          break;
        }
        case 'call.flags': {
          // To its listeners (the popups) a change of flags is a change of the call.
          const call = activeRef.current.find((c) => c.id === frame.callId);
          if (!call) break;
          const changed = { ...call, flags: frame.flags };
          setActive((list) => list.map((c) => (c.id === frame.callId ? changed : c)));
          emit({ type: 'call', call: changed });
          break;
        }
        case 'capabilities':
          void sessionRef.current.refreshCapabilities().catch(() => undefined);
          break;
        case 'preferences':
          sessionRef.current.applyRemote({ preferences: frame.preferences });
          break;
        case 'presence':
          sessionRef.current.applyRemote({ presence: frame.presence });
          break;
        case 'user':
          sessionRef.current.applyRemote({ user: frame.user });
          break;
        case 'defaults':
          // What follows the defaults (an unchosen urlOpen, the template) is worked out by the server.
          void sessionRef.current.refresh();
          break;
        default:
          break;
      }
    };

    const connect = () => {
      if (stopped) return;
      window.clearTimeout(retryTimer);
      setStatus((s) => (s === 'lost' ? 'lost' : 'connecting'));
      const ws = new WebSocket(liveUrl());
      socket = ws;
      lastFrameAt = Date.now();
      ws.onmessage = (message) => {
        lastFrameAt = Date.now();
        let frame: Frame;
        try {
          frame = JSON.parse(String(message.data)) as Frame;
        } catch {
          return;
        }
        if (frame.type === 'hello') {
          // Re-read everything before live updates apply: nothing shown is older than this moment.
          // The PBX states are re-sent right after the hello. The old ones are dropped in order with
          // them (so, as they arrive during the re-read, in the same render: the panel does not flash
          // empty), and a PBX that went away meanwhile, which gets no frame, is gone.
          buffered = [{ type: 'pbx.reset' }];
          setActive([...frame.calls].sort((a, b) => b.startedAt - a.startedAt));
          // The session was read just before the first connection; after a gap it may have changed.
          const reread = connectedBefore ? sessionRef.current.refresh().catch(() => undefined) : Promise.resolve();
          connectedBefore = true;
          void reread.finally(() => {
            const pending = buffered ?? [];
            buffered = null;
            attempt = 0;
            setStatus('open');
            setRetryAt(null);
            emit({ type: 'resync' });
            for (const call of frame.calls) emit({ type: 'call', call });
            for (const f of pending) apply(f);
          });
          return;
        }
        if (buffered) buffered.push(frame);
        else apply(frame);
      };
      ws.onclose = (event) => {
        if (socket !== ws) return;
        socket = null;
        if (stopped) return;
        if (event.code === 4401) {
          // The session ended: re-reading it signs the user out with a clear message.
          void sessionRef.current.refresh();
          return;
        }
        setStatus('lost');
        const delay = nextDelay(attempt++);
        setRetryAt(Date.now() + delay);
        retryTimer = window.setTimeout(connect, delay);
      };
    };

    pingTimer = window.setInterval(() => {
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      if (Date.now() - lastFrameAt > SILENCE_LIMIT_MS) {
        socket.close();
        return;
      }
      socket.send(JSON.stringify({ type: 'ping' }));
    }, PING_EVERY_MS);

    const reconnectNow = () => {
      if (socket && socket.readyState <= WebSocket.OPEN) return;
      attempt = 0;
      connect();
    };
    reconnectRef.current = reconnectNow;
    window.addEventListener('online', reconnectNow);
    connect();
    return () => {
      stopped = true;
      window.removeEventListener('online', reconnectNow);
      window.clearTimeout(retryTimer);
      window.clearInterval(pingTimer);
      socket?.close();
    };
  }, [emit, setActive]);

  const subscribe = useCallback((listener: (event: RealtimeEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const reconnectNow = useCallback(() => reconnectRef.current(), []);
  const value = useMemo<Realtime>(() => ({ status, retryAt, active, subscribe, reconnectNow }), [status, retryAt, active, subscribe, reconnectNow]);
  return (
    <RealtimeContext.Provider value={value}>
      <PbxContext.Provider value={pbx}>{children}</PbxContext.Provider>
    </RealtimeContext.Provider>
  );
}

export function useRealtime(): Realtime {
  const value = useContext(RealtimeContext);
  if (!value) throw new Error('useRealtime outside RealtimeProvider');
  return value;
}

/** Each connected phone system's extensions, queues, parked calls and trunks, by source name. */
export function usePbx(): PbxStates {
  const value = useContext(PbxContext);
  if (!value) throw new Error('usePbx outside RealtimeProvider');
  return value;
}

/** Runs `listener` for every realtime event while the component is mounted. */
export function useRealtimeEvents(listener: (event: RealtimeEvent) => void): void {
  const { subscribe } = useRealtime();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => subscribe((event) => ref.current(event)), [subscribe]);
}
