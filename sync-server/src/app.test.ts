/** The HTTP API against a real SQLite file, through `app.request()`. */
import type { Hono } from 'hono';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API } from '../../shared/src/model/api.ts';
import type { Author, Page, Post, PostSummary, Series, TagSummary } from '../../shared/src/model/catalog.ts';
import { validateDoc } from '../../shared/src/model/content.ts';
import { createApp } from './app.ts';
import type { Store } from './storage/store.ts';
import { fixtureCatalog, NOW, tempDir, tempStore } from './testing/fixtures.ts';

let app: Hono;
let store: Store;
let cleanup: () => Promise<void>;
const logged: unknown[] = [];

beforeAll(async () => {
  ({ store, cleanup } = tempStore());
  await store.importCatalog(fixtureCatalog());
  const client = tempDir();
  const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) });
  app = createApp({ store, config: { dataDir: client.dir, clientDir: client.dir }, logger, now: () => NOW });
});
afterAll(() => cleanup());

async function get<T>(path: string, status = 200): Promise<T> {
  const res = await app.request(path);
  const body = await res.json();
  expect(res.status, `${path} → ${JSON.stringify(body)}`).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return body as T;
}

const expectSummary = (p: PostSummary) =>
  expect(p).toEqual({
    id: expect.any(String),
    slug: expect.any(String),
    title: expect.any(String),
    excerpt: expect.any(String),
    author: {
      id: expect.any(String),
      handle: expect.any(String),
      displayName: expect.any(String),
      avatarUrl: null,
    },
    tags: expect.any(Array),
    publishedAt: expect.stringMatching(/Z$/),
    updatedAt: expect.stringMatching(/Z$/),
    readingMinutes: expect.any(Number),
    reactionCount: expect.any(Number),
    commentCount: expect.any(Number),
    series: p.series === null ? null : expect.objectContaining({ part: expect.any(Number) }),
    images: expect.any(Array),
  });

describe('GET routes: 200 shapes', () => {
  it('healthz', async () => {
    expect(await get('/healthz')).toEqual({ ok: true });
  });

  it(`${API.latest} pages through every post once, newest first`, async () => {
    const first = await get<Page<PostSummary>>(`${API.latest}?limit=10`);
    expect(first.items).toHaveLength(10);
    first.items.forEach(expectSummary);
    expect(first.items[0]?.slug).toBe('post-1');
    const ids = first.items.map((p) => p.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const page: Page<PostSummary> = await get(`${API.latest}?limit=10&cursor=${cursor}`);
      ids.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    }
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
  });

  it(`${API.latest} defaults the limit to 20`, async () => {
    expect((await get<Page<PostSummary>>(API.latest)).items).toHaveLength(20);
  });

  it(`${API.popularPosts} ranks by the decayed score within the window`, async () => {
    const week = await get<{ items: PostSummary[] }>(`${API.popularPosts}?window=week`);
    expect(week.items.map((p) => p.slug)).toEqual(['post-1', 'post-3', 'post-2']);
    week.items.forEach(expectSummary);
    const month = await get<{ items: PostSummary[] }>(`${API.popularPosts}?window=month&limit=10`);
    expect(month.items.map((p) => p.slug)).toContain('post-4');
    const all = await get<{ items: PostSummary[] }>(`${API.popularPosts}?window=all&limit=50`);
    expect(all.items).toHaveLength(24);
  });

  it(`${API.post(':slug')} returns the full post`, async () => {
    const post = await get<Post>(API.post('post-3'));
    expect(post).toMatchObject({
      slug: 'post-3',
      reactionCount: 6,
      commentCount: 2,
      images: ['/media/a.svg'],
      author: { id: 'u_bo', handle: 'bo', followerCount: 2, postCount: 2, headline: expect.any(String) },
      series: { slug: 'intro-to-queues', part: 2, partCount: 2 },
      seriesDetail: { slug: 'intro-to-queues', parts: [{ part: 1 }, { part: 2 }] },
    });
    expect(validateDoc(post.content).ok).toBe(true);
    expect((await get<Post>(API.post('post-1'))).seriesDetail).toBeNull();
  });

  it(`${API.popularTags}, ${API.tag(':slug')} and ${API.tagPosts(':slug')}`, async () => {
    const popular = await get<{ items: TagSummary[] }>(`${API.popularTags}?limit=2`);
    expect(popular.items).toHaveLength(2);
    expect(popular.items[0]).toEqual({
      slug: 'queues',
      name: 'Queues',
      description: expect.any(String),
      postCount: 3,
      followerCount: 1,
    });
    expect(await get<TagSummary>(API.tag('raft'))).toMatchObject({ postCount: 6, followerCount: 2 });
    const posts = await get<Page<PostSummary>>(`${API.tagPosts('raft')}?limit=4`);
    expect(posts.items).toHaveLength(4);
    expect(posts.items.every((p) => p.tags.includes('raft'))).toBe(true);
    expect(posts.nextCursor).toEqual(expect.any(String));
  });

  it(`${API.popularAuthors}, ${API.authorByHandle(':handle')}, ${API.authorById(':id')}, ${API.authorPosts(':id')}`, async () => {
    const popular = await get<{ items: Author[] }>(API.popularAuthors);
    expect(popular.items[0]?.handle).toBe('bo');
    expect(Object.keys(popular.items[0]!).sort()).toEqual(
      ['id', 'handle', 'displayName', 'avatarUrl', 'headline', 'joinedAt', 'followerCount', 'postCount'].sort(),
    );
    const byHandle = await get<Author>(API.authorByHandle('ana'));
    expect(byHandle).toMatchObject({
      id: 'u_ana',
      website: 'https://example.com',
      github: 'ana',
      supportUrl: null,
      location: 'Testville',
      bio: expect.any(String),
      followerCount: 1,
      followingCount: 1,
      postCount: 16,
      commentCount: 1,
    });
    expect(await get<Author>(API.authorById('u_ana'))).toEqual(byHandle);
    const posts = await get<Page<PostSummary>>(API.authorPosts('u_cy'));
    expect(posts.items.map((p) => p.author.id)).toEqual(Array(6).fill('u_cy'));
    expect(posts.nextCursor).toBeNull();
  });

  it(`${API.series(':slug')}`, async () => {
    expect(await get<Series>(API.series('intro-to-queues'))).toEqual({
      id: 's_intro',
      slug: 'intro-to-queues',
      title: 'Intro to queues',
      description: 'Two parts.',
      author: { id: 'u_bo', handle: 'bo', displayName: 'Bo' },
      parts: [
        { part: 1, slug: 'post-2', title: 'Post 2', publishedAt: expect.any(String) },
        { part: 2, slug: 'post-3', title: 'Post 3', publishedAt: expect.any(String) },
      ],
    });
  });
});

