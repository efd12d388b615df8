import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { validateDoc } from '../../../shared/src/model/content.ts';
import { DEFAULT_SEED_DIR } from '../config.ts';
import { tempDir, tempStore } from '../testing/fixtures.ts';
import { buildSeedCatalog } from './build-catalog.ts';
import { parsePost, readSeed, SeedError } from './read-seed.ts';
import { seedIfEmpty } from './seed.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const silent = pino({ level: 'silent' });

// These assert the demo content the writers are producing in sync-server/seed/. Until they finish,
// the counts may fall short; the messages say which.
describe('the demo content in sync-server/seed', () => {
  it('has at least 8 authors with complete profiles', async () => {
    const { authors } = await readSeed(DEFAULT_SEED_DIR);
    expect(authors.length, 'authors in authors.json').toBeGreaterThanOrEqual(8);
    for (const a of authors) {
      expect(a.displayName && a.headline && a.bio && a.location && a.joinedAt, `profile of ${a.handle}`).toBeTruthy();
      expect(a.website ?? a.github, `${a.handle} links somewhere`).toBeTruthy();
      expect(a.bio.length, `${a.handle}'s bio`).toBeGreaterThan(80);
    }
  });

  it('has at least 12 tags and 40 posts, each valid, with known authors and tags', async () => {
    const source = await readSeed(DEFAULT_SEED_DIR);
    expect(source.tags.length, 'tags in tags.json').toBeGreaterThanOrEqual(12);
    expect(source.posts.length, 'posts in posts/').toBeGreaterThanOrEqual(40);
    for (const post of source.posts) expect(validateDoc(post.doc).ok, post.file).toBe(true);
    // Cross-references are checked while building; this throws a SeedError naming the file if one is off.
    const catalog = buildSeedCatalog(source, NOW);
    expect(catalog.posts.every((p) => p.readingMinutes >= 1 && p.excerpt.length > 0)).toBe(true);
  });

  it('has a series with 4 consecutive parts', async () => {
    const source = await readSeed(DEFAULT_SEED_DIR);
    const partsBySeries = new Map<string, number[]>();
    for (const post of source.posts) {
      if (post.series) partsBySeries.set(post.series, [...(partsBySeries.get(post.series) ?? []), post.part ?? 0]);
    }
    const complete = [...partsBySeries.values()].some((parts) => parts.sort().join() === '1,2,3,4');
    expect(complete, `series parts: ${JSON.stringify([...partsBySeries])}`).toBe(true);
  });

  it('ships every image the posts show', async () => {
    const source = await readSeed(DEFAULT_SEED_DIR);
    const shipped = new Set(source.media.map((file) => `/media/${basename(file)}`));
    const catalog = buildSeedCatalog(source, NOW);
    const missing = catalog.posts.flatMap((p) =>
      p.images.filter((src) => src.startsWith('/media/') && !shipped.has(src)).map((src) => `${p.slug}: ${src}`),
    );
    expect(missing).toEqual([]);
  });
});

describe('building the seed catalog', () => {
  it('is deterministic, with ids stable across re-seeds at different times', async () => {
    const source = await readSeed(DEFAULT_SEED_DIR);
    const a = buildSeedCatalog(source, NOW);
    expect(buildSeedCatalog(source, NOW)).toEqual(a);
    const later = buildSeedCatalog(source, new Date(NOW.getTime() + 86_400_000));
    expect(later.posts.map((p) => p.id)).toEqual(a.posts.map((p) => p.id));
    expect(later.users.map((u) => u.id)).toEqual(a.users.map((u) => u.id));
    expect(a.users.every((u) => /^u_[A-Za-z0-9_-]{16}$/.test(u.id))).toBe(true);
    expect(a.posts.every((p) => /^p_[A-Za-z0-9_-]{16}$/.test(p.id))).toBe(true);
  });

  it('generates follows, reactions and comments that look alive but never self-engage', async () => {
    const catalog = buildSeedCatalog(await readSeed(DEFAULT_SEED_DIR), NOW);
    const authorOf = new Map(catalog.posts.map((p) => [p.id, p.authorId]));
    expect(catalog.follows.length).toBeGreaterThan(catalog.users.length);
    expect(catalog.follows.every((f) => f.followerId !== f.authorId)).toBe(true);
    expect(catalog.tagFollows.length).toBeGreaterThan(catalog.users.length);
    expect(catalog.reactions.length).toBeGreaterThan(catalog.posts.length);
    expect(catalog.reactions.every((r) => authorOf.get(r.postId) !== r.userId)).toBe(true);
    expect(new Set(catalog.reactions.map((r) => r.kind))).toEqual(new Set(['like', 'insightful', 'bookmark']));
    expect(catalog.comments.length).toBeGreaterThan(10);
    expect(new Set(catalog.comments.map((c) => c.body)).size).toBeGreaterThan(10);
    const nowIso = NOW.toISOString();
    const published = new Map(catalog.posts.map((p) => [p.id, p.publishedAt]));
    for (const item of [...catalog.reactions, ...catalog.comments]) {
      expect(item.createdAt >= published.get(item.postId)!).toBe(true);
      expect(item.createdAt <= nowIso).toBe(true);
    }
    expect(catalog.posts.every((p) => p.publishedAt < nowIso)).toBe(true);
    // Authors answer under the latest comment: a thread, on the same post, after what it answers.
    const byId = new Map(catalog.comments.map((c) => [c.id, c]));
    const replies = catalog.comments.filter((c) => c.parentId);
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      const parent = byId.get(reply.parentId ?? '');
      expect(parent?.postId).toBe(reply.postId);
      expect(reply.userId).toBe(authorOf.get(reply.postId));
      expect(reply.createdAt >= (parent?.createdAt ?? '')).toBe(true);
    }
  });
});

