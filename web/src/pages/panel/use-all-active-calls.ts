import { useEffect, useState } from 'react';
import { ApiError } from '../../api/client';
import type { CallView } from '../../api/types';
import { nextDelay } from '../../realtime/backoff';
import { liveUrl } from '../../realtime/live-url';
import type { Frame } from '../../realtime/realtime';

export interface AllActiveCalls {
  /** Undefined until the first answer. */
  calls: CallView[] | undefined;
  /** Set while the live connection is down; the calls known before are kept. */
  error: unknown;
}

/**
 * Every call in progress on every phone system, for an admin, live. The app's own connection
 * carries only the admin's calls (the popups are built from it), so this opens one more that
 * watches them all (`/api/v1/ws?all=1`, refused to anyone but an admin): its hello lists the calls
 * in progress, then each change comes as it happens. A lost connection is retried with backoff
 * and re-read whole by the next hello.
 */
export function useAllActiveCalls(): AllActiveCalls {
  const [state, setState] = useState<AllActiveCalls>({ calls: undefined, error: null });

  useEffect(() => {
    let stopped = false;
    let socket: WebSocket | null = null;
    let attempt = 0;
    let retry: number | undefined;
    let calls = new Map<string, CallView>();
    const publish = (error: unknown) => setState({ calls: [...calls.values()], error });

    const apply = (frame: Frame) => {
      switch (frame.type) {
        case 'hello':
          calls = new Map(frame.calls.map((call) => [call.id, call]));
          attempt = 0;
          break;
        case 'call':
          if (frame.call.phase === 'ended') calls.delete(frame.call.id);
          else calls.set(frame.call.id, frame.call);
          break;
        case 'call.flags': {
          const call = calls.get(frame.callId);
          if (!call) return;
          calls.set(frame.callId, { ...call, flags: frame.flags });
          break;
        }
        default:
          return;
      }
      publish(null);
    };

    const connect = () => {
      if (stopped) return;
      const ws = new WebSocket(liveUrl({ all: '1' }));
      socket = ws;
      ws.onmessage = (message) => {
        try {
          apply(JSON.parse(String(message.data)) as Frame);
        } catch {
          // Not a frame we know: the next hello re-reads everything anyway.
        }
      };
      ws.onclose = () => {
        if (socket !== ws || stopped) return;
        socket = null;
        setState((s) => ({ calls: s.calls, error: new ApiError(0, 'network', 'the live connection was lost') }));
        retry = window.setTimeout(connect, nextDelay(attempt++));
      };
    };

    connect();
    return () => {
      stopped = true;
      window.clearTimeout(retry);
      socket?.close();
    };
  }, []);

  return state;
}
