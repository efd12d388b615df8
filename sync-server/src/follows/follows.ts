/**
 * Follows: follow and unfollow authors, tags and series, replayable from a client outbox.
 *
 * - Idempotent: every change carries a client-generated op id (`Idempotency-Key` header or body
 *   `opId`). The first arrival is applied and its result stored; the same op id again returns that
 *   stored result and changes nothing. The same id reused for a different change is refused (409).
 * - Converges to the last intent by the op's client timestamp (`at`, when the user clicked), ties
 *   broken by op id — not by arrival order: an outbox replayed after a flight must not undo what the
 *   user did later on another device that was online. The server clamps `at` to its own clock, so a
 *   device whose clock runs ahead cannot win over later intents for long.
 * - The user always comes from the session; there is no parameter naming the follower.
 */
import type { FollowEntry, FollowResult, FollowTarget, MyFollows } from '../../../shared/src/model/accounts.ts';
import type { Page } from '../../../shared/src/model/catalog.ts';
import { readListCursor, toListPage } from '../catalog/cursor.ts';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.ts';
import type { Store } from '../storage/store.ts';

export type FollowChange = { target: FollowTarget; follow: boolean; opId: string; at?: string | undefined };
export type FollowOutcome = { result: FollowResult; replayed: boolean };
export type Follows = ReturnType<typeof createFollows>;

export type FollowsDeps = {
  store: Store;
  now?: () => Date;
  /** After a change that took effect (popularity counts followers). */
  onChange?: () => void;
  /** After someone newly follows an author (notifications). */
  onFollowed?: (authorId: string, followerId: string) => Promise<void>;
};

export function createFollows({ store, now = () => new Date(), onChange, onFollowed }: FollowsDeps) {
  async function requireAuthor(id: string): Promise<void> {
    if (!(await store.getAuthor({ id }))) {
      throw new NotFoundError(`There is no author with id "${id}". Check the link or find them by handle.`);
    }
  }

  async function page(
    list: 'listFollowers' | 'listFollowing',
    authorId: string,
    request: { cursor?: string | undefined; limit: number },
  ): Promise<Page<FollowEntry>> {
    await requireAuthor(authorId);
    const rows = await store[list](authorId, { after: readListCursor(request.cursor), limit: request.limit + 1 });
    return toListPage(rows, request.limit, (row) => row.followedAt);
  }

  return {
    async change(userId: string, change: FollowChange): Promise<FollowOutcome> {
      if (change.target.kind === 'author' && change.target.id === userId) {
        throw new BadRequestError('authorId is you: you cannot follow yourself.');
      }
      const arrived = now();
      const stated = change.at === undefined ? arrived.getTime() : Date.parse(change.at);
      if (Number.isNaN(stated)) throw new BadRequestError('at must be an ISO-8601 timestamp.');
      const at = new Date(Math.min(stated, arrived.getTime())).toISOString();
      const outcome = await store.applyFollowOp({
        userId,
        opId: change.opId,
        target: change.target,
        follow: change.follow,
        at,
        receivedAt: arrived.toISOString(),
      });
      if (outcome.kind === 'op-id-reused') {
        throw new ConflictError(
          `opId "${change.opId}" was already used for a different change; generate a new id for each change.`,
        );
      }
      if (outcome.kind === 'no-target') {
        throw new NotFoundError(
          change.target.kind === 'author'
            ? `There is no author with id "${change.target.id}".`
            : `There is no ${change.target.kind} "${change.target.slug}".`,
        );
      }
      const { result, replayed } = outcome;
      if (!replayed && result.applied) {
        onChange?.();
        if (result.following && change.target.kind === 'author') await onFollowed?.(change.target.id, userId);
      }
      return { result, replayed };
    },

    mine(userId: string): Promise<MyFollows> {
      return store.listMyFollows(userId);
    },

    followers(authorId: string, request: { cursor?: string | undefined; limit: number }) {
      return page('listFollowers', authorId, request);
    },

    following(authorId: string, request: { cursor?: string | undefined; limit: number }) {
      return page('listFollowing', authorId, request);
    },
  };
}
