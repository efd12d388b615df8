/**
 * Repositories over the local catalog: `live.*` are reads that declare the stores they depend on (watchers
 * re-run them when one changes), `read*` run them once, `refresh*` fetch from the API and write what they
 * got, merging with what is already kept. Network requests always happen before a write transaction opens.
 */
import type {
  Author,
  AuthorRef,
  AuthorSummary,
  Page,
  PopularWindow,
  Post,
  PostSummary,
  TagSummary,
} from '../../../shared/src/model/catalog.ts';
import { type ApiClient, api } from './api-client.ts';
import {
  type AuthorLevel,
  db,
  type SdpDb,
  type Store,
  type StoredAuthor,
  type StoredList,
  type StoredPost,
} from './db.ts';

/** `feed:<userId>`: the signed-in user's "Following" feed (kept per user, so another user never sees it). */
export type PostListKey =
  | 'latest'
  | `popular:${PopularWindow}`
  | `tag:${string}`
  | `author:${string}`
  | `feed:${string}`;
export type ListView<T> = { items: T[]; nextCursor: string | null };

/** How many popular posts the home page shows. */
export const POPULAR_LIMIT = 8;
/** The kept lists of popular tags and authors, one per window (`tags:popular:week`, …). */
export const popularTagsKey = (window: PopularWindow) => `tags:popular:${window}`;
export const popularAuthorsKey = (window: PopularWindow) => `authors:popular:${window}`;

const defined = <T>(value: T | undefined): value is T => value !== undefined;

/** The records kept under `keys`, in that order, skipping keys with none. */
async function getMany<S extends 'posts' | 'tags' | 'authors'>(store: Store<S>, keys: string[]) {
  return (await Promise.all(keys.map((key) => store.get(key)))).filter(defined);
}

function mergePost(existing: StoredPost | undefined, incoming: PostSummary | Post): StoredPost {
  return {
    ...existing,
    ...incoming,
    author: { ...existing?.author, ...incoming.author },
    authorId: incoming.author.id,
  };
}

/** Writes authors without ever downgrading a richer record; a handle moves to its new owner. */
async function putAuthors(
  authors: Store<'authors', 'readwrite'>,
  records: (AuthorRef | AuthorSummary | Author)[],
  level: AuthorLevel,
) {
  for (const record of records) {
    const existing = await authors.get(record.id);
    const holder = await authors.index('handle').get(record.handle);
    if (holder && holder.id !== record.id) await authors.delete(holder.id);
    const merged: StoredAuthor = {
      ...existing,
      ...record,
      level: Math.max(existing?.level ?? 0, level) as AuthorLevel,
    };
    await authors.put(merged);
  }
}

async function putSummaries(
  posts: Store<'posts', 'readwrite'>,
  authors: Store<'authors', 'readwrite'>,
  summaries: PostSummary[],
) {
  const existing = await Promise.all(summaries.map((s) => posts.get(s.slug)));
  await Promise.all(summaries.map((s, i) => posts.put(mergePost(existing[i], s))));
  await putAuthors(
    authors,
    summaries.map((s) => s.author),
    0,
  );
}

async function writeList(lists: Store<'lists', 'readwrite'>, key: string, ids: string[], nextCursor: string | null) {
  const list: StoredList = { key, ids, nextCursor, fetchedAt: Date.now() };
  await lists.put(list);
}

/** Keeps one page of a list: the list becomes these ids, or they are appended to it. Returns the list's ids. */
async function keepPage(
  lists: Store<'lists', 'readwrite'>,
  key: string,
  pageIds: string[],
  nextCursor: string | null,
  append: boolean,
): Promise<string[]> {
  const before = append ? ((await lists.get(key))?.ids ?? []) : [];
  const ids = [...new Set([...before, ...pageIds])];
  await writeList(lists, key, ids, nextCursor);
  return ids;
}

