import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * Runs on its own thread with its own connection. Left to SQLite, copying the write-ahead log
 * into the database file (and its fsyncs) happens inside whichever commit crosses the threshold,
 * on the server's only thread, and every popup waiting behind it is late. A PASSIVE checkpoint
 * never blocks writers; once the log is fully copied, the next commit starts it over from the top.
 * Kept as source text so the same code runs from the build and under the test loader alike.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const SQLite = require(workerData.driver);
const db = new SQLite(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    let [result] = db.pragma('wal_checkpoint(PASSIVE)');
    // Under writes that never pause, a passive checkpoint never sees the log fully copied, so
    // the log is never started over and keeps growing. Past a limit, wait for a gap between
    // writes once (they are short) and restart it.
    if (result.log > workerData.restartFrames) [result] = db.pragma('wal_checkpoint(RESTART)');
    parentPort.postMessage({ type: 'checkpoint', ...result });
  } catch (error) {
    parentPort.postMessage({ type: 'error', message: error.message });
  }
}, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface CheckpointStats {
  checkpoints: number;
  /** Frames in the log at the last checkpoint, and how many of them are in the database file. */
  lastLogFrames: number;
  lastCheckpointedFrames: number;
}

/** About 64 MB of 4 KiB pages: the log's size past which a checkpoint waits for a gap in writes. */
const RESTART_FRAMES = 16_000;

/** SQLite's own default: checkpoint inside the commit that makes the log reach 1,000 pages. */
const AUTOCHECKPOINT_PAGES = 1000;

/**
 * Moves WAL checkpoints off the main thread (see WORKER_SOURCE). If the worker fails, the
 * connection goes back to SQLite's automatic checkpoints: slower commits, nothing lost.
 */
export class BackgroundCheckpointer {
  readonly stats: CheckpointStats = { checkpoints: 0, lastLogFrames: 0, lastCheckpointedFrames: 0 };
  private stopped = false;

  private constructor(
    private readonly worker: Worker,
    private readonly sqlite: SQLite.Database,
    onError: (message: string) => void,
  ) {
    worker.on('message', (message: { type: string; log?: number; checkpointed?: number; message?: string }) => {
      if (message.type === 'checkpoint') {
        this.stats.checkpoints++;
        this.stats.lastLogFrames = message.log ?? 0;
        this.stats.lastCheckpointedFrames = message.checkpointed ?? 0;
      } else if (message.type === 'error') onError(`WAL checkpoint failed: ${message.message}`);
    });
    const fallBack = (reason: string) => {
      if (this.stopped) return;
      this.stopped = true;
      sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
      onError(`WAL checkpoint worker stopped (${reason}); SQLite checkpoints by itself again`);
    };
    worker.on('error', (error) => fallBack(error.message));
    worker.on('exit', (code) => fallBack(`exit code ${code}`));
  }

  static start(sqlite: SQLite.Database, file: string, onError: (message: string) => void, intervalMs = 500): BackgroundCheckpointer {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, intervalMs, driver, restartFrames: RESTART_FRAMES } });
    worker.unref();
    sqlite.pragma('wal_autocheckpoint = 0');
    return new BackgroundCheckpointer(worker, sqlite, onError);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.ref();
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
    clearTimeout(timer);
    await this.worker.terminate();
    this.sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  }
}
