/** A feed of post cards with loading, offline, empty and "Load more" states. */
import { For, type JSX, Match, Show, Switch } from 'solid-js';
import { Notice, OFFLINE_MISSING, Skeleton } from './Basics.tsx';
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
    <Switch>
      <Match when={props.status === 'loading'}>
        <div class="card-list" aria-busy="true">
          <For each={[1, 2, 3]}>
            {() => (
              <div class="card">
                <Skeleton lines={3} label="Loading posts…" />
              </div>
            )}
          </For>
        </div>
      </Match>
      <Match when={props.status === 'offline-missing'}>
        <Notice tone="warn">
          <p>
            <strong>{OFFLINE_MISSING}.</strong> <a href="/saved">See what's saved</a>
          </p>
        </Notice>
      </Match>
      <Match when={props.status === 'error' || props.status === 'not-found'}>
        <Notice tone="error">
          <p>{props.message ?? "These posts didn't load."}</p>
          <button type="button" class="button button-secondary" onClick={() => props.onRetry()}>
            Try again
          </button>
        </Notice>
      </Match>
      <Match when={props.status === 'ready' && props.items?.length === 0}>
        <Notice>
          <p>{props.emptyText ?? 'No posts yet.'}</p>
        </Notice>
      </Match>
      <Match when={props.status === 'ready'}>
        <div class="card-list">
          <For each={props.items}>{(post) => <PostCard post={post} />}</For>
        </div>
        <Show when={props.hasMore && props.onLoadMore}>
          <div class="load-more">
            <button
              type="button"
              class="button button-secondary"
              disabled={props.loadingMore}
              aria-busy={props.loadingMore ? 'true' : 'false'}
              onClick={() => props.onLoadMore?.()}
            >
              {props.loadingMore ? 'Loading…' : 'Load more'}
            </button>
            <Show when={props.loadMoreError}>
              <p class="field-error" role="alert">
                {props.loadMoreError}
              </p>
            </Show>
          </div>
        </Show>
      </Match>
    </Switch>
  );
}