type ApiErrorBody = { error: string; message: string };

describe('errors are JSON with a code and a helpful message', () => {
  it.each([
    API.post('no-such-post'),
    API.tag('no-such-tag'),
    API.tagPosts('no-such-tag'),
    API.authorByHandle('nobody'),
    API.authorById('u_nobody'),
    API.authorPosts('u_nobody'),
    API.series('no-such-series'),
    '/api/unknown',
    '/api/posts/a/b/c',
  ])('404 for %s', async (path) => {
    const body = await get<ApiErrorBody>(path, 404);
    expect(body.error).toBe('not_found');
    expect(body.message.length).toBeGreaterThan(10);
  });

  it('404 JSON for other methods on /api', async () => {
    const res = await app.request(API.latest, { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it.each([
    [`${API.latest}?limit=0`, /limit must be at least 1/],
    [`${API.latest}?limit=51`, /limit must be at most 50/],
    [`${API.latest}?limit=ten`, /limit must be a whole number/],
    [`${API.latest}?limit=-1`, /limit/],
    [`${API.popularPosts}?window=year`, /window must be week, month or all/],
    [`${API.latest}?cursor=garbage`, /cursor is not valid/],
    [`${API.latest}?cursor=${'a'.repeat(201)}`, /cursor is not valid/],
    [`${API.tagPosts('raft')}?cursor=${Buffer.from('x|y').toString('base64url')}`, /cursor/],
    [API.post('Not_A_Slug'), /post slug/],
    [API.post('a'.repeat(81)), /too long/],
    [API.tag('UPPER'), /tag slug/],
    [API.series('-bad-'), /series slug/],
    [API.authorById('bad id!'), /author id/],
    [API.authorByHandle('bad handle'), /author handle/],
    [`${API.popularTags}?limit=1000`, /limit/],
    [`${API.popularAuthors}?limit=1.5`, /limit/],
  ])('400 for %s', async (path, message) => {
    const body = await get<ApiErrorBody>(path, 400);
    expect(body.error).toBe('bad_request');
    expect(body.message).toMatch(message);
  });

  it('500 for unexpected failures, with no stack trace in the body, logged', async () => {
    const failing = createApp({
      store: {
        ...store,
        listPosts: () => Promise.reject(new Error('disk on fire at /secret/path')),
      } as Store,
      config: { dataDir: '/nonexistent', clientDir: '/nonexistent' },
      logger: pino({ level: 'error' }, { write: (line: string) => logged.push(JSON.parse(line)) }),
    });
    const res = await failing.request(API.latest);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal', message: expect.any(String) });
    expect(text).not.toMatch(/disk on fire|secret|at .*\.ts/);
    expect(JSON.stringify(logged)).toContain('disk on fire');
  });

  it('API responses are not cached by HTTP caches and are nosniff', async () => {
    const res = await app.request(API.latest);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
