/** A post list hook (latest, a tag's, an author's) wired to the presentational PostList. */
import type { JSX } from 'solid-js';
import type { PostListFeed } from '../state/catalog.ts';
import { PostList } from '../ui/PostList.tsx';

export function PostFeed(props: { feed: PostListFeed; emptyText: string }): JSX.Element {
  return (
    <PostList
      items={props.feed.data()?.items}
      status={props.feed.status()}
      message={props.feed.message()}
      emptyText={props.emptyText}
      hasMore={Boolean(props.feed.data()?.nextCursor)}
      loadingMore={props.feed.loadingMore()}
      loadMoreError={props.feed.loadMoreError()}
      onLoadMore={() => void props.feed.loadMore()}
      onRetry={props.feed.revalidate}
    />
  );
}
