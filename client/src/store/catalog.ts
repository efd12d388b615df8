/**
 * Repositories over the local catalog: `read*` functions are pure Dexie reads (safe inside liveQuery),
 * `refresh*` functions fetch from the API and write what they got, merging with what is already kept.
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
import { type AuthorLevel, db, type SdpDb, type StoredAuthor, type StoredList, type StoredPost } from './db.ts';

export type PostListKey = 'latest' | `popular:${PopularWindow}` | `tag:${string}` | `author:${string}`;
export type ListView<T> = { items: T[]; nextCursor: string | null };

/** How many popular posts the home page shows. */
export const POPULAR_LIMIT = 8;
export const POPULAR_TAGS_KEY = 'tags:popular';
export const POPULAR_AUTHORS_KEY = 'authors:popular';

const defined = <T>(value: T | undefined): value is T => value !== undefined;

function mergePost(existing: StoredPost | undefined, incoming: PostSummary | Post): StoredPost {
  return {
    ...existing,
    ...incoming,
    author: { ...existing?.author, ...incoming.author },
    authorId: incoming.author.id,
  };
}

export function createCatalog(database: SdpDb, client: ApiClient) {
  const { posts, authors, tags, series, lists } = database;

  /** Writes authors without ever downgrading a richer record; a handle moves to its new owner. */
  async function putAuthors(records: (AuthorRef | AuthorSummary | Author)[], level: AuthorLevel) {
    for (const record of records) {
      const existing = await authors.get(record.id);
      const holder = await authors.where('handle').equals(record.handle).first();
      if (holder && holder.id !== record.id) await authors.delete(holder.id);
      const merged: StoredAuthor = {
        ...existing,
        ...record,
        level: Math.max(existing?.level ?? 0, level) as AuthorLevel,
      };
      await authors.put(merged);
    }
  }

  async function putSummaries(summaries: PostSummary[]) {
    const existing = await posts.bulkGet(summaries.map((s) => s.slug));
    await posts.bulkPut(summaries.map((s, i) => mergePost(existing[i], s)));
    await putAuthors(
      summaries.map((s) => s.author),
      0,
    );
  }

  /** Keeps a full post (content included) and what it tells about its author and series. */
  async function putPost(post: Post) {
    await database.transaction('rw', posts, authors, series, async () => {
      await posts.put(mergePost(await posts.get(post.slug), post));
      await putAuthors([post.author], 1);
      if (post.seriesDetail) await series.put(post.seriesDetail);
    });
  }

  async function writeList(key: string, ids: string[], nextCursor: string | null) {
    const list: StoredList = { key, ids, nextCursor, fetchedAt: Date.now() };
    await lists.put(list);
  }

  async function fetchPostPage(key: PostListKey, cursor: string | null, limit?: number): Promise<Page<PostSummary>> {
    if (key === 'latest') return client.latest(cursor, limit);
    const [kind, ...rest] = key.split(':');
    const arg = rest.join(':');
    if (kind === 'popular')
      return { ...(await client.popularPosts(arg as PopularWindow, limit ?? POPULAR_LIMIT)), nextCursor: null };
    if (kind === 'tag') return client.tagPosts(arg, cursor, limit);
    if (kind === 'author') return client.authorPosts(arg, cursor, limit);
    throw new Error(`Unknown list ${key}`);
  }

  async function storePostPage(key: PostListKey, page: Page<PostSummary>, append: boolean) {
    await database.transaction('rw', posts, authors, lists, async () => {
      await putSummaries(page.items);
      const slugs = page.items.map((p) => p.slug);
      const before = append ? ((await lists.get(key))?.ids ?? []) : [];
      await writeList(key, [...new Set([...before, ...slugs])], page.nextCursor);
    });
  }

  return {
    putPost,
    putSummaries,

    readPost: (slug: string) => posts.get(slug),
    async refreshPost(slug: string) {
      await putPost(await client.post(slug));
    },

    async readPostList(key: PostListKey): Promise<ListView<StoredPost> | undefined> {
      const list = await lists.get(key);
      if (!list) return undefined;
      const items = (await posts.bulkGet(list.ids)).filter(defined);
      return { items, nextCursor: list.nextCursor };
    },
    /** Fetches the first page of a list and replaces the kept list with it. */
    async refreshPostList(key: PostListKey) {
      await storePostPage(key, await fetchPostPage(key, null), false);
    },
    /** Fetches the page after the kept list's cursor and appends it. Returns false when there is no more. */
    async loadMore(key: PostListKey): Promise<boolean> {
      const cursor = (await lists.get(key))?.nextCursor;
      if (!cursor) return false;
      await storePostPage(key, await fetchPostPage(key, cursor), true);
      return true;
    },
    /** Fetches every page of a list (up to `max` posts), keeps them all as the list and returns the slugs. */
    async fetchWholeList(key: PostListKey, max = 100): Promise<string[]> {
      let page = await fetchPostPage(key, null, 50);
      await storePostPage(key, page, false);
      let count = page.items.length;
      while (page.nextCursor && count < max) {
        page = await fetchPostPage(key, page.nextCursor, 50);
        await storePostPage(key, page, true);
        count += page.items.length;
      }
      return ((await lists.get(key))?.ids ?? []).slice(0, max);
    },

    async readPopularTags(): Promise<ListView<TagSummary> | undefined> {
      const list = await lists.get(POPULAR_TAGS_KEY);
      if (!list) return undefined;
      return { items: (await tags.bulkGet(list.ids)).filter(defined), nextCursor: null };
    },
    async refreshPopularTags() {
      const { items } = await client.popularTags(12);
      await database.transaction('rw', tags, lists, async () => {
        await tags.bulkPut(items);
        await writeList(
          POPULAR_TAGS_KEY,
          items.map((t) => t.slug),
          null,
        );
      });
    },

    async readPopularAuthors(): Promise<ListView<StoredAuthor> | undefined> {
      const list = await lists.get(POPULAR_AUTHORS_KEY);
      if (!list) return undefined;
      return { items: (await authors.bulkGet(list.ids)).filter(defined), nextCursor: null };
    },
    async refreshPopularAuthors() {
      const { items } = await client.popularAuthors(6);
      await database.transaction('rw', authors, lists, async () => {
        await putAuthors(items, 1);
        await writeList(
          POPULAR_AUTHORS_KEY,
          items.map((a) => a.id),
          null,
        );
      });
    },

    readTag: (slug: string) => tags.get(slug),
    async refreshTag(slug: string) {
      await tags.put(await client.tag(slug));
    },

    readAuthor: (id: string) => authors.get(id),
    readAuthorByHandle: (handle: string) => authors.where('handle').equalsIgnoreCase(handle).first(),
    async refreshAuthorById(id: string) {
      const author = await client.authorById(id);
      await database.transaction('rw', authors, () => putAuthors([author], 2));
    },
    async refreshAuthorByHandle(handle: string) {
      const author = await client.authorByHandle(handle);
      await database.transaction('rw', authors, () => putAuthors([author], 2));
    },

    readSeries: (slug: string) => series.get(slug),
    async refreshSeries(slug: string) {
      const found = await client.series(slug);
      await database.transaction('rw', series, authors, async () => {
        await series.put(found);
        await putAuthors([found.author], 0);
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
