/**
 * How "popular" is decided. Pure functions, so the ranking can be read, tested and tuned in one place.
 *
 * Posts — a time-decayed engagement score (the Hacker News family of formulas):
 *
 *     engagement = 1 + reactions + 2 × comments
 *     score      = engagement / (1 + ageHours / τ)^1.5
 *
 *   A comment counts twice a reaction because it costs the reader more. The `1 +` lets a brand-new post
 *   with no engagement yet still rank by freshness. τ (the settling time) depends on the window:
 *   24 h for `week`, 72 h for `month`, 720 h for `all`. A post τ old keeps about 35 % of its weight, so
 *   "popular this month" is not simply "newest this month", and "all time" lets strong old posts stay.
 *   Posts published before the window starts are excluded outright. Ties: newer first, then id.
 *
 * Tags and authors use the same windows: "recent" below means since the window's start (all time for `all`);
 * the window is their recency, as the settling time is for posts.
 *
 * Tags — where people are writing now and who cares:   score = followers + 3 × postsInWindow
 * Authors — who is followed and read now:
 *
 *     score = 2 × followers + 3 × newFollowersInWindow + reactions + 2 × comments
 *
 *   reactions and comments are those received on their posts in the window, not counting their own (an
 *   author answering under their post is not engagement from readers), nor deleted or hidden comments.
 *   A new follower counts on top of being a follower, so someone being discovered this week rises.
 *
 * Results are cached per window and limit for a short while (popular-cache.ts); reactions, comments,
 * hides, deletes and follows invalidate the cache.
 */
import type { AuthorSummary, PopularWindow, PostSummary, TagSummary } from '../../../shared/src/model/catalog.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
export const DECAY_EXPONENT = 1.5;

export const WINDOWS: Record<PopularWindow, { spanMs: number | null; settlingHours: number }> = {
  week: { spanMs: 7 * DAY_MS, settlingHours: 24 },
  month: { spanMs: 30 * DAY_MS, settlingHours: 72 },
  all: { spanMs: null, settlingHours: 720 },
};

/** The earliest publish time a window admits, or null for no limit. */
export function windowStart(window: PopularWindow, now: Date): Date | null {
  const { spanMs } = WINDOWS[window];
  return spanMs === null ? null : new Date(now.getTime() - spanMs);
}

export type Engagement = { reactionCount: number; commentCount: number; publishedAt: string };

export function postScore(post: Engagement, window: PopularWindow, now: Date): number {
  // A clock skew or a scheduled post must not divide by something below 1 or reward the future.
  const ageHours = Math.max(0, (now.getTime() - Date.parse(post.publishedAt)) / HOUR_MS);
  const engagement = 1 + post.reactionCount + 2 * post.commentCount;
  return engagement / (1 + ageHours / WINDOWS[window].settlingHours) ** DECAY_EXPONENT;
}

const byNewest = (a: { publishedAt: string; id: string }, b: { publishedAt: string; id: string }) =>
  a.publishedAt === b.publishedAt ? (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) : a.publishedAt < b.publishedAt ? 1 : -1;

/** The `limit` most popular posts of a window, best first. */
export function rankPosts<T extends PostSummary>(
  posts: readonly T[],
  window: PopularWindow,
  now: Date,
  limit: number,
): T[] {
  const start = windowStart(window, now)?.getTime() ?? Number.NEGATIVE_INFINITY;
  return posts
    .filter((post) => Date.parse(post.publishedAt) >= start)
    .map((post) => ({ post, score: postScore(post, window, now) }))
    .sort((a, b) => b.score - a.score || byNewest(a.post, b.post))
    .slice(0, limit)
    .map(({ post }) => post);
}

export const tagScore = (tag: { followerCount: number }, recentPostCount: number) =>
  tag.followerCount + 3 * recentPostCount;

export function rankTags(tags: readonly { tag: TagSummary; recentPostCount: number }[], limit: number): TagSummary[] {
  return tags
    .map(({ tag, recentPostCount }) => ({ tag, score: tagScore(tag, recentPostCount) }))
    .sort((a, b) => b.score - a.score || b.tag.postCount - a.tag.postCount || a.tag.slug.localeCompare(b.tag.slug))
    .slice(0, limit)
    .map(({ tag }) => tag);
}

export type AuthorEngagement = {
  author: AuthorSummary;
  recentReactions: number;
  recentComments: number;
  recentFollowers: number;
};

export const authorScore = ({ author, recentReactions, recentComments, recentFollowers }: AuthorEngagement) =>
  2 * author.followerCount + 3 * recentFollowers + recentReactions + 2 * recentComments;

export function rankAuthors(authors: readonly AuthorEngagement[], limit: number): AuthorSummary[] {
  return authors
    .map((entry) => ({ author: entry.author, score: authorScore(entry) }))
    .sort(
      (a, b) =>
        b.score - a.score || b.author.postCount - a.author.postCount || a.author.handle.localeCompare(b.author.handle),
    )
    .slice(0, limit)
    .map(({ author }) => author);
}
