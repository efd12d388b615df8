/** A list of people (followers, following) with the list states and "Load more". */
import { For, type JSX } from 'solid-js';
import { Avatar } from './Basics.tsx';
import { type ListPaging, ListStates } from './ListStates.tsx';

export type Person = { id: string; handle: string; displayName: string };

export type PeopleListProps = ListPaging & { items: Person[] | undefined; emptyText: string };

export function PeopleList(props: PeopleListProps): JSX.Element {
  return (
    <ListStates
      {...props}
      count={props.items?.length ?? 0}
      failedText="This list didn't load."
      loadingLabel="Loading people…"
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
