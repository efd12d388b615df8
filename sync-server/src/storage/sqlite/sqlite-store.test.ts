import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureCatalog, tempDir, tempStore } from '../../testing/fixtures.ts';
import type { Store } from '../store.ts';
import { loadMigrations } from './migrate.ts';
import { openSqliteStore, SQLITE_FILE_NAME } from './sqlite-store.ts';

describe('SQLite store', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ store, dir, cleanup } = tempStore());
    await store.importCatalog(fixtureCatalog());
  });
  afterEach(() => cleanup());

  it('creates the file with WAL, foreign keys and a record of migrations', () => {
    const db = new Database(join(dir, SQLITE_FILE_NAME), { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
      expect(versions).toEqual(loadMigrations().map((m) => m.version));
    } finally {
      db.close();
    }
  });

  it('re-opening applies nothing twice and keeps the data', async () => {
    const again = openSqliteStore({ dataDir: dir });
    expect(await again.countPosts()).toBe(24);
    await again.close();
  });

  it('creates DATA_DIR when it is missing', async () => {
    const { dir: parent, remove } = tempDir();
    const nested = join(parent, 'a', 'b');
    const created = openSqliteStore({ dataDir: nested });
    expect(existsSync(join(nested, SQLITE_FILE_NAME))).toBe(true);
    await created.close();
    remove();
  });

  it('computes counts from the rows they count', async () => {
    const post = await store.getPostBySlug('post-3');
    expect(post?.summary).toMatchObject({ reactionCount: 6, commentCount: 2, tags: ['queues'] });
    expect(post?.summary.series).toEqual({
      id: 's_intro',
      slug: 'intro-to-queues',
      title: 'Intro to queues',
      part: 2,
      partCount: 2,
    });
    expect(JSON.parse(post!.contentJson)).toMatchObject({ type: 'doc' });

    expect(await store.getAuthor({ id: 'u_bo' })).toMatchObject({
      handle: 'bo',
      followerCount: 2,
      followingCount: 1,
      postCount: 2,
      commentCount: 0,
    });
    expect(await store.getAuthor({ handle: 'ANA' })).toMatchObject({ id: 'u_ana', commentCount: 1 });
    expect(await store.getTag('raft')).toEqual({
      slug: 'raft',
      name: 'Raft',
      description: 'Consensus.',
      postCount: 6,
      followerCount: 2,
    });
  });

  it('keeps tag order as given', async () => {
    expect((await store.getPostBySlug('post-1'))?.summary.tags).toEqual(['caching', 'queues']);
  });

  it('pages newest first with a keyset that is stable under equal timestamps', async () => {
    const all = await store.listPosts({});
    expect(all).toHaveLength(24);
    const seen: string[] = [];
    let after = null;
    for (;;) {
      const page = await store.listPosts({ after, limit: 4 });
      if (page.length === 0) break;
      seen.push(...page.map((p) => p.id));
      const last = page.at(-1)!;
      after = { publishedAt: last.publishedAt, id: last.id };
    }
    expect(seen).toEqual(all.map((p) => p.id));
    expect(new Set(seen).size).toBe(24);
    const tied = all.filter((p) => p.publishedAt === all.at(-1)!.publishedAt).map((p) => p.id);
    expect(tied).toEqual(['p_024', 'p_023', 'p_022', 'p_021', 'p_020']);
  });

  it('filters by tag, author and publish time', async () => {
    expect((await store.listPosts({ tagSlug: 'queues' })).map((p) => p.id)).toEqual(['p_001', 'p_002', 'p_003']);
    expect(await store.listPosts({ authorId: 'u_bo' })).toHaveLength(2);
    const since = (await store.listPosts({ limit: 3 })).at(-1)!.publishedAt;
    expect(await store.listPosts({ publishedSince: since })).toHaveLength(3);
  });

  it('returns a series with its parts in order', async () => {
    const series = await store.getSeries({ slug: 'intro-to-queues' });
    expect(series?.parts.map((p) => [p.part, p.slug])).toEqual([
      [1, 'post-2'],
      [2, 'post-3'],
    ]);
    expect(series?.author).toEqual({ id: 'u_bo', handle: 'bo', displayName: 'Bo' });
    expect(await store.getSeries({ id: 's_intro' })).toEqual(series);
  });

  it('reports activity since a time for authors with posts and tags with posts or followers', async () => {
    const since = new Date('2025-05-30T00:00:00.000Z').toISOString();
    const authors = await store.listAuthorActivity(since);
    expect(authors.map((a) => a.author.handle).sort()).toEqual(['ana', 'bo', 'cy']);
    expect(authors.find((a) => a.author.handle === 'bo')).toMatchObject({ recentReactions: 6, recentComments: 2 });
    const tags = await store.listTagActivity(since);
    expect(tags.find((t) => t.tag.slug === 'queues')?.recentPostCount).toBe(3);
  });

  it('returns null for unknown things', async () => {
    expect(await store.getPostBySlug('missing')).toBeNull();
    expect(await store.getAuthor({ id: 'u_missing' })).toBeNull();
    expect(await store.getTag('missing')).toBeNull();
    expect(await store.getSeries({ slug: 'missing' })).toBeNull();
  });

  it('imports all or nothing', async () => {
    const { store: empty, cleanup: done } = tempStore();
    const broken = fixtureCatalog();
    broken.comments.push({ id: 'c_bad', postId: 'p_missing', userId: 'u_ana', body: 'x', createdAt: '2025-01-01' });
    await expect(empty.importCatalog(broken)).rejects.toThrow(/FOREIGN KEY/);
    expect(await empty.countPosts()).toBe(0);
    await done();
  });
});
