/**
 * Where a connection Switchboard opens to a phone system (an AMI source) stands. The process that
 * holds the connection reports it; the admin API and page only pass it on, so the CLI (another
 * process) never sees one.
 */
export interface PbxConnectionStatus {
  /**
   * connecting: the first attempt (or one after a settings change) is under way.
   * connected: logged in. reconnecting: the connection failed or dropped; waiting for `nextAttemptAt`.
   * stopped: not trying (the server is shutting down, or gave up). disabled: the source is switched off.
   */
  state: 'connecting' | 'connected' | 'reconnecting' | 'stopped' | 'disabled';
  /** Epoch ms the connection entered `state`. */
  since: number;
  /** Why the last connection ended or the last attempt failed; null while nothing has gone wrong. */
  lastError: string | null;
  /** Epoch ms of the last successful login, while connected or since the last drop. */
  connectedAt: number | null;
  /** reconnecting: epoch ms of the next attempt. */
  nextAttemptAt: number | null;
}

export const PBX_CONNECTION_STATES: readonly PbxConnectionStatus['state'][] = ['connecting', 'connected', 'reconnecting', 'stopped', 'disabled'];
