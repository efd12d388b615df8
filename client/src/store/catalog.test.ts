import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, NotFoundError, OfflineError } from './api-client.ts';
import { createCatalog } from './catalog.ts';
import type { LiveRead } from './changes.ts';
import { openDb, type SdpDb } from './db.ts';
import { type SwrSnapshot, swrStatus, watchSwr } from './swr.ts';
import { eventually, fakeServer, makePost, summary, uniqueDbName } from './test-fixtures.ts';

const open: SdpDb[] = [];
const setup = () => {
  const database = openDb(uniqueDbName());
  open.push(database);
  const server = fakeServer();
  return { database, server, repo: createCatalog(database, server.client) };
};
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});

describe('api client', () => {
  it('turns failures into typed errors carrying the server message', async () => {
    const { server } = setup();
    await expect(server.client.post('missing')).rejects.toBeInstanceOf(NotFoundError);
    await expect(server.client.post('missing')).rejects.toThrow('Nothing here.');
    server.offline = true;
    await expect(server.client.latest()).rejects.toBeInstanceOf(OfflineError);
  });

  it('reports server errors as ApiError with status, code and message', async () => {
    const { server } = setup();
    server.failing = true;
    const error = await server.client.latest().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 500, code: 'internal', message: 'The database is resting.' });
  });
});

describe('catalog repositories', () => {
  it('keeps a list and its posts, and appends the next page with the cursor', async () => {
    const { repo } = setup();
    await repo.refreshPostList('latest');
    let list = await repo.readPostList('latest');
    expect(list?.items.map((p) => p.slug)).toEqual(['post-3', 'post-2']);
    expect(list?.nextCursor).toBe('2');
    expect(await repo.loadMore('latest')).toBe(true);
    list = await repo.readPostList('latest');
    expect(list?.items.map((p) => p.slug)).toEqual(['post-3', 'post-2', 'post-1']);
    expect(list?.nextCursor).toBeNull();
    expect(await repo.loadMore('latest')).toBe(false);
  });

  it('never loses a full post when a summary of it arrives later', async () => {
    const { repo } = setup();
    await repo.refreshPost('post-3');
    expect((await repo.readPost('post-3'))?.content).toBeDefined();
    await repo.putSummaries([{ ...summary(makePost(3)), title: 'Renamed' }]);
    const kept = await repo.readPost('post-3');
    expect(kept?.title).toBe('Renamed');
    expect(kept?.content).toBeDefined();
    expect(kept?.author).toMatchObject({ headline: 'Storage engineer' });
  });

  it('keeps authors at the richest level seen and finds them by handle', async () => {
    const { repo } = setup();
    await repo.refreshAuthorByHandle('ana');
    await repo.refreshPostList('latest'); // bylines only
    const kept = await repo.readAuthorByHandle('ANA');
    expect(kept?.level).toBe(2);
    expect(kept?.bio).toBe('Writes about replication.');
  });
});

describe('stale-while-revalidate', () => {
  const watch = <T>(read: LiveRead<T | undefined>, refresh: () => Promise<unknown>) => {
    const seen: SwrSnapshot<T>[] = [];
    const w = watchSwr(read, refresh, (s) => seen.push(s));
    return { seen, last: () => seen[seen.length - 1] as SwrSnapshot<T>, w };
  };

  it('loads from the network into IndexedDB, then renders from IndexedDB', async () => {
    const { repo } = setup();
    const { last, w } = watch(repo.live.post('post-1'), () => repo.refreshPost('post-1'));
    expect(swrStatus(last())).toBe('loading');
    await eventually(() => expect(swrStatus(last())).toBe('ready'));
    expect(last().data?.title).toBe('Post 1');
    w.dispose();
  });

  it('renders what is kept while offline, and says so when nothing is kept', async () => {
    const { repo, server } = setup();
    await repo.refreshPost('post-2');
    server.offline = true;
    const kept = watch(repo.live.post('post-2'), () => repo.refreshPost('post-2'));
    await eventually(() => expect(kept.last().remote).toBe('offline'));
    expect(swrStatus(kept.last())).toBe('ready');
    expect(kept.last().data?.content).toBeDefined();

    const missing = watch(repo.live.post('post-1'), () => repo.refreshPost('post-1'));
    await eventually(() => expect(swrStatus(missing.last())).toBe('offline-missing'));
    kept.w.dispose();
    missing.w.dispose();
  });

  it('reports not found, and a page that is only partly kept is not ready', async () => {
    const { repo } = setup();
    const nf = watch(repo.live.post('nope'), () => repo.refreshPost('nope'));
    await eventually(() => expect(swrStatus(nf.last())).toBe('not-found'));
    nf.w.dispose();

    await repo.refreshPostList('latest'); // summaries only
    const partial = watch(repo.live.post('post-3'), async () => {
      throw new OfflineError();
    });
    await eventually(() => expect(partial.last().remote).toBe('offline'));
    expect(partial.last().data?.title).toBe('Post 3');
    expect(swrStatus(partial.last(), (p) => p.content !== undefined)).toBe('offline-missing');
    partial.w.dispose();
  });

  it('picks up writes made elsewhere (change bus) and skips identical re-reads', async () => {
    const { repo } = setup();
    const { seen, last, w } = watch(repo.live.postList('latest'), () => repo.refreshPostList('latest'));
    await eventually(() => expect(last().data?.items.length).toBe(2));
    await eventually(() => expect(last().remote).toBe('ok'));
    const before = seen.length;
    await repo.refreshPostList('latest'); // same data again
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(before);
    await repo.loadMore('latest');
    await eventually(() => expect(last().data?.items.length).toBe(3));
    w.dispose();
  });
});
