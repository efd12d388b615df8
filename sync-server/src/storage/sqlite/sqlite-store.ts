import type Database from 'better-sqlite3';
import type { FollowEntry, FollowResult, FollowTarget, MyFollows } from '../../../../shared/src/model/accounts.ts';
import type { Author, AuthorSummary, PostSummary, Series, TagSummary } from '../../../../shared/src/model/catalog.ts';
import type {
  AuthorActivity,
  CatalogImport,
  CreateAccountResult,
  Credentials,
  FollowListQuery,
  FollowOp,
  FollowOpOutcome,
  HandleOptions,
  HandleRedirect,
  NewAccount,
  PostListQuery,
  ProfileChanges,
  SeriesKey,
  SessionRecord,
  Store,
  StoredPost,
  TagActivity,
  Timestamp,
  UpdateProfileResult,
  UserKey,
  UserRecord,
} from '../store.ts';
import { openSqliteDatabase, type SqliteLocation } from './open-database.ts';
import { SqliteDraftStore } from './sqlite-draft-store.ts';
import { LIVE_POST, type SummaryRow, summarySelect, toSummary, VISIBLE_COMMENT } from './sqlite-post-rows.ts';

export { SQLITE_FILE_NAME } from './open-database.ts';

export type SqliteStoreOptions = SqliteLocation;

/** Opens (creating if needed) the database, applies pending migrations and returns the Store. */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  return new SqliteStore(openSqliteDatabase(options, { foreignKeys: true }));
}

// ── Row shapes ──────────────────────────────────────────────────────────────────────────────────────

/** A user row with the counts the author queries add. */
type AuthorRow = UserRow & {
  avatar_url: string | null;
  follower_count: number;
  following_count: number;
  post_count: number;
  comment_count: number;
};

type TagRow = { slug: string; name: string; description: string; post_count: number; follower_count: number };

// ── SQL ─────────────────────────────────────────────────────────────────────────────────────────────

const authorSelect = (extraColumns = '') => `
SELECT u.id, u.handle, u.display_name, u.headline, u.bio, u.website, u.github, u.support_url, u.location, u.joined_at,
  u.avatar_url,
  (SELECT COUNT(*) FROM follows f WHERE f.author_id = u.id) AS follower_count,
  (SELECT COUNT(*) FROM follows f WHERE f.follower_id = u.id) AS following_count,
  (SELECT COUNT(*) FROM posts p WHERE p.author_id = u.id AND ${LIVE_POST}) AS post_count,
  (SELECT COUNT(*) FROM comments c WHERE c.user_id = u.id AND c.deleted_at IS NULL) AS comment_count
  ${extraColumns}
FROM users u`;

const tagSelect = (extraColumns = '') => `
SELECT t.slug, t.name, t.description,
  (SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE pt.tag_slug = t.slug AND ${LIVE_POST}) AS post_count,
  (SELECT COUNT(*) FROM tag_follows tf WHERE tf.tag_slug = t.slug) AS follower_count
  ${extraColumns}
FROM tags t`;

// ── Mapping ─────────────────────────────────────────────────────────────────────────────────────────

function toAuthorSummary(row: AuthorRow): AuthorSummary {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
    headline: row.headline,
    joinedAt: row.joined_at,
    followerCount: row.follower_count,
    postCount: row.post_count,
  };
}

function toAuthor(row: AuthorRow): Author {
  return {
    ...toAuthorSummary(row),
    website: row.website,
    github: row.github,
    supportUrl: row.support_url,
    location: row.location,
    bio: row.bio,
    followingCount: row.following_count,
    commentCount: row.comment_count,
  };
}

const toTag = (row: TagRow): TagSummary => ({
  slug: row.slug,
  name: row.name,
  description: row.description,
  postCount: row.post_count,
  followerCount: row.follower_count,
});

/** Stored timestamps must sort as text, so every one is normalised to the same ISO form. */
function timestamp(value: string, what: string): Timestamp {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`${what} has an invalid timestamp: ${JSON.stringify(value)}.`);
  return new Date(ms).toISOString();
}

type UserRow = {
  id: string;
  handle: string;
  display_name: string;
  headline: string;
  bio: string;
  website: string | null;
  github: string | null;
  support_url: string | null;
  location: string | null;
  joined_at: string;
};

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  handle: row.handle,
  displayName: row.display_name,
  headline: row.headline,
  bio: row.bio,
  website: row.website,
  github: row.github,
  supportUrl: row.support_url,
  location: row.location,
  joinedAt: row.joined_at,
});

