import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from './open-database.ts';
import { openSqliteDocStore } from './sqlite-doc-store.ts';
import { startWalCheckpointer } from './wal-checkpointer.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdp-wal-'));
  dirs.push(dir);
  return dir;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const update = (i: number) => Uint8Array.from({ length: 600 }, (_, k) => (i + k) & 0xff);

/** Opens a store in a fresh directory, notes the database file's size, then commits 40 small batches. */
async function openAndWrite(checkpointIntervalMs: number) {
  const dir = tempDir();
  const store = openSqliteDocStore({ dataDir: dir, checkpointIntervalMs });
  const file = join(dir, SQLITE_FILE_NAME);
  const before = statSync(file).size;
  for (let i = 0; i < 40; i++) await store.appendBatch([{ name: `user:u${i % 7}`, updates: [update(i)] }]);
  return { dir, store, file, before };
}

describe('WAL checkpoints from a worker', () => {
  it('copies committed pages into the database file without a commit doing it', async () => {
    const { dir, store, file, before } = await openAndWrite(50);
    const deadline = Date.now() + 5_000;
    while (statSync(file).size <= before && Date.now() < deadline) await sleep(25);
    expect(statSync(file).size).toBeGreaterThan(before);
    await store.close();
    await store.close(); // idempotent
    const reopened = openSqliteDocStore({ dataDir: dir, checkpointIntervalMs: 0 });
    expect((await reopened.loadDoc('user:u3')).updates).toHaveLength(6);
    await reopened.close();
  });

  it('leaves the file alone when turned off (SQLite checkpoints at 1,000 WAL pages)', async () => {
    const { store, file, before } = await openAndWrite(0);
    await sleep(300);
    expect(statSync(file).size).toBe(before);
    await store.close();
  });

  it('reports a worker that cannot open the file, so the store falls back', async () => {
    const failures: unknown[] = [];
    const checkpointer = startWalCheckpointer({
      file: join(tempDir(), 'missing.sqlite'),
      intervalMs: 50,
      onFailure: (error) => failures.push(error),
    });
    await checkpointer.stop();
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'SQLITE_CANTOPEN' });
  });
});
