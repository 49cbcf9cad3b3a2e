import type { EndCause } from '../../domain/calls/call-event.js';

export const END_CAUSES = [
  'completed',
  'noanswer',
  'cancelled',
  'busy',
  'rejected',
  'failed',
  'voicemail',
  'answered_elsewhere',
  'unknown',
] as const satisfies readonly EndCause[];

// Fails to compile when EndCause gains a value this list lacks.
type Missing = Exclude<EndCause, (typeof END_CAUSES)[number]>;
const complete: Missing extends never ? true : never = true;
void complete;

export const isEndCause = (value: string): value is EndCause => (END_CAUSES as readonly string[]).includes(value);
