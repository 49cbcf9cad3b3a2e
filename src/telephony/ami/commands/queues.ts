/**
 * Dynamic queue members: log an agent in and out of a queue, pause and unpause them. FreePBX adds
 * its dynamic agents as `Local/<ext>@from-queue/n` with state interface `hint:<ext>@ext-local`, so
 * follow-me and DND apply to queue calls too; other interfaces (`PJSIP/201`) work the same way.
 */

import { AmiCommandError, bool, channel, dialplanName, freeText, int, type AmiCommand } from './validate.js';

/** `hint:<exten>@<context>` or `Custom:<name>`, besides a plain TECH/resource. */
const HINT = /^hint:[A-Za-z0-9+*#._-]+@[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const CUSTOM = /^Custom:[A-Za-z0-9_.-]+$/;

function stateInterface(value: unknown): string {
  if (typeof value === 'string' && value.length <= 80 && (HINT.test(value) || CUSTOM.test(value))) return value;
  try {
    return channel('stateInterface', value);
  } catch {
    throw new AmiCommandError('stateInterface', 'must be TECH/resource, hint:<exten>@<context> or Custom:<name>');
  }
}

export interface QueueAddInput {
  queue: string;
  /** What the queue dials: `Local/201@from-queue/n`, `PJSIP/201`. */
  interface: string;
  /** Shown in queue statistics and written to queue_log. */
  memberName?: string;
  /** Where the member's busy/free state comes from when `interface` cannot tell (Local channels). */
  stateInterface?: string;
  /** Lower penalties get calls first; default 0. */
  penalty?: number;
  /** Join paused; default false. */
  paused?: boolean;
  /** Why, when joining paused. */
  reason?: string;
}

export function queueAdd(input: QueueAddInput): AmiCommand {
  return {
    action: 'QueueAdd',
    fields: {
      Queue: dialplanName('queue', input.queue),
      Interface: channel('interface', input.interface),
      Penalty: int('penalty', input.penalty ?? 0, 0, 1_000_000),
      Paused: bool('paused', input.paused ?? false),
      Reason: input.reason === undefined ? undefined : freeText('reason', input.reason),
      MemberName: input.memberName === undefined ? undefined : freeText('memberName', input.memberName),
      StateInterface: input.stateInterface === undefined ? undefined : stateInterface(input.stateInterface),
    },
  };
}

export function queueRemove(input: { queue: string; interface: string }): AmiCommand {
  return {
    action: 'QueueRemove',
    fields: { Queue: dialplanName('queue', input.queue), Interface: channel('interface', input.interface) },
  };
}

export interface QueuePauseInput {
  interface: string;
  paused: boolean;
  /** Only this queue; without it the member is (un)paused in every queue it belongs to. */
  queue?: string;
  /** Reported in QueueMemberPause and queue_log (lunch, after-call work…). */
  reason?: string;
}

export function queuePause(input: QueuePauseInput): AmiCommand {
  return {
    action: 'QueuePause',
    fields: {
      Interface: channel('interface', input.interface),
      Paused: bool('paused', input.paused),
      Queue: input.queue === undefined ? undefined : dialplanName('queue', input.queue),
      Reason: input.reason === undefined ? undefined : freeText('reason', input.reason),
    },
  };
}
