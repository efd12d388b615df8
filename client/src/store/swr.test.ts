import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCatalog } from './catalog.ts';
import { createChangeBus, type LiveRead } from './changes.ts';
import { openDb, type SdpDb, StorageUnavailableError, type StoredPost } from './db.ts';
import { type SwrSnapshot, swrStatus, watchSwr } from './swr.ts';
import { eventually, fakeServer, makePost, summary, uniqueDbName } from './test-fixtures.ts';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

function record<T>() {
  const snaps: SwrSnapshot<T>[] = [];
  return { snaps, onChange: (s: SwrSnapshot<T>) => snaps.push(s) };
}

/** A read that depends on no store (nothing ever re-runs it). */
const fixed = <T>(read: () => Promise<T>): LiveRead<T> => ({ read, stores: [], changes: createChangeBus() });

const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('watchSwr with an early read', () => {
  it('shows the early read before the live query answers, then the live value', async () => {
    const { snaps, onChange } = record<string>();
    const watch = watchSwr(
      fixed(() => later('live', 40)),
      async () => undefined,
      onChange,
      Promise.resolve('early'),
    );
    await settle();
    const data = snaps.filter((s) => s.local).map((s) => s.data);
    expect(data[0]).toBe('early');
    expect(data.at(-1)).toBe('live');
    watch.dispose();
  });

  it('ignores an early read that answers after the live query', async () => {
    const { snaps, onChange } = record<string>();
    const watch = watchSwr(
      fixed(() => Promise.resolve('live')),
      async () => undefined,
      onChange,
      later('stale', 40),
    );
    await settle();
    expect(snaps.filter((s) => s.local).map((s) => s.data)).not.toContain('stale');
    expect(snaps.at(-1)?.data).toBe('live');
    watch.dispose();
  });

  it('does not mark the local read done when the early read found nothing', async () => {
    const { snaps, onChange } = record<string>();
    const watch = watchSwr(
      fixed(() => later(undefined, 40)),
      () => new Promise(() => undefined),
      onChange,
      Promise.resolve(undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(snaps.some((s) => s.local)).toBe(false);
    watch.dispose();
  });
});

describe('watchSwr over the store', () => {
  const open: SdpDb[] = [];
  const setup = () => {
    const database = openDb(uniqueDbName());
    open.push(database);
    const server = fakeServer();
    return { database, server, repo: createCatalog(database, server.client) };
  };
  afterEach(async () => {
    vi.unstubAllGlobals();
    for (const d of open.splice(0)) await d.delete();
  });

  it('delivers a write to the store it reads, once per distinct value', async () => {
    const { repo, server } = setup();
    server.offline = true;
    const { snaps, onChange } = record<StoredPost>();
    const watch = watchSwr(repo.live.post('post-1'), () => repo.refreshPost('post-1'), onChange);
    await eventually(() => expect(swrStatus(snaps.at(-1)!)).toBe('offline-missing'));

    await repo.putSummaries([summary(makePost(1))]);
    await eventually(() => expect(snaps.at(-1)?.data?.title).toBe('Post 1'));
    const count = snaps.length;
    await repo.putSummaries([summary(makePost(1))]); // the same again: no new snapshot
    await settle();
    expect(snaps.length).toBe(count);

    await repo.putSummaries([{ ...summary(makePost(1)), title: 'Renamed' }]);
    await eventually(() => expect(snaps.at(-1)?.data?.title).toBe('Renamed'));
    watch.dispose();
  });

  it('an early read with the same value as the live read renders once', async () => {
    const { repo } = setup();
    await repo.refreshPost('post-2');
    const { snaps, onChange } = record<StoredPost>();
    const watch = watchSwr(
      repo.live.post('post-2'),
      () => new Promise(() => undefined),
      onChange,
      repo.readPost('post-2'),
    );
    await settle();
    expect(snaps.filter((s) => s.data !== undefined)).toHaveLength(1);
    watch.dispose();
  });

  it('says plainly when the browser has no IndexedDB (private window), from the read and from the refresh', async () => {
    const { repo } = setup();
    vi.stubGlobal('indexedDB', undefined);
    await expect(repo.readPost('post-1')).rejects.toBeInstanceOf(StorageUnavailableError);
    const { snaps, onChange } = record<StoredPost>();
    const watch = watchSwr(repo.live.post('post-1'), () => repo.refreshPost('post-1'), onChange);
    await eventually(() => expect(snaps.at(-1)?.remote).toBe('error'));
    expect(swrStatus(snaps.at(-1)!)).toBe('error');
    expect(snaps.at(-1)?.message).toMatch(/private window/);
    watch.dispose();
  });
});
