/** Catalog data for routes: each hook is a stale-while-revalidate resource over the local catalog. */
import { type Accessor, createSignal } from 'solid-js';
import type { PopularWindow } from '../../../shared/src/model/catalog.ts';
import { asFullAuthor, catalog, type PostListKey } from '../store/catalog.ts';
import { mapLive } from '../store/changes.ts';
import type { StoredPost } from '../store/db.ts';
import { takeEarlyPost } from '../store/early-read.ts';
import { createSwr, type Swr } from './swr.ts';

export type { ListView, PostListKey } from '../store/catalog.ts';
export type { StoredAuthor, StoredPost } from '../store/db.ts';
export type { SwrStatus } from '../store/swr.ts';
export type { Swr } from './swr.ts';

/**
 * Reads a post from the device as the route starts (the router's preload), or takes the read index.html's
 * boot script already made (store/early-read.ts), so the page paints from it as soon as it mounts instead
 * of waiting for its live read's first answer.
 */
const preloadedPosts = new Map<string, Promise<StoredPost | undefined>>();
export const preloadPost = (slug: string) => {
  preloadedPosts.set(
    slug,
    (takeEarlyPost<StoredPost>(slug) ?? catalog().readPost(slug)).catch(() => undefined),
  );
};
const takePreloadedPost = (slug: string) => {
  const read = preloadedPosts.get(slug);
  preloadedPosts.delete(slug);
  return read;
};

export const usePost = (slug: Accessor<string | undefined>) =>
  createSwr(
    slug,
    (s) => catalog().live.post(s),
    (s) => catalog().refreshPost(s),
    (post) => post.content !== undefined,
    takePreloadedPost,
  );

/** A list resource with "Load more": `more` fetches the page after the kept list's cursor. */
export function withLoadMore<K, T>(key: Accessor<K | undefined>, swr: Swr<T>, more: (key: K) => Promise<unknown>) {
  const [loadingMore, setLoadingMore] = createSignal(false);
  const [loadMoreError, setLoadMoreError] = createSignal<string | null>(null);
  const loadMore = async () => {
    const k = key();
    if (k === undefined || loadingMore()) return;
    setLoadingMore(true);
    setLoadMoreError(null);
    try {
      await more(k);
    } catch (error) {
      setLoadMoreError(error instanceof Error ? error.message : 'Loading more failed.');
    } finally {
      setLoadingMore(false);
    }
  };
  return { ...swr, loadMore, loadingMore, loadMoreError };
}

export function usePostList(key: Accessor<PostListKey | undefined>) {
  const swr = createSwr(
    key,
    (k) => catalog().live.postList(k),
    (k) => catalog().refreshPostList(k),
  );
  return withLoadMore(key, swr, (k) => catalog().loadMore(k));
}

export type PostListFeed = ReturnType<typeof usePostList>;

export const popularListKey = (window: PopularWindow): PostListKey => `popular:${window}`;

export const usePopularTags = (window: Accessor<PopularWindow>) =>
  createSwr(
    window,
    (w) => catalog().live.popularTags(w),
    (w) => catalog().refreshPopularTags(w),
  );

export const usePopularAuthors = (window: Accessor<PopularWindow>) =>
  createSwr(
    window,
    (w) => catalog().live.popularAuthors(w),
    (w) => catalog().refreshPopularAuthors(w),
  );

export const useTag = (slug: Accessor<string | undefined>) =>
  createSwr(
    slug,
    (s) => catalog().live.tag(s),
    (s) => catalog().refreshTag(s),
  );

export const useAuthorByHandle = (handle: Accessor<string | undefined>) =>
  createSwr(
    handle,
    (h) => mapLive(catalog().live.authorByHandle(h), asFullAuthor),
    (h) => catalog().refreshAuthorByHandle(h),
  );

export const useAuthorById = (id: Accessor<string | undefined>) =>
  createSwr(
    id,
    (i) => catalog().live.author(i),
    (i) => catalog().refreshAuthorById(i),
  );

export const useSeries = (slug: Accessor<string | undefined>) =>
  createSwr(
    slug,
    (s) => catalog().live.series(s),
    (s) => catalog().refreshSeries(s),
  );
