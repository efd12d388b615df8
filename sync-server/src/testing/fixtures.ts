/**
 * A small, hand-written catalog for tests, and a throwaway SQLite store in os.tmpdir().
 * Times are relative to NOW so rankings and windows are predictable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocNode } from '../../../shared/src/model/content.ts';
import { openSqliteStore } from '../storage/sqlite/sqlite-store.ts';
import type { CatalogImport, PostRecord, Store, UserRecord } from '../storage/store.ts';

export const NOW = new Date('2025-06-01T12:00:00.000Z');
const HOUR = 3_600_000;
export const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * HOUR).toISOString();

export function tempDir(prefix = 'sysdespro-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function tempStore(): { store: Store; dir: string; cleanup(): Promise<void> } {
  const { dir, remove } = tempDir();
  const store = openSqliteStore({ dataDir: dir });
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      remove();
    },
  };
}

const user = (id: string, handle: string, displayName: string): UserRecord => ({
  id,
  handle,
  displayName,
  headline: `${displayName} writes about systems`,
  bio: `${displayName} is a test author.`,
  website: 'https://example.com',
  github: handle,
  supportUrl: null,
  location: 'Testville',
  joinedAt: '2024-01-01T00:00:00.000Z',
});

export const docWithImage: DocNode = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Hello world.' }] },
    { type: 'image', attrs: { src: '/media/a.svg', alt: 'A', title: null } },
  ],
};

const post = (
  n: number,
  authorId: string,
  publishedAt: string,
  tags: string[],
  extra: Partial<PostRecord> = {},
): PostRecord => ({
  id: `p_${String(n).padStart(3, '0')}`,
  slug: `post-${n}`,
  title: `Post ${n}`,
  excerpt: `Excerpt ${n}`,
  authorId,
  seriesId: null,
  seriesPart: null,
  tags,
  contentJson: JSON.stringify(docWithImage),
  images: ['/media/a.svg'],
  readingMinutes: 3,
  publishedAt,
  updatedAt: publishedAt,
  ...extra,
});

/**
 * Three authors, three tags, one two-part series, 24 posts. Posts 20–24 share one timestamp to test
 * pagination ties. Post 1 is the freshest; post 3 is older but far more engaged.
 */
export function fixtureCatalog(): CatalogImport {
  const users = [user('u_ana', 'ana', 'Ana'), user('u_bo', 'bo', 'Bo'), user('u_cy', 'cy', 'Cy')];
  const posts: PostRecord[] = [
    post(1, 'u_ana', hoursAgo(2), ['caching', 'queues']),
    post(2, 'u_bo', hoursAgo(30), ['queues'], { seriesId: 's_intro', seriesPart: 1 }),
    post(3, 'u_bo', hoursAgo(60), ['queues'], { seriesId: 's_intro', seriesPart: 2 }),
    post(4, 'u_cy', hoursAgo(24 * 20), ['raft']),
  ];
  for (let n = 5; n < 20; n++) posts.push(post(n, 'u_ana', hoursAgo(24 * 40 + n), ['caching']));
  for (let n = 20; n < 25; n++) posts.push(post(n, 'u_cy', hoursAgo(24 * 50), ['raft']));

  const reactions: CatalogImport['reactions'] = [];
  for (const userId of ['u_ana', 'u_cy']) {
    for (const kind of ['like', 'insightful', 'bookmark'] as const) {
      reactions.push({ postId: 'p_003', userId, kind, createdAt: hoursAgo(50) });
    }
  }
  reactions.push({ postId: 'p_001', userId: 'u_bo', kind: 'like', createdAt: hoursAgo(1) });

  return {
    users,
    tags: [
      { slug: 'caching', name: 'Caching', description: 'Copies closer to readers.' },
      { slug: 'queues', name: 'Queues', description: 'Work, later.' },
      { slug: 'raft', name: 'Raft', description: 'Consensus.' },
    ],
    series: [
      { id: 's_intro', slug: 'intro-to-queues', title: 'Intro to queues', description: 'Two parts.', authorId: 'u_bo' },
    ],
    posts,
    follows: [
      { followerId: 'u_ana', authorId: 'u_bo', createdAt: hoursAgo(100) },
      { followerId: 'u_cy', authorId: 'u_bo', createdAt: hoursAgo(100) },
      { followerId: 'u_bo', authorId: 'u_ana', createdAt: hoursAgo(100) },
    ],
    tagFollows: [
      { userId: 'u_ana', tagSlug: 'raft', createdAt: hoursAgo(100) },
      { userId: 'u_bo', tagSlug: 'raft', createdAt: hoursAgo(100) },
      { userId: 'u_cy', tagSlug: 'queues', createdAt: hoursAgo(100) },
    ],
    reactions,
    comments: [
      { id: 'c_1', postId: 'p_003', userId: 'u_ana', body: 'Great.', createdAt: hoursAgo(40) },
      { id: 'c_2', postId: 'p_003', userId: 'u_cy', body: 'Thanks.', createdAt: hoursAgo(39) },
      { id: 'c_3', postId: 'p_001', userId: 'u_cy', body: 'Nice.', createdAt: hoursAgo(1) },
    ],
  };
}
