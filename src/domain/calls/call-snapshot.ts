import type { Call, CallLeg } from './call.js';

/** A copy the receiver may keep or change without touching the tracker's state, or vice versa. */
export function copyCall(call: Call): Call {
  return { ...call, legs: call.legs.map((leg) => ({ ...leg })) };
}

const CALL_FIELDS = [
  'id',
  'direction',
  'phase',
  'remoteNumber',
  'remoteName',
  'localNumber',
  'queue',
  'answeredBy',
  'startedAt',
  'answeredAt',
  'endedAt',
  'outcome',
  'cause',
  'causeText',
  'closedByTimeout',
] as const satisfies readonly (keyof Call)[];

const LEG_FIELDS = ['extension', 'state', 'since', 'answeredAt', 'endedAt', 'cause'] as const satisfies readonly (keyof CallLeg)[];

/** Field-by-field equality of two snapshots: tells the tracker whether an event changed anything visible. */
export function sameCall(a: Call, b: Call): boolean {
  if (CALL_FIELDS.some((field) => a[field] !== b[field])) return false;
  if (a.legs.length !== b.legs.length) return false;
  return a.legs.every((leg, i) => {
    const other = b.legs[i];
    return other !== undefined && LEG_FIELDS.every((field) => leg[field] === other[field]);
  });
}
