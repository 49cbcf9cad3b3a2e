/**
 * Which AMI events Switchboard reads. Two layers: the login asks Asterisk only for the event
 * classes a CTI needs (no dialplan, CDR, DTMF or RTCP reports: less work for the PBX and the
 * network), and the parser skips, unbuilt, the frequent events of those classes that neither the
 * call tracking nor the operator panel uses (a PBX whose manager user ignores the mask, or older
 * versions that class events differently, still cost little).
 */

/** `Events:` of the Login. List events answering our actions come whatever the mask. */
export const EVENT_CLASSES = 'system,call,agent,user';

const UNUSED: ReadonlySet<string> = new Set([
  'VarSet',
  'Newexten',
  'DeviceStateChange',
  'Cdr',
  'CEL',
  'RTCPSent',
  'RTCPReceived',
  'DTMFBegin',
  'DTMFEnd',
  'HangupRequest',
  'SoftHangupRequest',
  'LocalBridge',
  // The connected line is the other side's caller id, which the tracker reads from that channel itself.
  'NewConnectedLine',
  'BridgeCreate',
  'BridgeDestroy',
  'NewAccountCode',
  'MusicOnHoldStart',
  'MusicOnHoldStop',
  'ChannelTalkingStart',
  'ChannelTalkingStop',
  'AGIExecStart',
  'AGIExecEnd',
  'SuccessfulAuth',
  'ChallengeSent',
]);

export const acceptsEvent = (name: string): boolean => !UNUSED.has(name);
