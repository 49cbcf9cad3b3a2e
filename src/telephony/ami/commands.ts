/**
 * The AMI actions Switchboard sends to drive calls, as pure builders: each checks its inputs (throwing
 * AmiCommandError naming the bad one) and returns `{ action, fields }` for `AmiClient.action`. They
 * live in ./commands/, one file per topic; this is their index.
 */

export { AmiCommandError, safeDisplayName, type AmiCommand } from './commands/validate.js';
export {
  DEFAULT_CONTEXT,
  ORIGINATE_TAG_VARIABLE,
  answerChanSip,
  answerPjsip,
  answerRemotely,
  attendedTransfer,
  blindTransfer,
  cancelAttendedTransfer,
  clickToCall,
  hangup,
  park,
  pickupParked,
  redirect,
  type ClickToCallInput,
  type ParkInput,
  type PickupParkedInput,
  type RedirectInput,
} from './commands/calls.js';
export {
  mixMonitorOptions,
  pauseRecording,
  recordingFileName,
  resumeRecording,
  startRecording,
  stopRecording,
  type RecordingDirection,
  type RecordingOptions,
  type StartRecordingInput,
} from './commands/recording.js';
export {
  clearForward,
  dndDeviceStateCommands,
  forwardDeviceStateCommands,
  forwardValue,
  getDnd,
  getForward,
  parseForwardValue,
  parseForwardingState,
  readForwardingCommands,
  setDnd,
  setForward,
  type ForwardKind,
  type ForwardTarget,
  type ForwardingState,
} from './commands/forwarding.js';
export { queueAdd, queuePause, queueRemove, type QueueAddInput, type QueuePauseInput } from './commands/queues.js';
export { CHANSPY_OPTIONS, supervise, type SpyMode, type SuperviseInput } from './commands/spy.js';
