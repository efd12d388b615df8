/**
 * Someone's followers and the people they follow, kept like the catalog's lists (`followers:<id>`,
 * `following:<id>` in `lists`, people in `authors`) so a list seen once still shows offline.
 */
import type { FollowEntry } from '../../../shared/src/model/accounts.ts';
import type { AuthorRef, Page } from '../../../shared/src/model/catalog.ts';
import { type ApiClient, api } from './api-client.ts';
import { type Catalog, catalog } from './catalog.ts';

export type FollowListKind = 'followers' | 'following';
export const FOLLOW_LIST_PAGE = 20;

export const followListKey = (kind: FollowListKind, authorId: string) => `${kind}:${authorId}`;

const asRefs = (page: Page<FollowEntry>): Page<AuthorRef> => ({
  items: page.items.map(({ id, handle, displayName }) => ({ id, handle, displayName })),
  nextCursor: page.nextCursor,
});

export function createFollowLists(client: ApiClient = api(), repo: Catalog = catalog()) {
  const fetchPage = (kind: FollowListKind, authorId: string, cursor: string | null) =>
    (kind === 'followers' ? client.followers : client.following)(authorId, cursor, FOLLOW_LIST_PAGE);

  return {
    live: (kind: FollowListKind, authorId: string) => repo.live.authorList(followListKey(kind, authorId)),
    /** Fetches the first page and replaces the kept list with it. */
    async refresh(kind: FollowListKind, authorId: string): Promise<void> {
      await repo.storeAuthorPage(
        followListKey(kind, authorId),
        asRefs(await fetchPage(kind, authorId, null)),
        false,
        0,
      );
    },
    /** Fetches the page after the kept one and appends it; false when there is no more. */
    async loadMore(kind: FollowListKind, authorId: string): Promise<boolean> {
      const key = followListKey(kind, authorId);
      const cursor = await repo.listCursor(key);
      if (!cursor) return false;
      await repo.storeAuthorPage(key, asRefs(await fetchPage(kind, authorId, cursor)), true, 0);
      return true;
    },
  };
}

export type FollowLists = ReturnType<typeof createFollowLists>;

let shared: FollowLists | undefined;
export const followLists = (): FollowLists => {
  shared ??= createFollowLists();
  return shared;
};
