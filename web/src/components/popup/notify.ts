/** Desktop notifications, where the browser has them (not every one does, e.g. some mobile ones). */

export type NotifyPermission = NotificationPermission | 'unsupported';

export function notificationPermission(): NotifyPermission {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  try {
    return Notification.permission;
  } catch {
    return 'unsupported';
  }
}

/** Asks the browser; only ever called from a click. Older Safari answers by callback only. */
export async function requestNotificationPermission(): Promise<NotifyPermission> {
  if (notificationPermission() === 'unsupported') return 'unsupported';
  try {
    return await new Promise<NotificationPermission>((resolve) => {
      const result = Notification.requestPermission(resolve);
      if (result && typeof result.then === 'function') void result.then(resolve, () => resolve(Notification.permission));
    });
  } catch {
    return notificationPermission();
  }
}

/**
 * Shows a notification; the tag replaces an earlier one for the same call instead of stacking.
 * Returns null when the browser refuses (Chrome on Android only allows them from a service worker).
 */
export function showNotification(options: { tag: string; title: string; body: string; onClick: () => void }): Notification | null {
  if (notificationPermission() !== 'granted') return null;
  try {
    const notification = new Notification(options.title, { body: options.body, tag: options.tag });
    notification.onclick = () => {
      options.onClick();
      notification.close();
    };
    return notification;
  } catch {
    return null;
  }
}
