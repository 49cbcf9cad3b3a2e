import { useMemo } from 'react';
import { api } from '../../api/client';
import type { PublicUser } from '../../api/types';
import { useSession } from '../../app/session';
import { useFetch } from '../../lib/use-fetch';

/** Extension → the name of the user whose phone it is. */
export type ExtensionNames = ReadonlyMap<string, string>;

/**
 * Who has which extension. Only admins may list users (GET /users); everyone else knows only
 * their own phones, and sees the other extensions by number.
 */
export function useExtensionNames(): ExtensionNames {
  const { isAdmin, user } = useSession();
  const users = useFetch(isAdmin ? '/users' : null, async (key) => (await api.get<{ users: PublicUser[] }>(key)).users);
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const u of [user, ...(users.data ?? [])]) {
      for (const device of u.devices) if (!names.has(device.extension)) names.set(device.extension, u.displayName);
    }
    return names;
  }, [user, users.data]);
}

/** "PJSIP/201" → "201": the extension a dial string of a phone names, or null for anything else. */
export function extensionOfDialString(dialString: string): string | null {
  const match = /^[A-Za-z0-9_]+\/([A-Za-z0-9_*#+]+)$/.exec(dialString);
  return match?.[1] ?? null;
}
