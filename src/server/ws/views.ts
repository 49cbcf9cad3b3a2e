import type { Switchboard } from '../../app/switchboard.js';
import { callView, type CallView } from '../../calls/call-view.js';
import type { Call } from '../../domain/calls/call.js';

/** The call as `userId` is allowed to see it, with what the directory told them and its hold and recording state. */
export function viewFor(sb: Switchboard, call: Call, userId: number): CallView {
  const identity = sb.calls.identityFor(call.id, userId);
  return callView(call, {
    viewerId: userId,
    viewerExtensions: (extension) => sb.registry.resolve(extension)?.userId === userId,
    owner: (extension) => {
      const owner = sb.registry.resolve(extension);
      return owner ? { userId: owner.userId, userName: sb.registry.userName(owner.userId) ?? '' } : undefined;
    },
    identity: identity && { identity: identity.identity, failures: identity.failures },
    flags: sb.callFlags.flagsOf(call),
  });
}
