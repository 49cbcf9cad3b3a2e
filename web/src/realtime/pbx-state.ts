import type { ExtensionState, ParkedCallState, PbxChange, PbxSnapshot, QueueState, TrunkState } from '../api/types';

/** The two frames the server pushes about the phone systems; see src/server/ws/gateway.ts. */
export type PbxFrame =
  | { type: 'pbx'; source: string; snapshot: PbxSnapshot | null }
  | { type: 'pbx.change'; source: string; changes: PbxChange[] };

/** Every connected PBX's state, by source name. */
export type PbxStates = Readonly<Record<string, PbxSnapshot>>;

export const NO_PBX: PbxStates = Object.freeze({});

const EMPTY_SNAPSHOT: PbxSnapshot = { extensions: [], queues: [], parked: [], trunks: [] };

// The same order the server sorts its snapshots in, so a change lands where a reload would put it.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `list` with the item whose key is `key` replaced by `item` (or `item` added in order); a new array. */
function upsert<T>(list: readonly T[], item: T, keyOf: (value: T) => string): T[] {
  const key = keyOf(item);
  const rest = list.filter((value) => keyOf(value) !== key);
  return [...rest, item].sort((a, b) => compare(keyOf(a), keyOf(b)));
}

const extensionKey = (e: ExtensionState) => e.extension;
const queueKey = (q: QueueState) => q.name;
const trunkKey = (t: TrunkState) => t.device;
const parkedKey = (p: Pick<ParkedCallState, 'lot' | 'space'>) => `${p.lot}/${p.space}`;

/** One change applied to a snapshot; the parts it does not touch are the same objects as before. */
export function applyPbxChange(snapshot: PbxSnapshot, change: PbxChange): PbxSnapshot {
  switch (change.kind) {
    case 'extension':
      return { ...snapshot, extensions: upsert(snapshot.extensions, change.extension, extensionKey) };
    case 'queue':
      return { ...snapshot, queues: upsert(snapshot.queues, change.queue, queueKey) };
    case 'trunk':
      return { ...snapshot, trunks: upsert(snapshot.trunks, change.trunk, trunkKey) };
    case 'parked': {
      if (change.call) return { ...snapshot, parked: upsert(snapshot.parked, change.call, parkedKey) };
      const key = parkedKey(change);
      if (!snapshot.parked.some((p) => parkedKey(p) === key)) return snapshot;
      return { ...snapshot, parked: snapshot.parked.filter((p) => parkedKey(p) !== key) };
    }
    default:
      // A kind this page does not know yet (a newer server): left out rather than guessed at.
      return snapshot;
  }
}

/**
 * A frame applied to the states of every PBX, without changing them: a snapshot replaces that
 * source's state (null removes it), changes apply in order. Changes for a source not seen yet
 * start from an empty state, as the server's own state does before its first reload.
 */
export function applyPbxFrame(states: PbxStates, frame: PbxFrame): PbxStates {
  if (frame.type === 'pbx') {
    if (frame.snapshot !== null) return { ...states, [frame.source]: frame.snapshot };
    if (!Object.hasOwn(states, frame.source)) return states;
    const { [frame.source]: _gone, ...rest } = states;
    return rest;
  }
  if (frame.changes.length === 0) return states;
  // Source names are chosen by admins: "constructor" must not find Object's own.
  const before = Object.hasOwn(states, frame.source) ? (states[frame.source] as PbxSnapshot) : EMPTY_SNAPSHOT;
  return { ...states, [frame.source]: frame.changes.reduce(applyPbxChange, before) };
}
