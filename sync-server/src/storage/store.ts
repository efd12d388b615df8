/**
 * The one persistence interface the server talks to. SQLite is the default implementation; a PostgreSQL
 * one will follow, so nothing here names a database feature: every method is async, returns plain
 * records, and counts (followers, reactions, comments, posts) are computed from the rows they count.
 *
 * Reads return the catalog's shared shapes where they match one, so no layer re-maps the same fields.
 */
import type { Author, AuthorSummary, PostSummary, Series, TagSummary } from '../../../shared/src/model/catalog.ts';

/** ISO-8601 UTC timestamp, always `YYYY-MM-DDTHH:mm:ss.sssZ`, so text order is time order. */
export type Timestamp = string;

export const REACTION_KINDS = ['like', 'insightful', 'bookmark'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

export type UserRecord = {
  id: string;
  /** Lower-case; unique. */
  handle: string;
  displayName: string;
  headline: string;
  bio: string;
  website: string | null;
  github: string | null;
  supportUrl: string | null;
  location: string | null;
  joinedAt: Timestamp;
};

export type TagRecord = { slug: string; name: string; description: string };

export type SeriesRecord = { id: string; slug: string; title: string; description: string; authorId: string };

export type PostRecord = {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  authorId: string;
  seriesId: string | null;
  seriesPart: number | null;
  /** Tag slugs, most relevant first; the order is kept. */
  tags: string[];
  /** The DocNode as JSON text. */
  contentJson: string;
  /** Image srcs in the content, derived when the post is written so listings need not parse content. */
  images: string[];
  readingMinutes: number;
  publishedAt: Timestamp;
  updatedAt: Timestamp;
};

export type FollowRecord = { followerId: string; authorId: string; createdAt: Timestamp };
export type TagFollowRecord = { userId: string; tagSlug: string; createdAt: Timestamp };
export type ReactionRecord = { postId: string; userId: string; kind: ReactionKind; createdAt: Timestamp };
export type CommentRecord = { id: string; postId: string; userId: string; body: string; createdAt: Timestamp };

/** Everything a bulk import writes; `importCatalog` applies all of it or none of it. */
export type CatalogImport = {
  users: UserRecord[];
  tags: TagRecord[];
  series: SeriesRecord[];
  posts: PostRecord[];
  follows: FollowRecord[];
  tagFollows: TagFollowRecord[];
  reactions: ReactionRecord[];
  comments: CommentRecord[];
};

/** Position in the newest-first order: posts strictly after this one come next. */
export type PostCursor = { publishedAt: Timestamp; id: string };

export type PostListQuery = {
  /** Newest first, ties broken by id (descending), so pages are stable. */
  after?: PostCursor | null;
  limit?: number;
  tagSlug?: string;
  authorId?: string;
  /** Only posts published at or after this time. */
  publishedSince?: Timestamp;
};

/** A post with its content, as stored. */
export type StoredPost = { summary: PostSummary; contentJson: string };

/** An author and the raw numbers popularity is computed from. */
export type AuthorActivity = {
  author: AuthorSummary;
  /** Reactions and comments received on the author's posts since the given time. */
  recentReactions: number;
  recentComments: number;
};

export type TagActivity = { tag: TagSummary; recentPostCount: number };

export type UserKey = { id: string } | { handle: string };
export type SeriesKey = { id: string } | { slug: string };

export interface Store {
  /** Writes a whole catalog in one transaction (seeding, imports). Fails without writing anything. */
  importCatalog(batch: CatalogImport): Promise<void>;

  countPosts(): Promise<number>;
  listPosts(query: PostListQuery): Promise<PostSummary[]>;
  getPostBySlug(slug: string): Promise<StoredPost | null>;

  /** An author profile; `commentCount` counts the comments the user wrote. */
  getAuthor(key: UserKey): Promise<Author | null>;
  /** Authors with at least one post, with their engagement since `since`. */
  listAuthorActivity(since: Timestamp): Promise<AuthorActivity[]>;

  getTag(slug: string): Promise<TagSummary | null>;
  /** Tags with at least one post or follower, with how many posts they got since `since`. */
  listTagActivity(since: Timestamp): Promise<TagActivity[]>;

  getSeries(key: SeriesKey): Promise<Series | null>;

  close(): Promise<void>;
}