const PROFILE_COLUMNS: Record<keyof ProfileChanges, string> = {
  handle: 'handle',
  displayName: 'display_name',
  headline: 'headline',
  bio: 'bio',
  website: 'website',
  github: 'github',
  supportUrl: 'support_url',
  location: 'location',
};

const targetKey = (target: FollowTarget) =>
  target.kind === 'author' ? `author:${target.id}` : `${target.kind}:${target.slug}`;

/** Per kind of follow: how to find the subject's key from the target, and its table and columns. */
const FOLLOW_TABLES = {
  author: { find: 'SELECT id FROM users WHERE id = ?', table: 'follows', user: 'follower_id', subject: 'author_id' },
  tag: { find: 'SELECT slug FROM tags WHERE slug = ?', table: 'tag_follows', user: 'user_id', subject: 'tag_slug' },
  series: {
    find: 'SELECT id FROM series WHERE slug = ?',
    table: 'series_follows',
    user: 'user_id',
    subject: 'series_id',
  },
} as const satisfies Record<FollowTarget['kind'], { find: string; table: string; user: string; subject: string }>;

// ── Store ───────────────────────────────────────────────────────────────────────────────────────────

/** Catalog and accounts here; drafts, reactions, comments and notifications in the classes it extends. */
class SqliteStore extends SqliteDraftStore implements Store {
  readonly #db: Database.Database;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    super(db);
    this.#db = db;
  }

  #prepare(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async importCatalog(batch: CatalogImport): Promise<void> {
    const db = this.#db;
    const insertUser = db.prepare(`INSERT INTO users
      (id, handle, display_name, headline, bio, website, github, support_url, location, joined_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertTag = db.prepare('INSERT INTO tags (slug, name, description) VALUES (?, ?, ?)');
    const insertSeries = db.prepare(
      'INSERT INTO series (id, slug, title, description, author_id) VALUES (?, ?, ?, ?, ?)',
    );
    const insertPost = db.prepare(`INSERT INTO posts
      (id, slug, title, excerpt, author_id, series_id, series_part, content_json, images_json, reading_minutes,
       published_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertPostTag = db.prepare('INSERT INTO post_tags (post_id, tag_slug, position) VALUES (?, ?, ?)');
    const insertFollow = db.prepare('INSERT INTO follows (follower_id, author_id, created_at) VALUES (?, ?, ?)');
    const insertTagFollow = db.prepare('INSERT INTO tag_follows (user_id, tag_slug, created_at) VALUES (?, ?, ?)');
    const insertReaction = db.prepare('INSERT INTO reactions (post_id, user_id, kind, created_at) VALUES (?, ?, ?, ?)');
    const insertComment = db.prepare(
      `INSERT INTO comments (id, post_id, user_id, body, created_at, parent_id, root_id, depth)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const threadOf = db.prepare('SELECT root_id, depth FROM comments WHERE id = ?');

    db.transaction(() => {
      for (const u of batch.users) {
        insertUser.run(
          u.id,
          u.handle.toLowerCase(),
          u.displayName,
          u.headline,
          u.bio,
          u.website,
          u.github,
          u.supportUrl,
          u.location,
          timestamp(u.joinedAt, `User ${u.handle}`),
        );
      }
      for (const t of batch.tags) insertTag.run(t.slug, t.name, t.description);
      for (const s of batch.series) insertSeries.run(s.id, s.slug, s.title, s.description, s.authorId);
      for (const p of batch.posts) {
        insertPost.run(
          p.id,
          p.slug,
          p.title,
          p.excerpt,
          p.authorId,
          p.seriesId,
          p.seriesPart,
          p.contentJson,
          JSON.stringify(p.images),
          p.readingMinutes,
          timestamp(p.publishedAt, `Post ${p.slug}`),
          timestamp(p.updatedAt, `Post ${p.slug}`),
        );
        p.tags.forEach((tag, position) => {
          insertPostTag.run(p.id, tag, position);
        });
      }
      for (const f of batch.follows) insertFollow.run(f.followerId, f.authorId, timestamp(f.createdAt, 'A follow'));
      for (const f of batch.tagFollows)
        insertTagFollow.run(f.userId, f.tagSlug, timestamp(f.createdAt, 'A tag follow'));
      for (const r of batch.reactions) {
        insertReaction.run(r.postId, r.userId, r.kind, timestamp(r.createdAt, 'A reaction'));
      }
      for (const c of batch.comments) {
        const parent = c.parentId
          ? (threadOf.get(c.parentId) as { root_id: string | null; depth: number } | undefined)
          : null;
        if (parent === undefined) throw new Error(`Comment ${c.id} replies to ${c.parentId}, which is not there.`);
        insertComment.run(
          c.id,
          c.postId,
          c.userId,
          c.body,
          timestamp(c.createdAt, 'A comment'),
          c.parentId ?? null,
          parent ? (parent.root_id ?? c.parentId) : null,
          parent ? parent.depth + 1 : 0,
        );
      }
    })();
  }

  async countPosts(): Promise<number> {
    return (this.#prepare('SELECT COUNT(*) AS n FROM posts').get() as { n: number }).n;
  }

  async listPosts(query: PostListQuery): Promise<PostSummary[]> {
    const where: string[] = [LIVE_POST];
    const params: Record<string, string | number> = {};
    if (query.after) {
      where.push('(p.published_at < @afterAt OR (p.published_at = @afterAt AND p.id < @afterId))');
      params.afterAt = query.after.publishedAt;
      params.afterId = query.after.id;
    }
    if (query.tagSlug !== undefined) {
      where.push('EXISTS (SELECT 1 FROM post_tags t WHERE t.post_id = p.id AND t.tag_slug = @tagSlug)');
      params.tagSlug = query.tagSlug;
    }
    if (query.authorId !== undefined) {
      where.push('p.author_id = @authorId');
      params.authorId = query.authorId;
    }
    if (query.publishedSince !== undefined) {
      where.push('p.published_at >= @since');
      params.since = query.publishedSince;
    }
    if (query.followedBy !== undefined) {
      where.push(`(EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = @followedBy AND f.author_id = p.author_id)
  OR EXISTS (SELECT 1 FROM post_tags t JOIN tag_follows tf ON tf.tag_slug = t.tag_slug
             WHERE t.post_id = p.id AND tf.user_id = @followedBy))`);
      params.followedBy = query.followedBy;
    }
    let sql = `${summarySelect()}\nWHERE ${where.join(' AND ')}
ORDER BY p.published_at DESC, p.id DESC`;
    if (query.limit !== undefined) {
      sql += '\nLIMIT @limit';
      params.limit = query.limit;
    }
    return (this.#prepare(sql).all(params) as SummaryRow[]).map(toSummary);
  }

  async getPostBySlug(slug: string): Promise<StoredPost | null> {
    const row = this.#prepare(`${summarySelect(', p.content_json')} WHERE p.slug = ? AND ${LIVE_POST}`).get(slug) as
      | (SummaryRow & { content_json: string })
      | undefined;
    return row ? { summary: toSummary(row), contentJson: row.content_json } : null;
  }

  async getAuthor(key: UserKey): Promise<Author | null> {
    const row = (
      'id' in key
        ? this.#prepare(`${authorSelect()} WHERE u.id = ?`).get(key.id)
        : this.#prepare(`${authorSelect()} WHERE u.handle = ?`).get(key.handle.toLowerCase())
    ) as AuthorRow | undefined;
    return row ? toAuthor(row) : null;
  }

  async listAuthorActivity(since: Timestamp | null): Promise<AuthorActivity[]> {
    // An author's own comments on their posts (replies) are not engagement from readers.
    const recent = `,
  (SELECT COUNT(*) FROM reactions r JOIN posts p ON p.id = r.post_id
    WHERE p.author_id = u.id AND ${LIVE_POST} AND r.created_at >= @since AND r.user_id <> u.id) AS recent_reactions,
  (SELECT COUNT(*) FROM comments c JOIN posts p ON p.id = c.post_id
    WHERE p.author_id = u.id AND ${LIVE_POST} AND c.created_at >= @since AND c.user_id <> u.id AND ${VISIBLE_COMMENT}) AS recent_comments,
  (SELECT COUNT(*) FROM follows f WHERE f.author_id = u.id AND f.created_at >= @since) AS recent_followers`;
    const sql = `SELECT * FROM (${authorSelect(recent)}) WHERE post_count > 0`;
    const rows = this.#prepare(sql).all({ since: since ?? '' }) as (AuthorRow & {
      recent_reactions: number;
      recent_comments: number;
      recent_followers: number;
    })[];
    return rows.map((row) => ({
      author: toAuthorSummary(row),
      recentReactions: row.recent_reactions,
      recentComments: row.recent_comments,
      recentFollowers: row.recent_followers,
    }));
  }

  async getTag(slug: string): Promise<TagSummary | null> {
    const row = this.#prepare(`${tagSelect()} WHERE t.slug = ?`).get(slug) as TagRow | undefined;
    return row ? toTag(row) : null;
  }

  async listTagActivity(since: Timestamp | null): Promise<TagActivity[]> {
    const recent = `,
  (SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id
    WHERE pt.tag_slug = t.slug AND ${LIVE_POST} AND p.published_at >= @since) AS recent_post_count`;
    const sql = `SELECT * FROM (${tagSelect(recent)}) WHERE post_count > 0 OR follower_count > 0`;
    // '' sorts before every timestamp: all time.
    const rows = this.#prepare(sql).all({ since: since ?? '' }) as (TagRow & { recent_post_count: number })[];
    return rows.map((row) => ({ tag: toTag(row), recentPostCount: row.recent_post_count }));
  }

  async getSeries(key: SeriesKey): Promise<Series | null> {
    const select = `SELECT s.id, s.slug, s.title, s.description,
        u.id AS author_id, u.handle AS author_handle, u.display_name AS author_display_name
      FROM series s JOIN users u ON u.id = s.author_id`;
    const row = (
      'id' in key
        ? this.#prepare(`${select} WHERE s.id = ?`).get(key.id)
        : this.#prepare(`${select} WHERE s.slug = ?`).get(key.slug)
    ) as
      | {
          id: string;
          slug: string;
          title: string;
          description: string;
          author_id: string;
          author_handle: string;
          author_display_name: string;
        }
      | undefined;
    if (!row) return null;
    const parts = this.#prepare(
      `SELECT p.series_part AS part, p.slug, p.title, p.published_at AS publishedAt FROM posts p
       WHERE p.series_id = ? AND ${LIVE_POST} ORDER BY p.series_part`,
    ).all(row.id) as Series['parts'];
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      description: row.description,
      author: { id: row.author_id, handle: row.author_handle, displayName: row.author_display_name },
      parts,
    };
  }

  // ── Accounts ──────────────────────────────────────────────────────────────────────────────────────

  /** Whether `handle` belongs to someone other than `userId`, now or as a recently given-up handle. */
  #handleTaken(handle: string, userId: string | null, heldSince: Timestamp): boolean {
    const current = this.#prepare('SELECT id FROM users WHERE handle = ?').get(handle) as { id: string } | undefined;
    if (current && current.id !== userId) return true;
    const held = this.#prepare('SELECT user_id FROM handle_history WHERE handle = ? AND changed_at >= ?').get(
      handle,
      heldSince,
    ) as { user_id: string } | undefined;
    return held !== undefined && held.user_id !== userId;
  }

  async createAccount({ user, email, passwordHash }: NewAccount, handles: HandleOptions): Promise<CreateAccountResult> {
    const handle = user.handle.toLowerCase();
    return this.#db.transaction((): CreateAccountResult => {
      if (this.#prepare('SELECT 1 FROM credentials WHERE email = ?').get(email)) return { ok: false, taken: 'email' };
      if (this.#handleTaken(handle, null, handles.heldSince)) return { ok: false, taken: 'handle' };
      // An expired history row for this handle is released to the new owner.
      this.#prepare('DELETE FROM handle_history WHERE handle = ?').run(handle);
      this.#prepare(`INSERT INTO users
        (id, handle, display_name, headline, bio, website, github, support_url, location, joined_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
        user.id,
        handle,
        user.displayName,
        user.headline,
        user.bio,
        user.website,
        user.github,
        user.supportUrl,
        user.location,
        timestamp(user.joinedAt, `User ${handle}`),
      );
      this.#prepare(
        'INSERT INTO credentials (user_id, email, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      ).run(user.id, email, passwordHash, handles.at, handles.at);
      return { ok: true };
    })();
  }

  async getCredentials(email: string): Promise<Credentials | null> {
    const row = this.#prepare('SELECT user_id, password_hash FROM credentials WHERE email = ?').get(email) as
      | { user_id: string; password_hash: string }
      | undefined;
    return row ? { userId: row.user_id, passwordHash: row.password_hash } : null;
  }

  async setPasswordHash(userId: string, passwordHash: string, at: Timestamp): Promise<void> {
    this.#prepare('UPDATE credentials SET password_hash = ?, updated_at = ? WHERE user_id = ?').run(
      passwordHash,
      at,
      userId,
    );
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.#prepare('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
      session.idHash,
      session.userId,
      session.createdAt,
      session.expiresAt,
    );
  }

  async getSession(idHash: string): Promise<SessionRecord | null> {
    const row = this.#prepare('SELECT id_hash, user_id, created_at, expires_at FROM sessions WHERE id_hash = ?').get(
      idHash,
    ) as { id_hash: string; user_id: string; created_at: string; expires_at: string } | undefined;
    return row
      ? { idHash: row.id_hash, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at }
      : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.#prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async deleteUserSessions(userId: string): Promise<number> {
    return this.#prepare('DELETE FROM sessions WHERE user_id = ?').run(userId).changes;
  }

  async deleteExpiredSessions(now: Timestamp): Promise<number> {
    return this.#prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }

  async getUser(id: string): Promise<UserRecord | null> {
    const row = this.#prepare(
      'SELECT id, handle, display_name, headline, bio, website, github, support_url, location, joined_at FROM users WHERE id = ?',
    ).get(id) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async updateProfile(userId: string, changes: ProfileChanges, handles: HandleOptions): Promise<UpdateProfileResult> {
    return this.#db.transaction((): UpdateProfileResult => {
      const current = this.#prepare('SELECT handle FROM users WHERE id = ?').get(userId) as
        | { handle: string }
        | undefined;
      if (!current) return { ok: false, reason: 'no-user' };
      const entries = Object.entries(changes).filter(([, value]) => value !== undefined) as [
        keyof ProfileChanges,
        string | null,
      ][];
      const handle = changes.handle?.toLowerCase();
      if (handle !== undefined && handle !== current.handle) {
        if (this.#handleTaken(handle, userId, handles.heldSince)) return { ok: false, reason: 'handle-taken' };
        // Taking back one's own old handle (or a released one) removes its redirect.
        this.#prepare('DELETE FROM handle_history WHERE handle = ?').run(handle);
        this.#prepare(
          'INSERT INTO handle_history (handle, user_id, changed_at) VALUES (?, ?, ?) ON CONFLICT (handle) DO UPDATE SET user_id = excluded.user_id, changed_at = excluded.changed_at',
        ).run(current.handle, userId, handles.at);
      }
      if (entries.length === 0) return { ok: true };
      const set = entries.map(([key]) => `${PROFILE_COLUMNS[key]} = ?`).join(', ');
      const values = entries.map(([key, value]) => (key === 'handle' ? String(value).toLowerCase() : value));
      this.#db.prepare(`UPDATE users SET ${set} WHERE id = ?`).run(...values, userId);
      return { ok: true };
    })();
  }

  async setAvatar(userId: string, avatarUrl: string | null): Promise<{ previous: string | null } | undefined> {
    return this.#db.transaction(() => {
      const row = this.#prepare('SELECT avatar_url FROM users WHERE id = ?').get(userId) as
        | { avatar_url: string | null }
        | undefined;
      if (!row) return undefined;
      this.#prepare('UPDATE users SET avatar_url = ? WHERE id = ?').run(avatarUrl, userId);
      return { previous: row.avatar_url };
    })();
  }

  async findHandleRedirect(handle: string, since: Timestamp): Promise<HandleRedirect | null> {
    const row = this.#prepare(
      `SELECT u.id, u.handle FROM handle_history h JOIN users u ON u.id = h.user_id
       WHERE h.handle = ? AND h.changed_at >= ?`,
    ).get(handle.toLowerCase(), since) as { id: string; handle: string } | undefined;
    return row ? { userId: row.id, handle: row.handle } : null;
  }

  async applyFollowOp(op: FollowOp): Promise<FollowOpOutcome> {
    const target = targetKey(op.target);
    // What was asked, without the time: a replay without `at` gets a new default time but is the same change.
    const request = JSON.stringify({ target, follow: op.follow });
    return this.#db.transaction((): FollowOpOutcome => {
      const seen = this.#prepare('SELECT request, result_json FROM follow_ops WHERE user_id = ? AND op_id = ?').get(
        op.userId,
        op.opId,
      ) as { request: string; result_json: string } | undefined;
      if (seen) {
        if (seen.request !== request) return { kind: 'op-id-reused' };
        return { kind: 'done', result: JSON.parse(seen.result_json) as FollowResult, replayed: true };
      }
      const tables = FOLLOW_TABLES[op.target.kind];
      const subject = this.#prepare(tables.find)
        .pluck()
        .get(op.target.kind === 'author' ? op.target.id : op.target.slug) as string | undefined;
      if (subject === undefined) return { kind: 'no-target' };

      const newest = this.#prepare(
        'SELECT following, at, op_id FROM follow_intents WHERE user_id = ? AND target = ?',
      ).get(op.userId, target) as { following: number; at: string; op_id: string } | undefined;
      const applied = !newest || op.at > newest.at || (op.at === newest.at && op.opId > newest.op_id);
      const { table, user, subject: column } = tables;
      if (applied) {
        this.#prepare(
          `INSERT INTO follow_intents (user_id, target, following, at, op_id) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (user_id, target) DO UPDATE SET following = excluded.following, at = excluded.at, op_id = excluded.op_id`,
        ).run(op.userId, target, op.follow ? 1 : 0, op.at, op.opId);
        if (op.follow) {
          this.#prepare(
            `INSERT INTO ${table} (${user}, ${column}, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
          ).run(op.userId, subject, op.at);
        } else {
          this.#prepare(`DELETE FROM ${table} WHERE ${user} = ? AND ${column} = ?`).run(op.userId, subject);
        }
      }
      const following = this.#prepare(`SELECT 1 FROM ${table} WHERE ${user} = ? AND ${column} = ?`).get(
        op.userId,
        subject,
      );
      const result: FollowResult = { opId: op.opId, target: op.target, following: following !== undefined, applied };
      this.#prepare(
        'INSERT INTO follow_ops (user_id, op_id, request, result_json, received_at) VALUES (?, ?, ?, ?, ?)',
      ).run(op.userId, op.opId, request, JSON.stringify(result), op.receivedAt);
      return { kind: 'done', result, replayed: false };
    })();
  }

  async listMyFollows(userId: string): Promise<MyFollows> {
    const authors = this.#prepare(
      `SELECT u.id, u.handle, u.display_name AS displayName, f.created_at AS followedAt
       FROM follows f JOIN users u ON u.id = f.author_id WHERE f.follower_id = ? ORDER BY f.created_at DESC, u.id DESC`,
    ).all(userId) as FollowEntry[];
    const tags = this.#prepare(
      `SELECT t.slug, t.name, tf.created_at AS followedAt
       FROM tag_follows tf JOIN tags t ON t.slug = tf.tag_slug WHERE tf.user_id = ? ORDER BY tf.created_at DESC, t.slug DESC`,
    ).all(userId) as MyFollows['tags'];
    const series = this.#prepare(
      `SELECT s.slug, s.title, sf.created_at AS followedAt
       FROM series_follows sf JOIN series s ON s.id = sf.series_id WHERE sf.user_id = ? ORDER BY sf.created_at DESC, s.slug DESC`,
    ).all(userId) as MyFollows['series'];
    return { authors, tags, series };
  }

  #followList(side: 'followers' | 'following', userId: string, query: FollowListQuery): FollowEntry[] {
    // followers: rows whose author is the user, listing the follower; following: the reverse.
    const [mine, theirs] = side === 'followers' ? ['author_id', 'follower_id'] : ['follower_id', 'author_id'];
    const after = query.after ? 'AND (f.created_at < @afterAt OR (f.created_at = @afterAt AND u.id < @afterId))' : '';
    const sql = `SELECT u.id, u.handle, u.display_name AS displayName, f.created_at AS followedAt
      FROM follows f JOIN users u ON u.id = f.${theirs}
      WHERE f.${mine} = @userId ${after}
      ORDER BY f.created_at DESC, u.id DESC LIMIT @limit`;
    return this.#prepare(sql).all({
      userId,
      limit: query.limit,
      ...(query.after ? { afterAt: query.after.at, afterId: query.after.id } : {}),
    }) as FollowEntry[];
  }

  async listFollowers(authorId: string, query: FollowListQuery): Promise<FollowEntry[]> {
    return this.#followList('followers', authorId, query);
  }

  async listFollowing(userId: string, query: FollowListQuery): Promise<FollowEntry[]> {
    return this.#followList('following', userId, query);
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}
