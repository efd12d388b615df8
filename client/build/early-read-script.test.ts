import 'fake-indexeddb/auto';
import { unwrap } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { createCatalog } from '../src/store/catalog.ts';
import { DB_VERSION, openDb, type SdpDb } from '../src/store/db.ts';
import { type EarlyRead, earlyPostSettled, takeEarlyPost } from '../src/store/early-read.ts';
import { fakeServer, makePost, uniqueDbName } from '../src/store/test-fixtures.ts';
import { earlyReadScript } from './early-read-script.ts';

type FakeWindow = { __sdpEarlyRead?: EarlyRead };
const globals = globalThis as unknown as { window?: FakeWindow };

/** Runs the inline script as index.html would at `pathname` and returns what it left on `window`. */
function runScript(name: string, pathname: string): EarlyRead {
  const win: FakeWindow = {};
  globals.window = win;
  new Function('location', 'window', earlyReadScript(name, DB_VERSION))({ pathname }, win);
  if (!win.__sdpEarlyRead) throw new Error('the script left nothing on window');
  return win.__sdpEarlyRead;
}

const opened: SdpDb[] = [];
afterEach(async () => {
  for (const d of opened.splice(0)) await d.delete();
  delete globals.window;
});

async function databaseWithPost(slug: string) {
  const name = uniqueDbName();
  const database = openDb(name);
  opened.push(database);
  await createCatalog(database, fakeServer().client).putPost(makePost(1, { slug }));
  database.close();
  return name;
}

describe('early read script', () => {
  it('opens the database and reads the post of a post page', async () => {
    const name = await databaseWithPost('raft-in-plain-words');
    const early = runScript(name, '/p/raft-in-plain-words');
    const connection = await early.db;
    expect(connection?.version).toBe(DB_VERSION);
    expect(early.post?.slug).toBe('raft-in-plain-words');
    expect(await early.post?.value).toMatchObject({ slug: 'raft-in-plain-words', content: { type: 'doc' } });
    connection?.close();
  });

  it('hands its connection and its read to the app once', async () => {
    const name = await databaseWithPost('raft-in-plain-words');
    const early = runScript(name, '/p/raft-in-plain-words');
    const raw = await early.db;
    const database = openDb(name);
    opened.push(database);
    expect(unwrap(await database.connection())).toBe(raw);
    expect(await takeEarlyPost('raft-in-plain-words')).toMatchObject({ slug: 'raft-in-plain-words' });
    expect(takeEarlyPost('raft-in-plain-words')).toBeUndefined();
  });

  it('never creates a missing database: the app opens and upgrades it as usual', async () => {
    const name = uniqueDbName();
    const early = runScript(name, '/p/anything');
    expect(await early.db).toBeNull();
    expect(await early.post?.value).toBeUndefined();
    expect(await takeEarlyPost('anything')).toBeUndefined();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    const database = openDb(name);
    opened.push(database);
    expect([...(await database.connection()).objectStoreNames]).toContain('posts');
  });

  it('reads no post elsewhere, and an unknown post as undefined', async () => {
    const name = await databaseWithPost('raft-in-plain-words');
    const home = runScript(name, '/');
    expect(home.post).toBeUndefined();
    (await home.db)?.close();
    const other = runScript(name, '/p/not-kept');
    expect(await other.post?.value).toBeUndefined();
    (await other.db)?.close();
  });

  it('lets the first render wait for the read, but not longer than asked', async () => {
    globals.window = { __sdpEarlyRead: { db: Promise.resolve(null), name: 'x', version: 1 } };
    await expect(earlyPostSettled(10_000)).resolves.toBeUndefined();
    globals.window.__sdpEarlyRead = {
      db: Promise.resolve(null),
      name: 'x',
      version: 1,
      post: { slug: 'slow', value: new Promise(() => undefined) },
    };
    const started = Date.now();
    await earlyPostSettled(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
