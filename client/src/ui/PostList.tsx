/** A feed of post cards with loading, offline, empty and "Load more" states. */
import { For, type JSX } from 'solid-js';
import { ListStates } from './ListStates.tsx';
import type { PageStatus } from './PageState.tsx';
import { type CardPost, PostCard } from './PostCard.tsx';

export type PostListProps = {
  items: CardPost[] | undefined;
  status: PageStatus;
  message?: string | null;
  emptyText?: string;
  hasMore?: boolean;
  loadingMore?: boolean;
  loadMoreError?: string | null;
  onLoadMore?: () => void;
  onRetry: () => void;
};

export function PostList(props: PostListProps): JSX.Element {
  return (
    <ListStates
      status={props.status}
      count={props.items?.length ?? 0}
      message={props.message}
      emptyText={props.emptyText ?? 'No posts yet.'}
      failedText="These posts didn't load."
      loadingLabel="Loading posts…"
      hasMore={props.hasMore}
      loadingMore={props.loadingMore}
      loadMoreError={props.loadMoreError}
      onLoadMore={props.onLoadMore}
      onRetry={props.onRetry}
    >
      <div class="card-list">
        <For each={props.items}>{(post) => <PostCard post={post} />}</For>
      </div>
    </ListStates>
  );
}