function writeSeed(dir: string, posts: Record<string, string>): void {
  mkdirSync(join(dir, 'posts'), { recursive: true });
  mkdirSync(join(dir, 'media'), { recursive: true });
  const author = {
    handle: 'ana',
    displayName: 'Ana',
    headline: 'Engineer',
    website: 'https://ana.example',
    github: 'ana',
    supportUrl: null,
    location: 'Lagos',
    bio: 'Writes.',
    joinedAt: '2024-01-01',
  };
  writeFileSync(join(dir, 'authors.json'), JSON.stringify([author]));
  writeFileSync(join(dir, 'tags.json'), JSON.stringify([{ slug: 'queues', name: 'Queues', description: '' }]));
  writeFileSync(join(dir, 'media', 'd.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  for (const [name, body] of Object.entries(posts)) writeFileSync(join(dir, 'posts', name), body);
}

const goodPost = '---\ntitle: Good\nauthor: ana\ntags: queues\ndaysAgo: 2\n---\nHello ![d](/media/d.svg)\n';

describe('seedIfEmpty', () => {
  it('seeds an empty store once, copying media', async () => {
    const { dir: seedDir, remove } = tempDir();
    writeSeed(seedDir, { 'good-post.md': goodPost });
    const { store, dir, cleanup } = tempStore();
    expect(await seedIfEmpty({ store, seedDir, dataDir: dir, logger: silent, now: NOW })).toMatchObject({
      seeded: true,
      posts: 1,
      media: 1,
    });
    expect(existsSync(join(dir, 'media', 'd.svg'))).toBe(true);
    const post = await store.getPostBySlug('good-post');
    expect(post?.summary).toMatchObject({ images: ['/media/d.svg'], excerpt: 'Hello', readingMinutes: 1 });
    expect(await seedIfEmpty({ store, seedDir, dataDir: dir, logger: silent, now: NOW })).toEqual({ seeded: false });
    await cleanup();
    remove();
  });

  it('writes nothing when one post is wrong, and names the file', async () => {
    const { dir: seedDir, remove } = tempDir();
    writeSeed(seedDir, {
      'good-post.md': goodPost,
      'bad-post.md': '---\ntitle: Bad\nauthor: nobody\ntags: queues\ndaysAgo: 1\n---\nText\n',
    });
    const { store, dir, cleanup } = tempStore();
    const attempt = seedIfEmpty({ store, seedDir, dataDir: dir, logger: silent, now: NOW });
    await expect(attempt).rejects.toThrow(SeedError);
    await expect(attempt).rejects.toThrow(/posts\/bad-post\.md: author "nobody"/);
    expect(await store.countPosts()).toBe(0);
    await cleanup();
    remove();
  });
});

describe('parsePost', () => {
  it.each([
    ['no-title.md', '---\nauthor: ana\ntags: q\ndaysAgo: 1\n---\nx', /no-title\.md: front matter needs "title/],
    ['bad-days.md', '---\ntitle: T\nauthor: ana\ntags: q\ndaysAgo: soon\n---\nx', /"daysAgo" must be a whole number/],
    [
      'half-series.md',
      '---\ntitle: T\nauthor: ana\ntags: q\ndaysAgo: 1\nseries: s\n---\nx',
      /"series" and "part" together/,
    ],
    ['Bad_Name.md', '---\ntitle: T\nauthor: ana\ntags: q\ndaysAgo: 1\n---\nx', /file name is the slug/],
    ['broken.md', '---\ntitle: T\n', /broken\.md: Line 1/],
    ['popular.md', '---\ntitle: T\nauthor: ana\ntags: q\ndaysAgo: 1\n---\nx', /reserved/],
    ['empty.md', '---\ntitle: T\nauthor: ana\ntags: q\ndaysAgo: 1\n---\n', /no body/],
  ])('%s is rejected with a message naming it', (file, source, message) => {
    expect(() => parsePost(`posts/${file}`, source)).toThrow(message);
  });

  it('reads series, part, an explicit excerpt and a tag list', () => {
    const post = parsePost(
      'posts/p.md',
      '---\ntitle: T\nauthor: Ana\ntags: a, b\ndaysAgo: 0\nseries: s\npart: 2\nexcerpt: Short.\n---\nBody',
    );
    expect(post).toMatchObject({
      slug: 'p',
      author: 'ana',
      tags: ['a', 'b'],
      daysAgo: 0,
      series: 's',
      part: 2,
      excerpt: 'Short.',
    });
  });
});