export function createCatalog(database: SdpDb, client: ApiClient) {
  const live = {
    post: (slug: string) => database.live(['posts'], (tx) => tx.objectStore('posts').get(slug)),
    postList: (key: PostListKey) =>
      database.live(['lists', 'posts'], async (tx): Promise<ListView<StoredPost> | undefined> => {
        const list = await tx.objectStore('lists').get(key);
        if (!list) return undefined;
        return { items: await getMany(tx.objectStore('posts'), list.ids), nextCursor: list.nextCursor };
      }),
    popularTags: (window: PopularWindow) =>
      database.live(['lists', 'tags'], async (tx): Promise<ListView<TagSummary> | undefined> => {
        const list = await tx.objectStore('lists').get(popularTagsKey(window));
        if (!list) return undefined;
        return { items: await getMany(tx.objectStore('tags'), list.ids), nextCursor: null };
      }),
    /** A kept list of authors (popular authors, someone's followers or following). */
    authorList: (key: string) =>
      database.live(['lists', 'authors'], async (tx): Promise<ListView<StoredAuthor> | undefined> => {
        const list = await tx.objectStore('lists').get(key);
        if (!list) return undefined;
        return { items: await getMany(tx.objectStore('authors'), list.ids), nextCursor: list.nextCursor };
      }),
    popularAuthors: (window: PopularWindow) => live.authorList(popularAuthorsKey(window)),
    tag: (slug: string) => database.live(['tags'], (tx) => tx.objectStore('tags').get(slug)),
    author: (id: string) => database.live(['authors'], (tx) => tx.objectStore('authors').get(id)),
    /** Handles are kept lower-case; a handle typed in the address bar may not be. */
    authorByHandle: (handle: string) =>
      database.live(['authors'], async (tx): Promise<StoredAuthor | undefined> => {
        const authors = tx.objectStore('authors');
        const exact = await authors.index('handle').get(handle);
        if (exact) return exact;
        const wanted = handle.toLowerCase();
        for (let cursor = await authors.index('handle').openKeyCursor(); cursor; cursor = await cursor.continue()) {
          if (cursor.key.toLowerCase() === wanted) return authors.get(cursor.primaryKey);
        }
        return undefined;
      }),
    series: (slug: string) => database.live(['series'], (tx) => tx.objectStore('series').get(slug)),
  };

  const listCursor = (key: string) =>
    database.read(['lists'], async (tx) => (await tx.objectStore('lists').get(key))?.nextCursor);

  /** Keeps a full post (content included) and what it tells about its author and series. */
  const putPost = (post: Post) =>
    database.write(['posts', 'authors', 'series'], async (tx) => {
      const posts = tx.objectStore('posts');
      await posts.put(mergePost(await posts.get(post.slug), post));
      await putAuthors(tx.objectStore('authors'), [post.author], 1);
      if (post.seriesDetail) await tx.objectStore('series').put(post.seriesDetail);
    });

  async function fetchPostPage(key: PostListKey, cursor: string | null, limit?: number): Promise<Page<PostSummary>> {
    if (key === 'latest') return client.latest(cursor, limit);
    const [kind, ...rest] = key.split(':');
    const arg = rest.join(':');
    if (kind === 'popular')
      return { ...(await client.popularPosts(arg as PopularWindow, limit ?? POPULAR_LIMIT)), nextCursor: null };
    if (kind === 'tag') return client.tagPosts(arg, cursor, limit);
    if (kind === 'author') return client.authorPosts(arg, cursor, limit);
    if (kind === 'feed') return client.followingFeed(cursor, limit);
    throw new Error(`Unknown list ${key}`);
  }

  /** Keeps a page of a list (replacing the list, or appended to it) and returns the list's slugs. */
  const storePostPage = (key: PostListKey, page: Page<PostSummary>, append: boolean) =>
    database.write(['posts', 'authors', 'lists'], async (tx) => {
      await putSummaries(tx.objectStore('posts'), tx.objectStore('authors'), page.items);
      return keepPage(
        tx.objectStore('lists'),
        key,
        page.items.map((p) => p.slug),
        page.nextCursor,
        append,
      );
    });

  /** Keeps a page of an author list (replacing the list, or appended to it); `level` says how much each record holds. */
  const storeAuthorPage = (key: string, page: Page<AuthorRef | AuthorSummary>, append: boolean, level: AuthorLevel) =>
    database.write(['authors', 'lists'], async (tx) => {
      await putAuthors(tx.objectStore('authors'), page.items, level);
      await keepPage(
        tx.objectStore('lists'),
        key,
        page.items.map((a) => a.id),
        page.nextCursor,
        append,
      );
    });

  const putAuthor = (author: Author) =>
    database.write(['authors'], (tx) => putAuthors(tx.objectStore('authors'), [author], 2));

  return {
    live,
    putPost,
    putSummaries: (summaries: PostSummary[]) =>
      database.write(['posts', 'authors'], (tx) =>
        putSummaries(tx.objectStore('posts'), tx.objectStore('authors'), summaries),
      ),

    readPost: (slug: string) => live.post(slug).read(),
    async refreshPost(slug: string) {
      await putPost(await client.post(slug));
    },

    readPostList: (key: PostListKey) => live.postList(key).read(),
    /** Fetches the first page of a list and replaces the kept list with it. */
    async refreshPostList(key: PostListKey) {
      await storePostPage(key, await fetchPostPage(key, null), false);
    },
    /** Fetches the page after the kept list's cursor and appends it. Returns false when there is no more. */
    async loadMore(key: PostListKey): Promise<boolean> {
      const cursor = await listCursor(key);
      if (!cursor) return false;
      await storePostPage(key, await fetchPostPage(key, cursor), true);
      return true;
    },
    /** Fetches every page of a list (up to `max` posts), keeps them all as the list and returns the slugs. */
    async fetchWholeList(key: PostListKey, max = 100): Promise<string[]> {
      let page = await fetchPostPage(key, null, 50);
      let ids = await storePostPage(key, page, false);
      let count = page.items.length;
      while (page.nextCursor && count < max) {
        page = await fetchPostPage(key, page.nextCursor, 50);
        ids = await storePostPage(key, page, true);
        count += page.items.length;
      }
      return ids.slice(0, max);
    },

    readPopularTags: (window: PopularWindow) => live.popularTags(window).read(),
    async refreshPopularTags(window: PopularWindow) {
      const { items } = await client.popularTags(window, 12);
      await database.write(['tags', 'lists'], async (tx) => {
        const tags = tx.objectStore('tags');
        await Promise.all(items.map((t) => tags.put(t)));
        await writeList(
          tx.objectStore('lists'),
          popularTagsKey(window),
          items.map((t) => t.slug),
          null,
        );
      });
    },

    readPopularAuthors: (window: PopularWindow) => live.popularAuthors(window).read(),
    async refreshPopularAuthors(window: PopularWindow) {
      const { items } = await client.popularAuthors(window, 6);
      await storeAuthorPage(popularAuthorsKey(window), { items, nextCursor: null }, false, 1);
    },
    storeAuthorPage,
    /** The cursor of the page after the kept list (null or undefined when there is none). */
    listCursor,

    readTag: (slug: string) => live.tag(slug).read(),
    async refreshTag(slug: string) {
      const tag = await client.tag(slug);
      await database.write(['tags'], (tx) => tx.objectStore('tags').put(tag));
    },

    readAuthor: (id: string) => live.author(id).read(),
    /** Keeps a full profile the server sent (e.g. the answer to a profile edit). */
    putAuthor,
    readAuthorByHandle: (handle: string) => live.authorByHandle(handle).read(),
    async refreshAuthorById(id: string) {
      await putAuthor(await client.authorById(id));
    },
    async refreshAuthorByHandle(handle: string) {
      await putAuthor(await client.authorByHandle(handle));
    },

    readSeries: (slug: string) => live.series(slug).read(),
    async refreshSeries(slug: string) {
      const found = await client.series(slug);
      await database.write(['series', 'authors'], async (tx) => {
        await tx.objectStore('series').put(found);
        await putAuthors(tx.objectStore('authors'), [found.author], 0);
      });
    },
  };
}

export type Catalog = ReturnType<typeof createCatalog>;

let shared: Catalog | undefined;
export const catalog = (): Catalog => {
  shared ??= createCatalog(db(), api());
  return shared;
};

/** A full author profile, or undefined when only a byline or summary is kept. */
export const asFullAuthor = (a: StoredAuthor | undefined): (StoredAuthor & Author) | undefined =>
  a && a.level === 2 ? (a as StoredAuthor & Author) : undefined;
