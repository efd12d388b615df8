/** Reactions on posts: set or clear one kind (idempotent per op id), counts, and who reacted. */
import type { Page } from '../../../shared/src/model/catalog.ts';
import type { ReactionKind, ReactionResult, ReactionSummary, Reactor } from '../../../shared/src/model/social-api.ts';
import { readListCursor, toListPage } from '../catalog/cursor.ts';
import { NotFoundError } from '../errors.ts';
import type { Store } from '../storage/store.ts';
import { requestKey, type WriteOp, type Written, writeOnce } from './write-once.ts';

export type Reactions = ReturnType<typeof createReactions>;

const noPost = (postId: string) =>
  `There is no post with id "${postId}". It may have been removed; reload the page to see what is there now.`;

export function createReactions({ store, onChange }: { store: Store; onChange?: () => void }) {
  async function requirePost(postId: string): Promise<void> {
    if (!(await store.getPostRef(postId))) throw new NotFoundError(noPost(postId));
  }

  return {
    async set(op: WriteOp, postId: string, kind: ReactionKind, on: boolean): Promise<Written<ReactionResult>> {
      const request = requestKey('reaction', { postId, kind, on });
      const written = await writeOnce(store, op, request, noPost(postId), (record) =>
        store.setReaction(record, { postId, kind, on }),
      );
      if (!written.replayed) onChange?.();
      return written;
    },

    async summary(postId: string, viewerId: string | null): Promise<ReactionSummary> {
      await requirePost(postId);
      const [counts, mine] = await Promise.all([
        store.reactionCounts(postId),
        viewerId ? store.myReactions(postId, viewerId) : Promise.resolve([]),
      ]);
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
      return { postId, counts, total, mine };
    },

    async reactors(
      postId: string,
      kind: ReactionKind,
      request: { cursor?: string | undefined; limit: number },
    ): Promise<Page<Reactor>> {
      await requirePost(postId);
      const after = readListCursor(request.cursor);
      const rows = await store.listReactors(postId, kind, { after, limit: request.limit + 1 });
      return toListPage(rows, request.limit, (row) => row.reactedAt);
    },
  };
}
