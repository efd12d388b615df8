/** `/u/:id/followers` and `/u/:id/following`: who follows an author, and whom they follow. */
import { useParams } from '@solidjs/router';
import { createEffect, createMemo, type JSX, Show } from 'solid-js';
import { useAuthorById } from '../state/catalog.ts';
import { type FollowListKind, useFollowList } from '../state/follow-lists.ts';
import { setTitle } from '../ui/format.ts';
import { PageSwitch } from '../ui/PageState.tsx';
import { PeopleList } from '../ui/PeopleList.tsx';

export default function FollowListPage(): JSX.Element {
  const params = useParams<{ id: string; list: string }>();
  const kind = (): FollowListKind => (params.list === 'following' ? 'following' : 'followers');
  const author = useAuthorById(() => params.id);
  const list = useFollowList(createMemo(() => ({ kind: kind(), authorId: params.id })));
  const name = () => author.data()?.displayName ?? 'This author';
  const heading = () => (kind() === 'followers' ? `People following ${name()}` : `People ${name()} follows`);
  createEffect(() => setTitle(heading()));

  return (
    <PageSwitch
      status={author.status()}
      message={author.message()}
      onRetry={author.revalidate}
      notFound="This profile link doesn't match any author."
    >
      <Show when={author.data()}>
        {(a) => (
          <div class="follow-list-page">
            <header class="page-header">
              <p>
                <a href={`/@${a().handle}`}>← {a().displayName}</a>
              </p>
              <h1>{heading()}</h1>
              <nav aria-label="Follow lists" class="segmented">
                <a
                  class="segment-link"
                  href={`/u/${a().id}/followers`}
                  aria-current={kind() === 'followers' ? 'page' : undefined}
                >
                  Followers
                </a>
                <a
                  class="segment-link"
                  href={`/u/${a().id}/following`}
                  aria-current={kind() === 'following' ? 'page' : undefined}
                >
                  Following
                </a>
              </nav>
            </header>
            <PeopleList
              items={list.data()?.items}
              status={list.status()}
              message={list.message()}
              emptyText={
                kind() === 'followers'
                  ? `Nobody follows ${a().displayName} yet.`
                  : `${a().displayName} doesn't follow anyone yet.`
              }
              hasMore={Boolean(list.data()?.nextCursor)}
              loadingMore={list.loadingMore()}
              loadMoreError={list.loadMoreError()}
              onLoadMore={() => void list.loadMore()}
              onRetry={list.revalidate}
            />
          </div>
        )}
      </Show>
    </PageSwitch>
  );
}
