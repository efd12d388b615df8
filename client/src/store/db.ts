/**
 * The reader's local copy of the catalog (IndexedDB through Dexie). Only `client/src/store` imports this.
 * Every post, author, tag, series and list the reader has seen is kept here so pages render without a network.
 */
import { Dexie, type EntityTable } from 'dexie';
import type {
  Author,
  AuthorRef,
  AuthorSummary,
  Post,
  PostSummary,
  Series,
  TagSummary,
} from '../../../shared/src/model/catalog.ts';

/** A post as kept locally: always its summary; `content` and `seriesDetail` once the full post was fetched. */
export type StoredPost = Omit<PostSummary, 'author'> & {
  author: AuthorRef | AuthorSummary;
  authorId: string;
  content?: Post['content'];
  seriesDetail?: Series | null;
};

/** How much of an author we have: a byline (0), a summary (1) or the full profile (2). */
export type AuthorLevel = 0 | 1 | 2;
export type StoredAuthor = AuthorRef & Partial<Omit<Author, keyof AuthorRef>> & { level: AuthorLevel };

/**
 * An ordered list as the server last returned it. Keys: `latest`, `popular:<window>`, `tag:<slug>`,
 * `author:<id>` (post slugs); `tags:popular` (tag slugs); `authors:popular` (author ids).
 */
export type StoredList = { key: string; ids: string[]; nextCursor: string | null; fetchedAt: number };

export type SavedKind = 'post' | 'tag' | 'author' | 'latest' | 'series';
/** Something the reader made available offline. Key: `post:<slug>`, `tag:<slug>`, `author:<id>`, `latest`, `series:<slug>`. */
export type SavedItem = {
  key: string;
  kind: SavedKind;
  title: string;
  /** The site path that shows it. */
  href: string;
  postSlugs: string[];
  images: string[];
  /** Bytes of post JSON and images fetched for it. */
  bytes: number;
  savedAt: number;
};

export type SdpDb = Dexie & {
  posts: EntityTable<StoredPost, 'slug'>;
  authors: EntityTable<StoredAuthor, 'id'>;
  tags: EntityTable<TagSummary, 'slug'>;
  series: EntityTable<Series, 'slug'>;
  lists: EntityTable<StoredList, 'key'>;
  saved: EntityTable<SavedItem, 'key'>;
};

export const DB_NAME = 'sysdespro';

export function openDb(name = DB_NAME): SdpDb {
  const db = new Dexie(name) as SdpDb;
  db.version(1).stores({
    posts: 'slug, id, authorId, *tags, publishedAt',
    authors: 'id, &handle',
    tags: 'slug',
    series: 'slug',
    lists: 'key',
    saved: 'key, kind, savedAt',
  });
  return db;
}

let shared: SdpDb | undefined;
/** The app's database, opened on first use. */
export const db = (): SdpDb => {
  shared ??= openDb();
  return shared;
};
