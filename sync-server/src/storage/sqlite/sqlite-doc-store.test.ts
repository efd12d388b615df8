import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DocStoreHarness, docStoreContract } from '../../../../tests/contract/doc-store.contract.ts';
import { openSqliteDocStore } from './sqlite-doc-store.ts';

class SimulatedCrash extends Error {}

async function sqliteHarness(): Promise<DocStoreHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'sdp-docstore-'));
  let armed = false;
  const open = () =>
    openSqliteDocStore({
      dataDir: dir,
      onCompactBetweenSteps: () => {
        if (armed) {
          armed = false;
          throw new SimulatedCrash('crash between snapshot and delete');
        }
      },
    });
  let store = open();
  return {
    get store() {
      return store;
    },
    failNextCompactionBetweenSteps: () => {
      armed = true;
    },
    reopen: async () => {
      await store.close();
      store = open();
      return store;
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

docStoreContract('SQLite', sqliteHarness);

describe('SqliteDocStore under a real crash', () => {
  it('PERSIST-6: a process killed with SIGKILL while appending and compacting leaves a loadable doc', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdp-docstore-kill-'));
    try {
      // The child appends numbered inserts and compacts every 7 appends, forever, printing each
      // committed count; we kill it mid-stream and check every printed count is in storage.
      const script = `
        import * as Y from 'yjs';
        import { openSqliteDocStore } from './sync-server/src/storage/sqlite/sqlite-doc-store.ts';
        const store = openSqliteDocStore({ dataDir: ${JSON.stringify(dir)} });
        const doc = new Y.Doc();
        let pending = [];
        doc.on('update', (u) => pending.push(u));
        for (let i = 1; ; i++) {
          doc.getArray('a').push([i]);
          const seq = await store.appendUpdates('draft:k', pending.splice(0));
          if (i % 7 === 0) await store.compact('draft:k', Y.encodeStateAsUpdate(doc), seq);
          process.stdout.write(i + '\\n');
          if (i % 50 === 0) await new Promise((r) => setImmediate(r));
        }`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: join(import.meta.dirname, '../../../..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let committed = 0;
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) if (line) committed = Number(line);
      });
      const deadline = Date.now() + 20_000;
      while (committed < 400 && Date.now() < deadline && child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(committed).toBeGreaterThanOrEqual(400);

      const store = openSqliteDocStore({ dataDir: dir });
      const loaded = await store.loadDoc('draft:k');
      await store.close();
      const doc = new Y.Doc();
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
      for (const update of loaded.updates) Y.applyUpdate(doc, update);
      const values = doc.getArray<number>('a').toArray();
      expect(values.length).toBeGreaterThanOrEqual(committed);
      expect(values).toEqual(values.map((_, i) => i + 1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SqliteDocStore sequence numbers', () => {
  const update = (byte: number) => new Uint8Array([byte, 0, 0]);

  it('numbers on from a failed batch as if it never happened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdp-docstore-seq-'));
    const store = openSqliteDocStore({ dataDir: dir, checkpointIntervalMs: 0 });
    try {
      expect((await store.appendBatch([{ name: 'draft:a', updates: [update(1)] }])).get('draft:a')).toBe(1);
      // A value SQLite refuses (STRICT BLOB column) fails the whole batch, draft:a's update included.
      const refused = [update(2), 42 as unknown as Uint8Array];
      await expect(
        store.appendBatch([
          { name: 'draft:a', updates: [update(2)] },
          { name: 'draft:b', updates: refused },
        ]),
      ).rejects.toThrow();
      expect((await store.appendBatch([{ name: 'draft:a', updates: [update(3)] }])).get('draft:a')).toBe(2);
      const loaded = await store.loadDoc('draft:a');
      expect(loaded.updates).toEqual([update(1), update(3)]);
      expect(loaded.lastSeq).toBe(2);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('continues after a snapshot that covers the whole log, across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdp-docstore-seq-'));
    let store = openSqliteDocStore({ dataDir: dir, checkpointIntervalMs: 0 });
    try {
      await store.appendUpdates('draft:c', [update(1), update(2), update(3)]);
      await store.compact('draft:c', update(9), 3);
      await store.close();
      store = openSqliteDocStore({ dataDir: dir, checkpointIntervalMs: 0 });
      expect(await store.appendUpdates('draft:c', [update(4)])).toBe(4);
      expect(await store.loadDoc('draft:c')).toMatchObject({ snapshotSeq: 3, lastSeq: 4, updates: [update(4)] });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
