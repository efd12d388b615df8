import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from './migrate.ts';
import { openSqliteDocStore, type SqliteDocStore } from './sqlite-doc-store.ts';

const update = (n: number) => new Uint8Array([n & 0xff, n >> 8, 7]);
const rowsInLog = (db: Database.Database) =>
  db.prepare<[], number>('SELECT count(*) FROM update_log').pluck().get() ?? Number.NaN;

describe('SqliteUpdateLog', () => {
  let db: Database.Database;
  let store: SqliteDocStore;
  const open = (options: { maxSpanRows?: number; truncateEveryRows?: number } = {}) => {
    store = openSqliteDocStore({ db, ...options });
    return store;
  };
  afterEach(async () => {
    await store?.close();
    db?.close();
  });

  it('rebuilds which rows are whose when it opens again', async () => {
    db = new Database(':memory:');
    open();
    await store.appendBatch([
      { name: 'draft:a', updates: [update(1), update(2)] },
      { name: 'user:b', updates: [update(3)] },
    ]);
    await store.appendUpdates('draft:a', [update(4)]);
    await store.compact('draft:a', update(99), 2);
    await store.close();

    open();
    expect(await store.loadDoc('draft:a')).toEqual({
      snapshot: update(99),
      snapshotSeq: 2,
      updates: [update(4)],
      lastSeq: 3,
    });
    expect((await store.loadDoc('user:b')).updates).toEqual([update(3)]);
    expect(await store.appendUpdates('draft:a', [update(5)])).toBe(4);
    expect(await store.appendUpdates('user:b', [update(6)])).toBe(2);
  });

  it('deletes rows once snapshots cover them, from the front of the log, keeping the newest row id', async () => {
    db = new Database(':memory:');
    open({ truncateEveryRows: 1 });
    for (let i = 1; i <= 20; i++) {
      await store.appendBatch([
        { name: 'draft:a', updates: [update(i)] },
        { name: 'draft:b', updates: [update(100 + i)] },
      ]);
    }
    expect(rowsInLog(db)).toBe(40);
    await store.compact('draft:a', update(1), 20);
    // draft:b's first row (the second row of the log) is still live: only the row before it can go.
    expect(rowsInLog(db)).toBe(39);
    await store.compact('draft:b', update(2), 20);
    expect(rowsInLog(db)).toBe(1);
    expect(store.log.stats().liveRows).toBe(0);
    // Ids keep growing: a new row never reuses one that held something else.
    const before = store.log.stats().maxId;
    await store.appendUpdates('draft:a', [update(21)]);
    expect(store.log.stats().maxId).toBe(before + 1);
    expect((await store.loadDoc('draft:a')).updates).toEqual([update(21)]);
  });

  it('moves a document that holds old rows to the end, so the log stays bounded', async () => {
    db = new Database(':memory:');
    open({ maxSpanRows: 20, truncateEveryRows: 1 });
    await store.appendUpdates('draft:slow', [update(1), update(2)]);
    for (let i = 1; i <= 200; i++) {
      await store.appendUpdates('draft:busy', [update(i)]);
      if (i % 10 === 0) await store.compact('draft:busy', update(i), i);
    }
    // Without moving, draft:slow's first row would keep all 202 rows alive.
    expect(rowsInLog(db)).toBeLessThanOrEqual(21 + 2);
    expect((await store.loadDoc('draft:slow')).updates).toEqual([update(1), update(2)]);
    await store.close();
    open({ maxSpanRows: 20, truncateEveryRows: 1 });
    expect(await store.loadDoc('draft:slow')).toMatchObject({ updates: [update(1), update(2)], lastSeq: 2 });
    expect(await store.appendUpdates('draft:slow', [update(3)])).toBe(3);
    expect((await store.loadDoc('draft:busy')).lastSeq).toBe(200);
  });

  it('migration 007 carries the live rows and last seqs of the old per-document table', async () => {
    db = new Database(':memory:');
    const migrations = loadMigrations();
    migrate(db, migrations.slice(0, 6));
    const at = '2026-12-01T00:00:00.000Z';
    db.exec(`INSERT INTO documents (name, last_seq, created_at, updated_at) VALUES
      ('draft:a', 2, '${at}', '${at}'), ('user:b', 0, '${at}', '${at}')`);
    db.prepare("INSERT INTO document_snapshots (doc_name, seq, data, created_at) VALUES ('draft:a', 2, ?, ?)").run(
      update(50),
      at,
    );
    const insert = db.prepare('INSERT INTO document_updates (doc_name, seq, data) VALUES (?, ?, ?)');
    insert.run('draft:a', 2, update(2)); // covered by the snapshot: dead
    insert.run('draft:a', 3, update(3));
    insert.run('user:b', 1, update(1));
    insert.run('user:b', 2, update(2));

    open();
    expect(await store.loadDoc('draft:a')).toEqual({
      snapshot: update(50),
      snapshotSeq: 2,
      updates: [update(3)],
      lastSeq: 3,
    });
    expect(await store.loadDoc('user:b')).toMatchObject({ updates: [update(1), update(2)], lastSeq: 2 });
    expect(rowsInLog(db)).toBe(3);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'document_updates'").get()).toBeUndefined();
  });
});
