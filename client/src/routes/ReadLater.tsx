/** The post page's "Read later" toggle: shown to signed-in readers, kept in their user doc. */
import { createSignal, type JSX, Show } from 'solid-js';
import { currentUser } from '../state/session.ts';
import { type ReadingTarget, readingList, toggleReadLater } from '../state/user-doc.ts';
import { ErrorLine } from '../ui/Basics.tsx';

export function ReadLater(props: { target: ReadingTarget }): JSX.Element {
  const [error, setError] = createSignal<string | null>(null);
  const inList = () => readingList()?.some((item) => item.postId === props.target.postId) ?? false;
  const toggle = async () => {
    setError(null);
    try {
      await toggleReadLater(props.target);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <Show when={currentUser()}>
      <div class="read-later">
        <button
          type="button"
          class="button button-secondary"
          aria-pressed={inList()}
          disabled={readingList() === undefined}
          onClick={() => void toggle()}
        >
          <span aria-hidden="true">{inList() ? '★ ' : '☆ '}</span>
          Read later
        </button>
        <Show when={inList()}>
          <a class="small" href="/reading-list">
            In your reading list
          </a>
        </Show>
        <ErrorLine message={error()} />
      </div>
    </Show>
  );
}
