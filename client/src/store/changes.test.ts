import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCatalog } from './catalog.ts';
import { type ChangeChannel, createChangeBus } from './changes.ts';
import { openDb, type SdpDb, StorageError, StorageFullError } from './db.ts';
import { type SwrSnapshot, watchSwr } from './swr.ts';
import { eventually, fakeServer, makePost, summary, uniqueDbName } from './test-fixtures.ts';

const open: SdpDb[] = [];
const setup = (name = uniqueDbName()) => {
  const database = openDb(name);
  open.push(database);
  const server = fakeServer();
  return { database, server, repo: createCatalog(database, server.client) };
};
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Watches `live.post(slug)` and counts how often the read runs. */
function countReads(database: SdpDb, repo: ReturnType<typeof createCatalog>, slug: string) {
  const source = repo.live.post(slug);
  let reads = 0;
  const seen: SwrSnapshot<unknown>[] = [];
  const watch = watchSwr(
    {
      ...source,
      read: () => {
        reads += 1;
        return source.read();
      },
    },
    async () => undefined,
    (s) => seen.push(s),
  );
  return { reads: () => reads, seen, watch, database };
}

describe('change bus', () => {
  it('a write re-runs a read that depends on the store it wrote', async () => {
    const { database, repo } = setup();
    const { reads, seen, watch } = countReads(database, repo, 'post-1');
    await eventually(() => expect(reads()).toBe(1));
    await repo.refreshPost('post-1');
    await eventually(() => expect(seen.at(-1)?.data).toMatchObject({ title: 'Post 1' }));
    expect(reads()).toBe(2);
    watch.dispose();
  });

  it('a write to an unrelated store does not re-run the read', async () => {
    const { database, repo } = setup();
    const { reads, watch } = countReads(database, repo, 'post-1');
    await eventually(() => expect(reads()).toBe(1));
    await repo.refreshTag('caching'); // tags only
    await repo.refreshSeries('missing').catch(() => undefined); // fails before writing anything
    await settle();
    expect(reads()).toBe(1);
    watch.dispose();
  });

  it('after dispose, writes no longer reach the watcher', async () => {
    const { database, repo } = setup();
    const { reads, seen, watch } = countReads(database, repo, 'post-1');
    await eventually(() => expect(reads()).toBe(1));
    watch.dispose();
    const before = seen.length;
    await repo.refreshPost('post-1');
    await settle();
    expect(reads()).toBe(1);
    expect(seen.length).toBe(before);
  });

  it('a burst of writes costs at most one extra read after the one under way, and ends on the last value', async () => {
    const { database, repo } = setup();
    const { reads, seen, watch } = countReads(database, repo, 'post-1');
    await eventually(() => expect(reads()).toBe(1));
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) => repo.putSummaries([{ ...summary(makePost(1)), title: `Title ${n}` }])),
    );
    await eventually(() => expect(seen.at(-1)?.data).toMatchObject({ title: 'Title 5' }));
    await settle();
    expect(reads()).toBeLessThanOrEqual(6);
    watch.dispose();
  });

  it('reports only after the transaction completed, and nothing for a write that failed', async () => {
    const { database } = setup();
    const heard: string[][] = [];
    const unsubscribe = database.changes.subscribe(['posts', 'tags'], (changed) => heard.push([...changed]));
    await database.write(['tags'], async (tx) => {
      await tx.objectStore('tags').put({ slug: 't', name: 't', description: '', postCount: 0, followerCount: 0 });
      expect(heard).toEqual([]); // not yet committed
    });
    expect(heard).toEqual([['tags']]);

    await expect(
      database.write(['posts'], async () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }),
    ).rejects.toBeInstanceOf(StorageFullError);
    expect(heard).toEqual([['tags']]);
    unsubscribe();
  });

  it('turns IndexedDB failures into StorageErrors with a clear message, and keeps nothing of a failed write', async () => {
    const { database, repo } = setup();
    await repo.refreshPost('post-1');
    const failed = await database
      .write(['posts'], async (tx) => {
        const posts = tx.objectStore('posts');
        const kept = (await posts.get('post-1'))!;
        await posts.put({ ...kept, title: 'Changed' });
        await posts.add(kept); // the key is taken: ConstraintError
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(StorageError);
    expect((failed as Error).message).toMatch(/^Reading or writing saved data on this device failed/);
    expect((await repo.readPost('post-1'))?.title).toBe('Post 1'); // rolled back
  });

  it('tells another tab of the same database (BroadcastChannel) and re-runs its reads there', async () => {
    const name = uniqueDbName();
    const tabA = setup(name);
    const tabB = setup(name);
    const { reads, seen, watch } = countReads(tabB.database, tabB.repo, 'post-2');
    await eventually(() => expect(reads()).toBe(1));
    await tabA.repo.refreshPost('post-2');
    await eventually(() => expect(seen.at(-1)?.data).toMatchObject({ title: 'Post 2' }));
    watch.dispose();
  });

  it('works without a BroadcastChannel, and hands changes between tabs through the one it is given', () => {
    const alone = createChangeBus(null);
    const heard: string[][] = [];
    alone.subscribe(['saved'], (c) => heard.push([...c]));
    alone.publish(['saved']);
    alone.publish(['posts']);
    expect(heard).toEqual([['saved']]);

    // Two fake tabs joined by a hand-made channel pair.
    const listeners: Record<'a' | 'b', ((event: MessageEvent) => void)[]> = { a: [], b: [] };
    const channel = (self: 'a' | 'b', other: 'a' | 'b'): ChangeChannel => ({
      postMessage: (data) => {
        for (const l of listeners[other]) l({ data } as MessageEvent);
      },
      addEventListener: (_type, listener) => listeners[self].push(listener),
      close: () => {
        listeners[self] = [];
      },
    });
    const a = createChangeBus(channel('a', 'b'));
    const b = createChangeBus(channel('b', 'a'));
    const inB: string[][] = [];
    b.subscribe(['lists'], (c) => inB.push([...c]));
    a.publish(['lists', 'posts']);
    expect(inB).toEqual([['lists', 'posts']]);
    b.close();
    a.publish(['lists']);
    expect(inB).toHaveLength(1);
    a.close();
  });

  it('a subscriber that throws does not keep the others from hearing, and is reported', () => {
    const bus = createChangeBus(null);
    const heard: string[] = [];
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    bus.subscribe(['posts'], () => {
      throw new Error('broken subscriber');
    });
    bus.subscribe(['posts'], () => heard.push('second'));
    bus.publish(['posts']);
    expect(heard).toEqual(['second']);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});
