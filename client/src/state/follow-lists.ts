/** Someone's followers or following as a list resource with "Load more" (kept for offline). */
import type { Accessor } from 'solid-js';
import { type FollowListKind, followLists } from '../store/follow-lists.ts';
import { withLoadMore } from './catalog.ts';
import { createSwr } from './swr.ts';

export type { FollowListKind } from '../store/follow-lists.ts';

type ListRef = { kind: FollowListKind; authorId: string };

export function useFollowList(ref: Accessor<ListRef | undefined>) {
  const swr = createSwr(
    ref,
    (r) => followLists().live(r.kind, r.authorId),
    (r) => followLists().refresh(r.kind, r.authorId),
  );
  return withLoadMore(ref, swr, (r) => followLists().loadMore(r.kind, r.authorId));
}
