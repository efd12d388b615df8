/** A small in-memory API for store tests: a fetch that answers the shared API routes from fixtures. */
import { ACCOUNT_API } from '../../../shared/src/model/account-api.ts';
import { API } from '../../../shared/src/model/api.ts';
import type { Author, Post, PostSummary, Series, TagSummary } from '../../../shared/src/model/catalog.ts';
import { type ApiClient, createApiClient } from './api-client.ts';

export const author: Author = {
  id: 'a1',
  handle: 'ana',
  displayName: 'Ana Okafor',
  headline: 'Storage engineer',
  joinedAt: '2023-03-14T00:00:00.000Z',
  followerCount: 10,
  postCount: 3,
  website: 'https://ana.example',
  github: 'ana',
  supportUrl: null,
  location: 'Lagos',
  bio: 'Writes about replication.',
  followingCount: 2,
  commentCount: 4,
};

export function makePost(n: number, extra: Partial<Post> = {}): Post {
  return {
    id: `p${n}`,
    slug: `post-${n}`,
    title: `Post ${n}`,
    excerpt: `Excerpt ${n}`,
    author,
    tags: ['caching'],
    publishedAt: `2024-01-${String(10 + n).padStart(2, '0')}T10:00:00.000Z`,
    updatedAt: `2024-01-${String(10 + n).padStart(2, '0')}T10:00:00.000Z`,
    readingMinutes: 3,
    reactionCount: n,
    commentCount: 0,
    series: null,
    images: [`/media/img-${n}.png`, '/media/shared.png'],
    content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Body ${n}` }] }] },
    seriesDetail: null,
    ...extra,
  };
}

export const summary = (post: Post): PostSummary => {
  const { content: _content, seriesDetail: _series, ...rest } = post;
  return { ...rest, author: { id: post.author.id, handle: post.author.handle, displayName: post.author.displayName } };
};

export const tag: TagSummary = {
  slug: 'caching',
  name: 'caching',
  description: 'Caches',
  postCount: 3,
  followerCount: 1,
};

export type FakeServer = {
  posts: Post[];
  series: Series[];
  offline: boolean;
  /** Answer every request with a 500 and a JSON error body. */
  failing: boolean;
  requests: string[];
  pageSize: number;
  client: ApiClient;
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeServer(posts: Post[] = [1, 2, 3].map((n) => makePost(n))): FakeServer {
  const server: FakeServer = {
    posts,
    series: [],
    offline: false,
    failing: false,
    requests: [],
    pageSize: 2,
    client: undefined as never,
  };
  const page = (items: Post[], cursor: string | null) => {
    const start = cursor ? Number(cursor) : 0;
    const end = start + server.pageSize;
    return { items: items.slice(start, end).map(summary), nextCursor: end < items.length ? String(end) : null };
  };
  const fetcher = async (input: string) => {
    if (server.offline) throw new TypeError('Failed to fetch');
    const url = new URL(input, 'http://test.local');
    server.requests.push(url.pathname + url.search);
    const path = url.pathname;
    if (server.failing) return json(500, { error: 'internal', message: 'The database is resting.' });
    const cursor = url.searchParams.get('cursor');
    const sorted = [...server.posts].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
    if (path === API.latest || path === ACCOUNT_API.feed) return json(200, page(sorted, cursor));
    if (path === API.popularPosts) return json(200, { items: sorted.slice(0, 2).map(summary) });
    if (path === API.popularTags) return json(200, { items: [tag] });
    if (path === API.popularAuthors) return json(200, { items: [author] });
    if (path === API.tag(tag.slug)) return json(200, tag);
    if (path === API.tagPosts(tag.slug)) return json(200, page(sorted, cursor));
    if (path === API.authorById(author.id) || path === API.authorByHandle(author.handle)) return json(200, author);
    if (path === API.authorPosts(author.id)) return json(200, page(sorted, cursor));
    for (const post of server.posts) if (path === API.post(post.slug)) return json(200, post);
    for (const s of server.series) if (path === API.series(s.slug)) return json(200, s);
    return json(404, { error: 'not_found', message: 'Nothing here.' });
  };
  server.client = createApiClient({ fetch: fetcher, base: 'http://test.local' });
  return server;
}

let dbCounter = 0;
export const uniqueDbName = () => `sdp-test-${Date.now()}-${dbCounter++}`;

/** Polls until `check` stops throwing (liveQuery delivers asynchronously). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 2000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
