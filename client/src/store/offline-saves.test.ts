import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { OfflineError } from './api-client.ts';
import { createCatalog } from './catalog.ts';
import { openDb, type SdpDb, type StoreName } from './db.ts';
import { createOfflineSaves, type MediaStore, mapLimit, type SaveProgress, savedKey } from './offline-saves.ts';
import { fakeServer, makePost, uniqueDbName } from './test-fixtures.ts';

/** Images of 1000 bytes each, kept in a Map like Cache Storage would. */
const memoryMedia = () => {
  const kept = new Map<string, number>();
  const media: MediaStore = {
    async store(url) {
      kept.set(url, 1000);
      return 1000;
    },
    async remove(url) {
      kept.delete(url);
    },
  };
  return { kept, media };
};

const open: SdpDb[] = [];
const setup = () => {
  const database = openDb(uniqueDbName());
  open.push(database);
  const server = fakeServer();
  const repo = createCatalog(database, server.client);
  const { kept, media } = memoryMedia();
  return { database, server, repo, kept, saves: createOfflineSaves(database, server.client, repo, media) };
};
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});

/** A record as kept, read straight from IndexedDB. */
const get = async <S extends StoreName>(database: SdpDb, store: S, key: string) =>
  (await database.connection()).get(store, key);

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe('offline saves', () => {
  it('saves a post with its images and records the bytes it took', async () => {
    const { saves, kept, database } = setup();
    const progress: SaveProgress[] = [];
    const item = await saves.save({ kind: 'post', slug: 'post-1' }, (p) => progress.push(p));
    expect(item).toMatchObject({ key: 'post:post-1', kind: 'post', title: 'Post 1', href: '/p/post-1' });
    expect(item.postSlugs).toEqual(['post-1']);
    expect(item.images.sort()).toEqual(['/media/img-1.png', '/media/shared.png']);
    expect(item.bytes).toBe(jsonBytes(makePost(1)) + 2000);
    expect([...kept.keys()].sort()).toEqual(['/media/img-1.png', '/media/shared.png']);
    expect((await get(database, 'posts', 'post-1'))?.content).toBeDefined();
    expect(progress.at(-1)).toEqual({ done: 1, total: 1 });
  });

  it('saves a whole tag across pages, reporting N of M', async () => {
    const { saves, database } = setup();
    const progress: SaveProgress[] = [];
    const item = await saves.save({ kind: 'tag', slug: 'caching' }, (p) => progress.push(p));
    expect(item.title).toBe('#caching');
    expect(item.postSlugs.sort()).toEqual(['post-1', 'post-2', 'post-3']);
    expect(progress[0]).toEqual({ done: 0, total: 3 });
    expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
    expect(item.bytes).toBe([1, 2, 3].reduce((sum, n) => sum + jsonBytes(makePost(n)) + 2000, 0));
    expect((await get(database, 'lists', 'tag:caching'))?.ids).toHaveLength(3);
    expect(await get(database, 'tags', 'caching')).toBeDefined();
  });

  it('removing keeps content and images another saved item still needs', async () => {
    const { saves, kept, database } = setup();
    await saves.save({ kind: 'post', slug: 'post-1' });
    await saves.save({ kind: 'author', id: 'a1' });
    await saves.save({ kind: 'post', slug: 'post-2' });

    await saves.remove('author:a1');
    expect(await saves.readSaved('author:a1')).toBeUndefined();
    // post-3 was only needed by the author save: its content and own image go; the summary stays.
    const post3 = await get(database, 'posts', 'post-3');
    expect(post3?.title).toBe('Post 3');
    expect(post3?.content).toBeUndefined();
    expect(kept.has('/media/img-3.png')).toBe(false);
    // post-1 and post-2 are still saved on their own.
    expect((await get(database, 'posts', 'post-1'))?.content).toBeDefined();
    expect((await get(database, 'posts', 'post-2'))?.content).toBeDefined();
    expect(kept.has('/media/shared.png')).toBe(true);

    await saves.remove('post:post-1');
    expect((await get(database, 'posts', 'post-1'))?.content).toBeUndefined();
    expect(kept.has('/media/img-1.png')).toBe(false);
    expect(kept.has('/media/shared.png')).toBe(true); // post-2 still shows it

    await saves.remove('post:post-2');
    expect(kept.size).toBe(0);
    expect(await saves.readAllSaved()).toEqual([]);
  });

  it('records nothing when the network goes away mid-save', async () => {
    const { saves, server } = setup();
    server.offline = true;
    await expect(saves.save({ kind: 'latest' })).rejects.toBeInstanceOf(OfflineError);
    expect(await saves.readSaved('latest')).toBeUndefined();
  });

  it('lists saved items newest first and names keys consistently', async () => {
    const { saves } = setup();
    await saves.save({ kind: 'latest' });
    await new Promise((r) => setTimeout(r, 5));
    await saves.save({ kind: 'post', slug: 'post-3' });
    expect((await saves.readAllSaved()).map((s) => s.key)).toEqual(['post:post-3', 'latest']);
    expect(savedKey({ kind: 'series', slug: 's' })).toBe('series:s');
    expect(savedKey({ kind: 'author', id: 'x' })).toBe('author:x');
  });
});

describe('keeping the Following feed offline', () => {
  it('saves the feed, then a top-up fetches only posts it does not hold yet', async () => {
    const { saves, server } = setup();
    server.posts = [1, 2].map((n) => makePost(n));
    const first = await saves.save({ kind: 'following', userId: 'u1' });
    expect(first).toMatchObject({ key: 'following:u1', kind: 'following', title: 'Following' });
    expect(first.postSlugs.sort()).toEqual(['post-1', 'post-2']);

    server.posts = [1, 2, 3].map((n) => makePost(n));
    server.requests.length = 0;
    const progress: SaveProgress[] = [];
    const topped = await saves.save({ kind: 'following', userId: 'u1' }, (p) => progress.push(p), { onlyNew: true });
    expect(server.requests.filter((r) => r.startsWith('/api/posts/post-'))).toEqual(['/api/posts/post-3']);
    expect(progress.at(-1)).toEqual({ done: 1, total: 1 });
    expect(topped.postSlugs.sort()).toEqual(['post-1', 'post-2', 'post-3']);
    expect(topped.bytes).toBe(first.bytes + jsonBytes(makePost(3)) + 2000);
  });
});

describe('mapLimit', () => {
  it('never runs more than the limit at once and keeps order', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7, 8, 9], 4, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5 + (n % 3)));
      running -= 1;
      return n * 2;
    });
    expect(peak).toBe(4);
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });
});
