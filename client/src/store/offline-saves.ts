/**
 * "Save for offline" and "Make available offline": fetch whole posts (a few at a time) into IndexedDB and their
 * images into the Cache Storage cache the service worker serves `/media/` from, and keep a record of what
 * was saved and how many bytes it took. Removing an item drops post content and images no other item needs.
 */
import type { Post } from '../../../shared/src/model/catalog.ts';
import { type ApiClient, api, NotFoundError } from './api-client.ts';
import { type Catalog, catalog } from './catalog.ts';
import { db, type SavedItem, type SdpDb } from './db.ts';
import { allSaved, type SaveTarget, savedItem, savedKey } from './saved.ts';

export { type SaveTarget, savedKey } from './saved.ts';

/** The cache the service worker's CacheFirst route for `/media/` reads (see vite.config.ts). */
export const MEDIA_CACHE = 'sdp-media';
export const SAVE_CONCURRENCY = 4;
export const MAX_POSTS_PER_SAVE = 100;

/** Where images are kept for offline reading. Returns the bytes stored (0 when the image could not be fetched). */
export interface MediaStore {
  store(url: string): Promise<number>;
  remove(url: string): Promise<void>;
}

export const cacheStorageMedia = (fetcher: typeof fetch = (i, init) => fetch(i, init)): MediaStore => ({
  async store(url) {
    const cache = await caches.open(MEDIA_CACHE);
    const kept = await cache.match(url);
    if (kept) return (await kept.blob()).size;
    const response = await fetcher(url);
    if (!response.ok) return 0;
    const size = (await response.clone().blob()).size;
    await cache.put(url, response);
    return size;
  },
  async remove(url) {
    await (await caches.open(MEDIA_CACHE)).delete(url);
  },
});

