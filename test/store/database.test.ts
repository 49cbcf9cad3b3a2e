import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../src/store/database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('the WAL is checkpointed on a worker thread, not inside commits, and stays small', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-wal-'));
  const errors: string[] = [];
  const store = await openStore(dir, { backgroundCheckpoints: { onError: (m) => errors.push(m) } });
  try {
    assert.ok(store.checkpointer);
    assert.equal(store.sqlite.pragma('wal_autocheckpoint', { simple: true }), 0, 'commits no longer checkpoint');
    const insert = store.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    const blob = 'x'.repeat(2000);
    // About 8 MB through the log in small transactions, as call events write it.
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 500; i++) insert.run(`k${round}-${i}`, blob);
      await sleep(150);
    }
    const sizeMidway = statSync(`${store.file}-wal`).size;
    await sleep(1200);
    const { stats } = store.checkpointer;
    assert.ok(stats.checkpoints > 0, 'the worker ran checkpoints');
    assert.ok(stats.lastLogFrames > 0);
    assert.equal(stats.lastCheckpointedFrames, stats.lastLogFrames, 'once writes pause, the database file has caught up');
    // Caught up, the next commit starts the log over from the top instead of appending.
    insert.run('after', 'y');
    assert.equal(statSync(`${store.file}-wal`).size, sizeMidway, 'the log file did not grow: it was reused');
    assert.equal(
      (store.sqlite.prepare('SELECT count(*) AS n FROM settings').get() as { n: number }).n,
      4001,
    );
    assert.deepEqual(errors, []);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without the option (the CLI), SQLite checkpoints by itself', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'switchboard-wal-'));
  const store = await openStore(dir);
  try {
    assert.equal(store.checkpointer, undefined);
    assert.equal(store.sqlite.pragma('wal_autocheckpoint', { simple: true }), 1000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a new data folder is readable by its owner only', async () => {
  const parent = mkdtempSync(path.join(tmpdir(), 'switchboard-perm-'));
  const dir = path.join(parent, 'data');
  const store = await openStore(dir);
  try {
    assert.equal(statSync(dir).mode & 0o777, 0o700);
  } finally {
    await store.close();
    rmSync(parent, { recursive: true, force: true });
  }
});
