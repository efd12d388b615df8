/** A list's loading, offline, error and empty states around its items, and its "Load more" button. */
import { For, type JSX, Match, Show, Switch } from 'solid-js';
import { Notice, OFFLINE_MISSING, Skeleton } from './Basics.tsx';
import type { PageStatus } from './PageState.tsx';

/** What every list's owner hands in: where the list stands and how to get more. */
export type ListPaging = {
  status: PageStatus;
  message?: string | null;
  hasMore?: boolean;
  loadingMore?: boolean;
  loadMoreError?: string | null;
  onLoadMore?: () => void;
  onRetry: () => void;
};

export type ListStatesProps = ListPaging & {
  /** How many items there are (0 shows the empty state). */
  count: number;
  emptyText: string;
  /** Shown on an error without a message of its own: "These posts didn't load." */
  failedText: string;
  /** Read out while loading: "Loading posts…". */
  loadingLabel: string;
  /** The items, shown when ready and not empty. */
  children: JSX.Element;
};

export function ListStates(props: ListStatesProps): JSX.Element {
  return (
    <Switch>
      <Match when={props.status === 'loading'}>
        <div class="card-list" aria-busy="true">
          <For each={[1, 2, 3]}>
            {() => (
              <div class="card">
                <Skeleton lines={3} label={props.loadingLabel} />
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
          <p>{props.message ?? props.failedText}</p>
          <button type="button" class="button button-secondary" onClick={() => props.onRetry()}>
            Try again
          </button>
        </Notice>
      </Match>
      <Match when={props.status === 'ready' && props.count === 0}>
        <Notice>
          <p>{props.emptyText}</p>
        </Notice>
      </Match>
      <Match when={props.status === 'ready'}>
        {props.children}
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
