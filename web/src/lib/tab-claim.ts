/**
 * With the app open in several tabs, each tab gets every call. Some things must happen once per
 * call, not once per tab (opening the CRM link, the desktop notification, the ring): the first tab
 * to claim the call does them.
 *
 * A Web Lock taken with ifAvailable decides among tabs that see the call at the same moment, and
 * is held for a while so a tab that is a little late finds it taken. A marker in localStorage
 * covers the tab that is later still, or reloaded. Where Web Locks are missing (plain http is not
 * a secure context), the marker alone decides: every tab writes its id, waits, and the id that
 * stayed wins.
 */

const PREFIX = 'switchboard.claim.';
/** How long a claim stands (a marker older than this is ignored and cleaned up). */
const CLAIM_TTL_MS = 15 * 60_000;
/** How long the lock stays held after a claim. */
const HOLD_MS = 30_000;
/** How long the storage-only fallback waits for other tabs' writes to settle. */
const SETTLE_MS = 120;

const tabId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
let cleaned = false;

interface Marker {
  tab: string;
  at: number;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function readMarker(key: string): Marker | null {
  try {
    const raw = storage()?.getItem(PREFIX + key);
    if (!raw) return null;
    const marker = JSON.parse(raw) as Partial<Marker>;
    if (typeof marker.tab !== 'string' || typeof marker.at !== 'number') return null;
    return Date.now() - marker.at < CLAIM_TTL_MS ? { tab: marker.tab, at: marker.at } : null;
  } catch {
    return null;
  }
}

function writeMarker(key: string): void {
  try {
    storage()?.setItem(PREFIX + key, JSON.stringify({ tab: tabId, at: Date.now() } satisfies Marker));
  } catch {
    /* storage full or forbidden: the lock alone decides */
  }
}

function cleanUp(): void {
  if (cleaned) return;
  cleaned = true;
  const store = storage();
  if (!store) return;
  try {
    const stale: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const name = store.key(i);
      if (name?.startsWith(PREFIX) && !readMarker(name.slice(PREFIX.length))) stale.push(name);
    }
    for (const name of stale) store.removeItem(name);
  } catch {
    /* nothing to clean */
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function claimByStorage(key: string): Promise<boolean> {
  if (!storage()) return true;
  writeMarker(key);
  await sleep(SETTLE_MS + Math.random() * 40);
  return readMarker(key)?.tab === tabId;
}

function claimByLock(locks: LockManager, key: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    locks
      .request(PREFIX + key, { ifAvailable: true }, async (lock) => {
        if (!lock) return resolve(false);
        const marker = readMarker(key);
        if (marker && marker.tab !== tabId) return resolve(false);
        writeMarker(key);
        resolve(true);
        await sleep(HOLD_MS);
      })
      .catch(() => void claimByStorage(key).then(resolve));
  });
}

/**
 * True in exactly one tab of this browser for a given key (e.g. "call:<id>"); the same tab gets
 * true again if it asks twice. Never rejects.
 */
export function claimOnce(key: string): Promise<boolean> {
  const known = answers.get(key);
  if (known) return known;
  const answer = decide(key);
  answers.set(key, answer);
  // Forget the answer later so a long-lived tab does not collect them forever.
  setTimeout(() => answers.delete(key), CLAIM_TTL_MS);
  return answer;
}

const answers = new Map<string, Promise<boolean>>();

async function decide(key: string): Promise<boolean> {
  cleanUp();
  const marker = readMarker(key);
  if (marker) return marker.tab === tabId;
  const locks = typeof navigator !== 'undefined' ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
  try {
    return locks ? await claimByLock(locks, key) : await claimByStorage(key);
  } catch {
    return true;
  }
}
