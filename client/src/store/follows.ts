/**
 * Follows on this device: what the server last said the user follows (a list in the `lists` store) with
 * the user's own changes still in the outbox laid over it, so a click shows at once, offline too.
 *
 * Each change is an outbox entry of kind `follow`; the outbox sends it (idempotently, in order per
 * target) and, once the server answered, `sent` records the server's result here and refreshes the
 * follower counts the device keeps.
 */
import { ACCOUNT_API } from '../../../shared/src/model/account-api.ts';
import type { FollowResult, FollowTarget } from '../../../shared/src/model/accounts.ts';
import { type ApiClient, api } from './api-client.ts';
import { type Catalog, catalog } from './catalog.ts';
import type { LiveRead } from './changes.ts';
import { db, type SdpDb, type StoredList } from './db.ts';
import { type Outbox, type OutboxKind, outbox } from './outbox.ts';
import type { OutboxEntry } from './outbox-model.ts';

export type { FollowTarget } from '../../../shared/src/model/accounts.ts';

/** One follow change: the payload of a `follow` outbox entry. */
export type FollowChange = { target: FollowTarget; follow: boolean };

/** How a follow button shows one target. */
export type FollowStatus = {
  /** What the user will see followed once everything waiting has been sent. */
  following: boolean;
  /** A change to this target is waiting for (or on its way to) the server. */
  pending: boolean;
  /** The server refused the latest change: its entry and the server's words. */
  refused: { entryId: string; message: string; follow: boolean } | null;
};

export const FOLLOW_KIND = 'follow';
export const NOT_FOLLOWING: FollowStatus = { following: false, pending: false, refused: null };

/** `author:<id>`, `tag:<slug>` or `series:<slug>`: how a target is named in the kept list and in outbox keys. */
export const targetKey = (target: FollowTarget): string =>
  target.kind === 'author' ? `author:${target.id}` : `${target.kind}:${target.slug}`;

/** The endpoint that follows or unfollows `target` (PUT or DELETE). */
export function followPath(target: FollowTarget): string {
  if (target.kind === 'author') return ACCOUNT_API.followAuthor(target.id);
  return target.kind === 'tag' ? ACCOUNT_API.followTag(target.slug) : ACCOUNT_API.followSeries(target.slug);
}

/** The `lists` row holding what the server last said `userId` follows. */
export const followsListKey = (userId: string) => `follows:${userId}`;

const isFollowEntry = (entry: OutboxEntry): entry is OutboxEntry<FollowChange> => entry.kind === FOLLOW_KIND;

/**
 * What every target looks like for `userId`: the server's follows, then their waiting changes oldest
 * first (a refused change does not count, it is only reported). Targets absent from the map are not
 * followed and have nothing waiting.
 */
export function followView(
  serverKeys: readonly string[],
  entries: readonly OutboxEntry[],
  userId: string,
): Map<string, FollowStatus> {
  const view = new Map<string, FollowStatus>(serverKeys.map((key) => [key, { ...NOT_FOLLOWING, following: true }]));
  const mine = entries.filter(isFollowEntry).filter((e) => e.userId === userId);
  for (const entry of [...mine].sort((a, b) => a.createdAt - b.createdAt)) {
    const key = targetKey(entry.payload.target);
    const before = view.get(key) ?? NOT_FOLLOWING;
    view.set(
      key,
      entry.state === 'refused'
        ? { ...before, refused: { entryId: entry.id, message: entry.error ?? '', follow: entry.payload.follow } }
        : { following: entry.payload.follow, pending: true, refused: null },
    );
  }
  return view;
}

/** The kept list with `key` added or removed. */
export const withTarget = (keys: readonly string[], key: string, following: boolean): string[] =>
  following ? [...new Set([...keys, key])] : keys.filter((k) => k !== key);

export type FollowsDeps = { database?: SdpDb; client?: ApiClient; box?: Outbox; repo?: Catalog };

export function createFollows({ database = db(), client = api(), box = outbox(), repo = catalog() }: FollowsDeps = {}) {
  const keep = (userId: string, update: (keys: string[]) => string[]) =>
    database.write(['lists'], async (tx) => {
      const lists = tx.objectStore('lists');
      const key = followsListKey(userId);
      const row: StoredList = {
        key,
        ids: update((await lists.get(key))?.ids ?? []),
        nextCursor: null,
        fetchedAt: Date.now(),
      };
      await lists.put(row);
    });

  /** The counts the device keeps for a target (and the follower's own profile), fetched again. */
  async function refreshCounts(userId: string, target: FollowTarget) {
    const known = (id: string) => repo.readAuthor(id).then((a) => a !== undefined);
    const refreshes: Promise<unknown>[] = [
      target.kind === 'author'
        ? repo.refreshAuthorById(target.id)
        : target.kind === 'tag'
          ? repo.refreshTag(target.slug)
          : repo.refreshSeries(target.slug),
    ];
    if (await known(userId)) refreshes.push(repo.refreshAuthorById(userId));
    await Promise.allSettled(refreshes);
  }

  /** Changes confirmed so far: a refresh that raced one of them fetches again rather than undo it. */
  let confirmed = 0;

  const kind: OutboxKind<FollowChange, FollowResult> = {
    key: (change) => `follow:${targetKey(change.target)}`,
    request: ({ payload, createdAt }) => ({
      method: payload.follow ? 'PUT' : 'DELETE',
      path: followPath(payload.target),
      // When the user clicked: the server keeps the latest intent by this time, not by arrival.
      body: { at: new Date(createdAt).toISOString() },
    }),
    // Only the last click on a target matters while none has been sent.
    merge: (_older, newer) => newer,
    async sent(entry, result) {
      confirmed += 1;
      // The result may say "not following" after a follow that lost to a later change from another device.
      await keep(entry.userId, (keys) => withTarget(keys, targetKey(result.target), result.following));
      await refreshCounts(entry.userId, result.target);
    },
  };
  box.register(FOLLOW_KIND, kind);

  return {
    /** Every target's status for `userId`, live (changes here, in the outbox, or in another tab). */
    live: (userId: string): LiveRead<Map<string, FollowStatus>> =>
      database.live(['lists', 'outbox'], async (tx) => {
        const kept = await tx.objectStore('lists').get(followsListKey(userId));
        return followView(kept?.ids ?? [], await tx.objectStore('outbox').getAll(), userId);
      }),
    /** Asks the server what `userId` (signed in) follows and keeps it. */
    async refresh(userId: string): Promise<void> {
      for (let tries = 0; tries < 3; tries++) {
        const before = confirmed;
        const mine = await client.myFollows();
        if (confirmed !== before) continue;
        const keys = [
          ...mine.authors.map((a) => targetKey({ kind: 'author', id: a.id })),
          ...mine.tags.map((t) => targetKey({ kind: 'tag', slug: t.slug })),
          ...(mine.series ?? []).map((s) => targetKey({ kind: 'series', slug: s.slug })),
        ];
        await keep(userId, () => keys);
        return;
      }
    },
    /** Follows or unfollows; shows at once and is sent when it can be. Throws SignInRequiredError signed out. */
    change: (target: FollowTarget, follow: boolean) => box.enqueue<FollowChange>(FOLLOW_KIND, { target, follow }),
    retry: (entryId: string) => box.retry(entryId),
    drop: (entryId: string) => box.drop(entryId),
  };
}

export type Follows = ReturnType<typeof createFollows>;

let shared: Follows | undefined;
/** The app's follows (registers the `follow` kind with the app's outbox on first use). */
export const follows = (): Follows => {
  shared ??= createFollows();
  return shared;
};
