/**
 * A kept post's reaction and comment counts (the post header and its cards) brought up to date from a
 * fresher answer about the post: the reaction summary or the comment thread, fetched after the user's
 * change was confirmed or when the post page opened.
 */
import type { PostSummary } from '../../../shared/src/model/catalog.ts';
import type { SdpDb, StoredPost } from './db.ts';

export type PostCounts = Partial<Pick<PostSummary, 'reactionCount' | 'commentCount'>>;

/** The post with `counts`, or null when it has them already. Pure. */
export function withCounts(post: StoredPost, counts: PostCounts): StoredPost | null {
  const given = Object.entries(counts).filter(([, value]) => value !== undefined);
  const changed = given.some(([name, value]) => post[name as keyof PostCounts] !== value);
  return changed ? { ...post, ...Object.fromEntries(given) } : null;
}

/** Writes only when a count differs, so an unchanged answer re-renders nothing. Posts not kept are left alone. */
export async function keepPostCounts(database: SdpDb, postId: string, counts: PostCounts): Promise<void> {
  const kept = await database.read(['posts'], (tx) => tx.objectStore('posts').index('id').get(postId));
  if (!kept || !withCounts(kept, counts)) return;
  await database.write(['posts'], async (tx) => {
    const posts = tx.objectStore('posts');
    const post = await posts.index('id').get(postId);
    const next = post && withCounts(post, counts);
    if (next) await posts.put(next);
  });
}
