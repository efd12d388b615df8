/**
 * The HTTP API's paths. Kept apart from the query schemas (api.ts) so the reader's bundle gets the paths
 * without the schema library.
 */
export const API = {
  latest: '/api/posts', // ?cursor&limit → Page<PostSummary>
  popularPosts: '/api/posts/popular', // ?window&limit → { items: PostSummary[] }
  post: (slug: string) => `/api/posts/${encodeURIComponent(slug)}`, // → Post
  popularTags: '/api/tags/popular', // ?window&limit → { items: TagSummary[] }
  tag: (slug: string) => `/api/tags/${encodeURIComponent(slug)}`, // → TagSummary
  tagPosts: (slug: string) => `/api/tags/${encodeURIComponent(slug)}/posts`, // ?cursor&limit → Page<PostSummary>
  popularAuthors: '/api/authors/popular', // ?window&limit → { items: AuthorSummary[] }
  authorByHandle: (handle: string) => `/api/authors/by-handle/${encodeURIComponent(handle)}`, // → Author
  authorById: (id: string) => `/api/authors/${encodeURIComponent(id)}`, // → Author
  authorPosts: (id: string) => `/api/authors/${encodeURIComponent(id)}/posts`, // ?cursor&limit → Page<PostSummary>
  series: (slug: string) => `/api/series/${encodeURIComponent(slug)}`, // → Series
} as const;

export const PAGE_LIMIT = { default: 20, max: 50 } as const;
