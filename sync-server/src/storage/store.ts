/**
 * The one persistence interface the server talks to. SQLite is the default implementation; a PostgreSQL
 * one will follow, so nothing here names a database feature: every method is async, returns plain
 * records, and counts (followers, reactions, comments, posts) are computed from the rows they count.
 *
 * Reads return the catalog's shared shapes where they match one, so no layer re-maps the same fields.
 */
import type { FollowEntry, FollowResult, FollowTarget, MyFollows } from '../../../shared/src/model/accounts.ts';
import type { Author, AuthorSummary, PostSummary, Series, TagSummary } from '../../../shared/src/model/catalog.ts';
import type { ReactionKind } from '../../../shared/src/model/social-api.ts';
import type { DraftStore } from './draft-store.ts';
import type { SocialStore } from './social-store.ts';

export { REACTION_KINDS, type ReactionKind } from '../../../shared/src/model/social-api.ts';

/** ISO-8601 UTC timestamp, always `YYYY-MM-DDTHH:mm:ss.sssZ`, so text order is time order. */
export type Timestamp = string;

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
/** `parentId`: the comment replied to, earlier in the same import or already stored. `body` is Markdown. */
export type CommentRecord = {
  id: string;
  postId: string;
  userId: string;
  body: string;
  createdAt: Timestamp;
  parentId?: string | null;
};

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
  /** Only posts by an author this user follows or with a tag they follow (the "Following" feed). */
  followedBy?: string;
};

/** A post with its content, as stored. */
export type StoredPost = { summary: PostSummary; contentJson: string };

/** An author and the raw numbers popularity is computed from. */
export type AuthorActivity = {
  author: AuthorSummary;
  /** Reactions, comments (visible ones) and new followers the author received since the given time. */
  recentReactions: number;
  recentComments: number;
  recentFollowers: number;
};

export type TagActivity = { tag: TagSummary; recentPostCount: number };

export type UserKey = { id: string } | { handle: string };
export type SeriesKey = { id: string } | { slug: string };

// ── Accounts ────────────────────────────────────────────────────────────────────────────────────────

/** A new user with a password. `email` is already trimmed and lower-case; `passwordHash` self-describing. */
export type NewAccount = { user: UserRecord; email: string; passwordHash: string };
export type Taken = 'email' | 'handle';
export type CreateAccountResult = { ok: true } | { ok: false; taken: Taken };
export type Credentials = { userId: string; passwordHash: string };
/** `idHash` is the SHA-256 of the cookie's session id; the id itself is never stored. */
export type SessionRecord = { idHash: string; userId: string; createdAt: Timestamp; expiresAt: Timestamp };

export type ProfileChanges = Partial<
  Pick<UserRecord, 'handle' | 'displayName' | 'headline' | 'bio' | 'website' | 'github' | 'supportUrl' | 'location'>
>;
export type UpdateProfileResult = { ok: true } | { ok: false; reason: 'handle-taken' | 'no-user' };

/**
 * Handle rules shared by account creation and renames: a handle given up after `heldSince` still belongs
 * to its old owner (so its redirect cannot be hijacked); older ones are free again.
 */
export type HandleOptions = { at: Timestamp; heldSince: Timestamp };

/** Where an old handle went: the user it belonged to and their current handle. */
export type HandleRedirect = { userId: string; handle: string };

/** One follow or unfollow, as the client's outbox sends it. `at` is the intent's time (client clock, clamped). */
export type FollowOp = {
  userId: string;
  opId: string;
  target: FollowTarget;
  follow: boolean;
  at: Timestamp;
  receivedAt: Timestamp;
};
export type FollowOpOutcome =
  | { kind: 'done'; result: FollowResult; replayed: boolean }
  /** The op id was used before for a different change. */
  | { kind: 'op-id-reused' }
  | { kind: 'no-target' };

/** Follow lists page newest first by (followedAt, id). */
export type FollowCursor = { at: Timestamp; id: string };
export type FollowListQuery = { after?: FollowCursor | null; limit: number };

export interface AccountStore {
  /** Creates the user and their credentials in one transaction; the handle is compared lower-case. */
  createAccount(account: NewAccount, handles: HandleOptions): Promise<CreateAccountResult>;
  getCredentials(email: string): Promise<Credentials | null>;
  setPasswordHash(userId: string, passwordHash: string, at: Timestamp): Promise<void>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(idHash: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of the user; returns how many there were. */
  deleteUserSessions(userId: string): Promise<number>;
  deleteExpiredSessions(now: Timestamp): Promise<number>;

  getUser(id: string): Promise<UserRecord | null>;
  /** A handle change records the old handle in the history, in the same transaction. */
  updateProfile(userId: string, changes: ProfileChanges, handles: HandleOptions): Promise<UpdateProfileResult>;
  /**
   * Sets (or with null clears) the user's avatar path; returns the path it replaced, or undefined when
   * there is no such user.
   */
  setAvatar(userId: string, avatarUrl: string | null): Promise<{ previous: string | null } | undefined>;
  /** The current owner of a handle given up after `since`, or null. */
  findHandleRedirect(handle: string, since: Timestamp): Promise<HandleRedirect | null>;

  /**
   * Applies a follow change idempotently (by `userId` + `opId`) and last-intent-wins by (`at`, `opId`):
   * the follows/tag_follows row changes only when this op is newer than the newest one seen for the target.
   */
  applyFollowOp(op: FollowOp): Promise<FollowOpOutcome>;
  listMyFollows(userId: string): Promise<MyFollows>;
  /** Who follows `authorId`; `id` and `followedAt` of each entry are the follower's. */
  listFollowers(authorId: string, query: FollowListQuery): Promise<FollowEntry[]>;
  /** Whom `userId` follows. */
  listFollowing(userId: string, query: FollowListQuery): Promise<FollowEntry[]>;
}

export interface Store extends AccountStore, SocialStore, DraftStore {
  /** Writes a whole catalog in one transaction (seeding, imports). Fails without writing anything. */
  importCatalog(batch: CatalogImport): Promise<void>;

  countPosts(): Promise<number>;
  listPosts(query: PostListQuery): Promise<PostSummary[]>;
  getPostBySlug(slug: string): Promise<StoredPost | null>;

  /** An author profile; `commentCount` counts the comments the user wrote. */
  getAuthor(key: UserKey): Promise<Author | null>;
  /** Authors with at least one post, with their engagement since `since` (null: all time). */
  listAuthorActivity(since: Timestamp | null): Promise<AuthorActivity[]>;

  getTag(slug: string): Promise<TagSummary | null>;
  /** Tags with at least one post or follower, with how many posts they got since `since` (null: all time). */
  listTagActivity(since: Timestamp | null): Promise<TagActivity[]>;

  getSeries(key: SeriesKey): Promise<Series | null>;

  close(): Promise<void>;
}
