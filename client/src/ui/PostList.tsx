/** A feed of post cards with loading, offline, empty and "Load more" states. */
import { For, type JSX } from 'solid-js';
import { type ListPaging, ListStates } from './ListStates.tsx';
import { type CardPost, PostCard } from './PostCard.tsx';

export type PostListProps = ListPaging & { items: CardPost[] | undefined; emptyText?: string };

export function PostList(props: PostListProps): JSX.Element {
  return (
    <ListStates
      {...props}
      count={props.items?.length ?? 0}
      emptyText={props.emptyText ?? 'No posts yet.'}
      failedText="These posts didn't load."
      loadingLabel="Loading posts…"
    >
      <div class="card-list">
        <For each={props.items}>{(post) => <PostCard post={post} />}</For>
      </div>
    </ListStates>
  );
}
