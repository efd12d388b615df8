/** Reads the seeded catalog through the public API, so tests pick real posts instead of hard-coding them. */
import type { APIRequestContext } from '@playwright/test';
import { PAGE_LIMIT } from '../../../shared/src/model/api-routes.ts';
import type { Author, Page, Post, PostSummary } from '../../../shared/src/model/index.ts';

/** Handles of users the specs sign up (see sign-up.ts): their posts are not the seeded catalog. */
const isSpecAuthor = (post: PostSummary) => post.author.handle.startsWith('e2e_');

/**
 * The newest posts of the seeded catalog. Specs also publish posts (drafts, series co-authors) into the
 * same server; those are left out, so a spec that needs tags, images or a long body gets a seeded post.
 */
export async function latestPosts(request: APIRequestContext, limit = 50): Promise<PostSummary[]> {
  const res = await request.get(`/api/posts?limit=${Math.min(PAGE_LIMIT.max, limit + 30)}`);
  if (!res.ok()) throw new Error(`latest feed failed: ${res.status()}`);
  return ((await res.json()) as Page<PostSummary>).items.filter((post) => !isSpecAuthor(post)).slice(0, limit);
}

/** The newest post of the seeded catalog. */
export async function newestPost(request: APIRequestContext): Promise<PostSummary> {
  const [post] = await latestPosts(request, 1);
  if (!post) throw new Error('the seeded catalog is empty');
  return post;
}

export async function fullPost(request: APIRequestContext, slug: string): Promise<Post> {
  const res = await request.get(`/api/posts/${slug}`);
  if (!res.ok()) throw new Error(`post ${slug} failed: ${res.status()}`);
  return (await res.json()) as Post;
}

export async function authorByHandle(request: APIRequestContext, handle: string): Promise<Author> {
  const res = await request.get(`/api/authors/by-handle/${handle}`);
  if (!res.ok()) throw new Error(`author ${handle} failed: ${res.status()}`);
  return (await res.json()) as Author;
}

/** The first paragraph's text of a post, to check that the body (not just the title) is on screen. */
export function firstParagraph(post: Post): string {
  for (const block of post.content.content) {
    if (block.type !== 'paragraph' || !block.content) continue;
    const text = block.content.map((n) => (n.type === 'text' ? n.text : '')).join('');
    if (text.trim().length > 20) return text;
  }
  throw new Error(`post ${post.slug} has no paragraph`);
}