export type SaveProgress = { done: number; total: number };

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** Runs `task` over `items` with at most `limit` running at once; rejects on the first failure. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function createOfflineSaves(database: SdpDb, client: ApiClient, repo: Catalog, media: MediaStore) {
  /** Fetches the thing's metadata and the slugs of the posts that make it up. */
  async function collect(target: SaveTarget): Promise<{ title: string; href: string; slugs: string[] }> {
    switch (target.kind) {
      case 'post':
        return { title: '', href: `/p/${target.slug}`, slugs: [target.slug] };
      case 'latest': {
        await repo.refreshPostList('latest');
        const list = await repo.readPostList('latest');
        return { title: 'Latest posts', href: '/', slugs: list?.items.map((p) => p.slug) ?? [] };
      }
      case 'tag': {
        await repo.refreshTag(target.slug);
        const tag = await repo.readTag(target.slug);
        const slugs = await repo.fetchWholeList(`tag:${target.slug}`, MAX_POSTS_PER_SAVE);
        return { title: tag ? `#${tag.name}` : `#${target.slug}`, href: `/t/${target.slug}`, slugs };
      }
      case 'author': {
        await repo.refreshAuthorById(target.id);
        const author = await repo.readAuthor(target.id);
        const slugs = await repo.fetchWholeList(`author:${target.id}`, MAX_POSTS_PER_SAVE);
        const handle = author?.handle ?? target.id;
        return { title: author?.displayName ?? handle, href: `/@${handle}`, slugs };
      }
      case 'following': {
        const slugs = await repo.fetchWholeList(`feed:${target.userId}`, MAX_POSTS_PER_SAVE);
        return { title: 'Following', href: '/?feed=following', slugs };
      }
      case 'series': {
        await repo.refreshSeries(target.slug);
        const found = await repo.readSeries(target.slug);
        const slugs = [...(found?.parts ?? [])].sort((a, b) => a.part - b.part).map((p) => p.slug);
        return { title: found?.title ?? target.slug, href: `/series/${target.slug}`, slugs };
      }
    }
  }

  async function savePost(slug: string): Promise<{ post: Post; bytes: number } | null> {
    let post: Post;
    try {
      post = await client.post(slug);
    } catch (error) {
      if (error instanceof NotFoundError) return null; // unpublished since the list was fetched
      throw error;
    }
    await repo.putPost(post);
    let bytes = utf8Bytes(JSON.stringify(post));
    for (const url of post.images) bytes += await media.store(url).catch(() => 0);
    return { post, bytes };
  }

  return {
    /**
     * Saves the target for offline reading, reporting progress per post. `onlyNew`: fetch only posts the
     * saved item does not hold yet (the background top-up of a followed feed), keeping the ones it has.
     */
    async save(
      target: SaveTarget,
      onProgress?: (progress: SaveProgress) => void,
      { onlyNew = false }: { onlyNew?: boolean } = {},
    ): Promise<SavedItem> {
      const { title, href, slugs: listed } = await collect(target);
      const previous = onlyNew ? await savedItem(savedKey(target), database).read() : undefined;
      const had = new Set(previous?.postSlugs ?? []);
      const slugs = listed.filter((slug) => !had.has(slug));
      const progress = { done: 0, total: slugs.length };
      onProgress?.({ ...progress });
      const results = await mapLimit(slugs, SAVE_CONCURRENCY, async (slug) => {
        const result = await savePost(slug);
        progress.done += 1;
        onProgress?.({ ...progress });
        return result;
      });
      const saved = results.filter((r) => r !== null);
      const item: SavedItem = {
        key: savedKey(target),
        kind: target.kind,
        title: target.kind === 'post' ? (saved[0]?.post.title ?? target.slug) : title,
        href,
        postSlugs: [...saved.map((r) => r.post.slug), ...(previous?.postSlugs ?? [])],
        images: [...new Set([...saved.flatMap((r) => r.post.images), ...(previous?.images ?? [])])],
        bytes: saved.reduce((sum, r) => sum + r.bytes, previous?.bytes ?? 0),
        savedAt: Date.now(),
      };
      if (target.kind === 'post' && saved.length === 0) throw new NotFoundError('This post is no longer published.');
      await database.write(['saved'], (tx) => tx.objectStore('saved').put(item));
      return item;
    },

    /** Removes a saved item; post content and images that no other saved item needs are dropped too. */
    async remove(key: string): Promise<void> {
      const orphanImages = await database.write(['saved', 'posts'], async (tx) => {
        const savedStore = tx.objectStore('saved');
        const item = await savedStore.get(key);
        if (!item) return [];
        await savedStore.delete(key);
        const others = await savedStore.getAll();
        const keptSlugs = new Set(others.flatMap((o) => o.postSlugs));
        const keptImages = new Set(others.flatMap((o) => o.images));
        const posts = tx.objectStore('posts');
        for (const slug of item.postSlugs) {
          if (keptSlugs.has(slug)) continue;
          const post = await posts.get(slug);
          if (!post || (post.content === undefined && post.seriesDetail === undefined)) continue;
          delete post.content;
          delete post.seriesDetail;
          await posts.put(post);
        }
        return item.images.filter((url) => !keptImages.has(url));
      });
      for (const url of orphanImages) await media.remove(url).catch(() => undefined);
    },

    readSaved: (key: string) => savedItem(key, database).read(),
    readAllSaved: () => allSaved(database).read(),
  };
}

export type OfflineSaves = ReturnType<typeof createOfflineSaves>;

let shared: OfflineSaves | undefined;
export const offlineSaves = (): OfflineSaves => {
  shared ??= createOfflineSaves(db(), api(), catalog(), cacheStorageMedia());
  return shared;
};

export type PersistResult = 'persisted' | 'refused' | 'unsupported';

/** Asks the browser to keep our storage when space runs low (once per page load at most). */
let persistAsked: Promise<PersistResult> | undefined;
export function requestPersistence(): Promise<PersistResult> {
  persistAsked ??= (async () => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.persist) return 'unsupported';
    try {
      if (await storage.persisted()) return 'persisted';
      return (await storage.persist()) ? 'persisted' : 'refused';
    } catch {
      return 'refused';
    }
  })();
  return persistAsked;
}
