import { describe, expect, it } from 'vitest';
import type { AuthorSummary, PostSummary, TagSummary } from '../../../shared/src/model/catalog.ts';
import { authorScore, postScore, rankAuthors, rankPosts, rankTags, tagScore, windowStart } from './popularity.ts';

const NOW = new Date('2025-06-01T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

function post(id: string, ageHours: number, reactionCount = 0, commentCount = 0): PostSummary {
  return {
    id,
    slug: id,
    title: id,
    excerpt: '',
    author: { id: 'u', handle: 'u', displayName: 'U' },
    tags: [],
    publishedAt: hoursAgo(ageHours),
    updatedAt: hoursAgo(ageHours),
    readingMinutes: 1,
    reactionCount,
    commentCount,
    series: null,
    images: [],
  };
}
const ids = (posts: PostSummary[]) => posts.map((p) => p.id);

describe('post popularity', () => {
  it('ranks a newer post above an older one with equal engagement', () => {
    for (const window of ['week', 'month', 'all'] as const) {
      expect(ids(rankPosts([post('old', 48, 5, 1), post('new', 5, 5, 1)], window, NOW, 10))).toEqual(['new', 'old']);
    }
  });

  it('lets clearly more engagement beat a moderate age difference', () => {
    const ranked = rankPosts([post('fresh-quiet', 2), post('day-old-busy', 26, 12, 3)], 'week', NOW, 10);
    expect(ids(ranked)).toEqual(['day-old-busy', 'fresh-quiet']);
  });

  it('does not let a little engagement beat a large age difference', () => {
    const ranked = rankPosts([post('fresh', 1, 1), post('five-days', 120, 3)], 'week', NOW, 10);
    expect(ids(ranked)).toEqual(['fresh', 'five-days']);
  });

  it('excludes posts published before the window starts', () => {
    const posts = [post('in-week', 24 * 6), post('in-month', 24 * 20, 100, 50), post('ancient', 24 * 400, 500)];
    expect(ids(rankPosts(posts, 'week', NOW, 10))).toEqual(['in-week']);
    expect(ids(rankPosts(posts, 'month', NOW, 10)).sort()).toEqual(['in-month', 'in-week']);
    expect(ids(rankPosts(posts, 'all', NOW, 10))).toHaveLength(3);
  });

  it('decays more slowly in longer windows, so a strong old post can stay on top', () => {
    const posts = [post('strong-old', 24 * 25, 40, 10), post('weak-new', 24, 2)];
    expect(ids(rankPosts(posts, 'month', NOW, 10))).toEqual(['strong-old', 'weak-new']);
    expect(postScore(posts[0]!, 'all', NOW)).toBeGreaterThan(postScore(posts[0]!, 'month', NOW));
  });

  it('counts a comment twice as much as a reaction', () => {
    expect(postScore(post('a', 10, 0, 1), 'week', NOW)).toBeCloseTo(postScore(post('b', 10, 2, 0), 'week', NOW));
  });

  it('treats future-dated posts as brand new rather than rewarding them', () => {
    expect(postScore(post('future', -10), 'week', NOW)).toBe(postScore(post('now', 0), 'week', NOW));
  });

  it('breaks score ties by newest, then id, and respects the limit', () => {
    const tied = [post('b', 10), post('a', 10), post('c', 10)];
    expect(ids(rankPosts(tied, 'week', NOW, 2))).toEqual(['c', 'b']);
  });

  it('gives week and month windows a start and "all" none', () => {
    expect(windowStart('week', NOW)?.toISOString()).toBe(hoursAgo(24 * 7));
    expect(windowStart('month', NOW)?.toISOString()).toBe(hoursAgo(24 * 30));
    expect(windowStart('all', NOW)).toBeNull();
  });
});

describe('tag and author popularity', () => {
  const tag = (slug: string, followerCount: number, postCount = 1): TagSummary => ({
    slug,
    name: slug,
    description: '',
    postCount,
    followerCount,
  });
  const author = (handle: string, followerCount: number): AuthorSummary => ({
    id: handle,
    handle,
    displayName: handle,
    headline: '',
    joinedAt: NOW.toISOString(),
    followerCount,
    postCount: 1,
  });

  it('scores tags by followers and recent posts', () => {
    expect(tagScore({ followerCount: 2 }, 3)).toBe(11);
    const ranked = rankTags(
      [
        { tag: tag('followed', 5), recentPostCount: 0 },
        { tag: tag('active', 1), recentPostCount: 3 },
        { tag: tag('quiet', 0), recentPostCount: 0 },
      ],
      10,
    );
    expect(ranked.map((t) => t.slug)).toEqual(['active', 'followed', 'quiet']);
  });

  it('scores authors by followers, new followers and recent engagement', () => {
    const entry = (handle: string, followers: number, reactions: number, comments: number, newFollowers = 0) => ({
      author: author(handle, followers),
      recentReactions: reactions,
      recentComments: comments,
      recentFollowers: newFollowers,
    });
    expect(authorScore(entry('x', 2, 3, 1))).toBe(9);
    expect(authorScore(entry('x', 2, 3, 1, 2))).toBe(15);
    const ranked = rankAuthors(
      [entry('followed', 4, 0, 0), entry('read', 1, 10, 2), entry('new', 0, 0, 0), entry('rising', 2, 0, 0, 2)],
      3,
    );
    // read 16, rising 4 + 6 = 10, followed 8, new 0
    expect(ranked.map((a) => a.handle)).toEqual(['read', 'rising', 'followed']);
  });
});
