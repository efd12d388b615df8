/**
 * Reactions and comments of one post as signals: the kept server answer with the signed-in user's waiting
 * changes laid over it, refreshed from the server (stale-while-revalidate, so a thread seen once reads
 * offline). Loaded with the post page's social section, after the post itself has painted.
 */
import type { Accessor } from 'solid-js';
import { coauthors } from '../store/coauthors.ts';
import { comments } from '../store/comments.ts';
import { reactions } from '../store/reactions.ts';
import { useViewed } from './viewed.ts';

export type { CommentItem, CommentListView } from '../store/comments.ts';
export type { ReactionStatus } from '../store/reactions.ts';

/** Registers the `reaction`, `comment` and `coauthor` outbox kinds, so waiting changes are sent from any page. */
export function startSocial(): void {
  reactions();
  comments();
  coauthors();
}

export const useReactions = (postId: Accessor<string | undefined>) => useViewed(postId, reactions());
export const useComments = (postId: Accessor<string | undefined>) => useViewed(postId, comments());
