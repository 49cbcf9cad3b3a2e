// What the replay server (a child process) and the bench say to each other.

/** The action a client sends, after its login, to get the stream: its clock starts just before. */
export const STREAM_ACTION = 'BenchStream';

/** The child's one IPC message: where it listens and what its stream holds. */
export interface ReplayReady {
  type: 'ready';
  port: number;
  /** Event frames in the stream (the end marker excluded). */
  events: number;
  byName: Record<string, number>;
  loops: number;
  eventsPerLoop: number;
  bytes: number;
  recordings: number;
}
