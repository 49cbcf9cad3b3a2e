import type { CallFlags, CallView } from '../../api/types';

/**
 * How a card tells the phone system's hold and recording state, decided from the call alone.
 * Pure, like card-state: an ended call is neither held nor recorded, whatever its last flags said.
 */

/** Who has the call on hold, as the viewer reads it: themselves, the caller, or a colleague on the call. */
export type Hold = { by: 'you' } | { by: 'caller' } | { by: 'colleague'; name: string } | null;

export function holdOf(call: CallView, userId: number): Hold {
  const flags = call.flags;
  if (flags === null || call.phase === 'ended') return null;
  const mine = (extension: string) => extension === call.mine?.extension || call.legs.some((leg) => leg.extension === extension && leg.userId === userId);
  // The viewer's own hold comes first: it is the one they can take back.
  if (flags.heldBy.some(mine)) return { by: 'you' };
  if (flags.remoteHold) return { by: 'caller' };
  const other = flags.heldBy[0];
  if (other === undefined) return null;
  return { by: 'colleague', name: call.legs.find((leg) => leg.extension === other)?.userName || other };
}

export function recordingOf(call: CallView): CallFlags['recording'] {
  return call.phase === 'ended' ? 'off' : (call.flags?.recording ?? 'off');
}
