/**
 * The HTTP API's routes and query schemas, shared so the server validates and the client builds
 * requests from one definition.
 */
import * as v from 'valibot';
import { POPULAR_WINDOWS } from './catalog.ts';
import { SLUG_MAX, SLUG_PATTERN } from './slug.ts';

export const API = {
  latest: '/api/posts', // ?cursor&limit → Page<PostSummary>
  popularPosts: '/api/posts/popular', // ?window&limit → { items: PostSummary[] }
  post: (slug: string) => `/api/posts/${encodeURIComponent(slug)}`, // → Post
  popularTags: '/api/tags/popular', // ?limit → { items: TagSummary[] }
  tag: (slug: string) => `/api/tags/${encodeURIComponent(slug)}`, // → TagSummary
  tagPosts: (slug: string) => `/api/tags/${encodeURIComponent(slug)}/posts`, // ?cursor&limit → Page<PostSummary>
  popularAuthors: '/api/authors/popular', // ?limit → { items: AuthorSummary[] }
  authorByHandle: (handle: string) => `/api/authors/by-handle/${encodeURIComponent(handle)}`, // → Author
  authorById: (id: string) => `/api/authors/${encodeURIComponent(id)}`, // → Author
  authorPosts: (id: string) => `/api/authors/${encodeURIComponent(id)}/posts`, // ?cursor&limit → Page<PostSummary>
  series: (slug: string) => `/api/series/${encodeURIComponent(slug)}`, // → Series
} as const;

export const PAGE_LIMIT = { default: 20, max: 50 } as const;

const Limit = v.optional(
  v.pipe(
    v.string(),
    v.regex(/^\d{1,3}$/, 'limit must be a whole number.'),
    v.transform(Number),
    v.minValue(1, 'limit must be at least 1.'),
    v.maxValue(PAGE_LIMIT.max, `limit must be at most ${PAGE_LIMIT.max}.`),
  ),
  String(PAGE_LIMIT.default),
);

/** Cursors are opaque to clients; the server decides their content. */
const Cursor = v.optional(v.pipe(v.string(), v.maxLength(200, 'cursor is not valid.')));

export const PageQuery = v.object({ cursor: Cursor, limit: Limit });
export const PopularQuery = v.object({
  window: v.optional(v.picklist(POPULAR_WINDOWS, 'window must be week, month or all.'), 'week'),
  limit: Limit,
});
export const LimitQuery = v.object({ limit: Limit });

export const SlugParam = v.pipe(
  v.string(),
  v.maxLength(SLUG_MAX, 'That address is too long.'),
  v.regex(SLUG_PATTERN, 'That is not a valid address.'),
);
export const IdParam = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'That is not a valid id.'));
export const HandleParam = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,30}$/, 'That is not a valid handle.'));
