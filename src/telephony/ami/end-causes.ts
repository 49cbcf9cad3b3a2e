import type { EndCause } from '../../domain/calls/call-event.js';

/** Dial()'s DIALSTATUS, as DialEnd reports it for one dialed channel. */
export function causeOfDialStatus(status: string | undefined): EndCause | undefined {
  switch (status) {
    case 'ANSWER':
      return 'completed';
    case 'NOANSWER':
      return 'noanswer';
    case 'BUSY':
      return 'busy';
    case 'CANCEL':
      return 'cancelled';
    case 'CONGESTION':
    case 'CHANUNAVAIL':
    case 'INVALIDARGS':
      return 'failed';
    default:
      return undefined;
  }
}

/**
 * Q.850 hang-up causes Asterisk puts on Hangup events. Only the ones that say something about an
 * unanswered leg; 16 (normal clearing) after an answer is `completed`, decided by the caller.
 */
export function causeOfHangup(code: string | undefined): EndCause | undefined {
  switch (code) {
    case '17':
      return 'busy';
    case '18':
    case '19':
      return 'noanswer';
    case '21':
      return 'rejected';
    case '26':
      return 'answered_elsewhere';
    case '1':
    case '3':
    case '20':
    case '27':
    case '28':
    case '34':
    case '38':
    case '41':
    case '42':
      return 'failed';
    default:
      return undefined;
  }
}
