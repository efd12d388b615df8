/**
 * Reactions and comments of one post as signals: the kept server answer with the signed-in user's waiting
 * changes laid over it, refreshed from the server (stale-while-revalidate, so a thread seen once reads
 * offline). Loaded with the post page's social section, after the post itself has painted.
 */
import type { Accessor } from 'solid-js';
import type { LiveRead } from '../store/changes.ts';
import { comments } from '../store/comments.ts';
import { reactions } from '../store/reactions.ts';
import { currentUser } from './session.ts';
import { createSwr } from './swr.ts';

export type { CommentItem, CommentListView } from '../store/comments.ts';
export type { ReactionStatus } from '../store/reactions.ts';

/** Registers the `reaction` and `comment` outbox kinds, so waiting changes are sent from any page. */
export function startSocial(): void {
  reactions();
  comments();
}

type Viewed = { postId: string; userId: string | null };
/** The post and viewer as one comparable key: a different viewer lays different changes over the answer. */
const viewedKey = (postId: Accessor<string | undefined>) => () => {
  const id = postId();
  const user = currentUser();
  return id && user !== undefined ? `${id} ${user?.id ?? ''}` : undefined;
};
const parse = (key: string): Viewed => {
  const [postId = '', userId = ''] = key.split(' ');
  return { postId, userId: userId || null };
};

/** A post's kept answer with the viewer's waiting changes over it, from `source` (reactions or comments). */
function usePostView<T>(
  postId: Accessor<string | undefined>,
  source: {
    live(postId: string, userId: string | null): LiveRead<T | undefined>;
    refresh(postId: string, userId: string | null): Promise<unknown>;
  },
) {
  return createSwr(
    viewedKey(postId),
    (key) => {
      const { postId, userId } = parse(key);
      return source.live(postId, userId);
    },
    (key) => {
      const { postId, userId } = parse(key);
      return source.refresh(postId, userId);
    },
  );
}

export const useReactions = (postId: Accessor<string | undefined>) => usePostView(postId, reactions());
export const useComments = (postId: Accessor<string | undefined>) => usePostView(postId, comments());
