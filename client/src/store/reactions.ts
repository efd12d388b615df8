/**
 * Reactions on this device: the server's summary of a post (kept in `answers`) with the user's waiting
 * changes laid over it. Each toggle is an outbox entry of kind `reaction`, sent idempotently; once the
 * server answered, the post's summary is fetched again.
 */
import type { ReactionKind, ReactionResult, ReactionSummary } from '../../../shared/src/model/social-api.ts';
import { SOCIAL_API } from '../../../shared/src/model/social-api.ts';
import { keepAnswer, liveAnswerWithOutbox, readAnswer } from './answers.ts';
import { type ApiClient, api } from './api-client.ts';
import type { LiveRead } from './changes.ts';
import { db, type SdpDb } from './db.ts';
import { type Outbox, type OutboxKind, outbox } from './outbox.ts';
import { keepPostCounts } from './post-counts.ts';
import {
  REACTION_KIND,
  type ReactionChange,
  type ReactionStatus,
  reactionView,
  withReactionResult,
} from './reaction-view.ts';

export type { ReactionStatus } from './reaction-view.ts';

/** Per viewer: the summary says which reactions are the asker's. */
export const reactionsKey = (postId: string, userId: string | null) => `reactions:${postId}:${userId ?? 'anyone'}`;

export type ReactionsDeps = { database?: SdpDb; client?: ApiClient; box?: Outbox };

export function createReactions({ database = db(), client = api(), box = outbox() }: ReactionsDeps = {}) {
  /** The post's reactions as the server has them now; the post's header count follows. */
  const refresh = async (postId: string, userId: string | null) => {
    const summary = await client.reactions(postId);
    await keepAnswer(database, reactionsKey(postId, userId), summary);
    await keepPostCounts(database, postId, { reactionCount: summary.total });
  };

  const kind: OutboxKind<ReactionChange, ReactionResult> = {
    key: (change) => `reaction:${change.postId}:${change.kind}`,
    request: ({ payload }) => ({
      method: payload.on ? 'PUT' : 'DELETE',
      path: SOCIAL_API.reaction(payload.postId, payload.kind),
    }),
    // Only the last click on a kind matters while none has been sent.
    merge: (_older, newer) => newer,
    async sent(entry, result) {
      const { postId } = entry.payload;
      const key = reactionsKey(postId, entry.userId);
      const kept = await readAnswer<ReactionSummary>(database, key);
      if (kept) await keepAnswer(database, key, withReactionResult(kept, result));
      // Others' reactions meanwhile: fetched without holding the outbox.
      void refresh(postId, entry.userId).catch(() => undefined);
    },
  };
  box.register(REACTION_KIND, kind);

  return {
    live: (postId: string, userId: string | null): LiveRead<ReactionStatus[]> =>
      liveAnswerWithOutbox<ReactionSummary, ReactionStatus[]>(database, reactionsKey(postId, userId), (kept, entries) =>
        reactionView(kept, entries, postId, userId),
      ),
    refresh,
    reactors: (postId: string, reaction: ReactionKind) => client.reactors(postId, reaction, null, 50),
    /** Shows at once and is sent when it can be. Throws SignInRequiredError signed out. */
    set: (postId: string, reaction: ReactionKind, on: boolean) =>
      box.enqueue<ReactionChange>(REACTION_KIND, { postId, kind: reaction, on }),
    retry: (entryId: string) => box.retry(entryId),
    drop: (entryId: string) => box.drop(entryId),
  };
}

export type Reactions = ReturnType<typeof createReactions>;

let shared: Reactions | undefined;
/** The app's reactions (registers the `reaction` kind with the app's outbox on first use). */
export const reactions = (): Reactions => {
  shared ??= createReactions();
  return shared;
};
