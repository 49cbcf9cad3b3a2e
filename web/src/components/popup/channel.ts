/**
 * Tells the user's other tabs what they did to a popup, so muting or dismissing a call in one
 * tab does it everywhere (the ring may come from another tab).
 */
export type PopupMessage = { type: 'dismiss' | 'mute' | 'unmute'; callId: string };

const NAME = 'switchboard.popup';

export function openPopupChannel(onMessage: (message: PopupMessage) => void): { post: (message: PopupMessage) => void; close: () => void } {
  if (typeof BroadcastChannel === 'undefined') return { post: () => undefined, close: () => undefined };
  let channel: BroadcastChannel;
  try {
    channel = new BroadcastChannel(NAME);
  } catch {
    return { post: () => undefined, close: () => undefined };
  }
  channel.onmessage = (event: MessageEvent) => {
    const data = event.data as Partial<PopupMessage> | null;
    if (data && (data.type === 'dismiss' || data.type === 'mute' || data.type === 'unmute') && typeof data.callId === 'string') onMessage({ type: data.type, callId: data.callId });
  };
  return {
    post: (message) => {
      try {
        channel.postMessage(message);
      } catch {
        /* the other tabs simply keep their popup */
      }
    },
    close: () => channel.close(),
  };
}
