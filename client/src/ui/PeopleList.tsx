/** A list of people (followers, following) with the list states and "Load more". */
import { For, type JSX } from 'solid-js';
import { Avatar } from './Basics.tsx';
import { ListStates } from './ListStates.tsx';
import type { PageStatus } from './PageState.tsx';

export type Person = { id: string; handle: string; displayName: string };

export type PeopleListProps = {
  items: Person[] | undefined;
  status: PageStatus;
  message?: string | null;
  emptyText: string;
  hasMore?: boolean;
  loadingMore?: boolean;
  loadMoreError?: string | null;
  onLoadMore: () => void;
  onRetry: () => void;
};

export function PeopleList(props: PeopleListProps): JSX.Element {
  return (
    <ListStates
      status={props.status}
      count={props.items?.length ?? 0}
      message={props.message}
      emptyText={props.emptyText}
      failedText="This list didn't load."
      loadingLabel="Loading people…"
      hasMore={props.hasMore}
      loadingMore={props.loadingMore}
      loadMoreError={props.loadMoreError}
      onLoadMore={props.onLoadMore}
      onRetry={props.onRetry}
    >
      <ul class="card people-list">
        <For each={props.items}>
          {(person) => (
            <li>
              <Avatar id={person.id} name={person.displayName} />
              <div>
                <a class="byline-name" href={`/@${person.handle}`}>
                  {person.displayName}
                </a>
                <p class="muted small person-handle">@{person.handle}</p>
              </div>
            </li>
          )}
        </For>
      </ul>
    </ListStates>
  );
}
