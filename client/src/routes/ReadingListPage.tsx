/** `/reading-list`: the posts marked "Read later", on every device the reader signs in on. */
import { createSignal, For, type JSX, onMount, Show } from 'solid-js';
import { currentUser } from '../state/session.ts';
import { readingList, removeFromReadingList, userDocError } from '../state/user-doc.ts';
import { Notice } from '../ui/Basics.tsx';
import { formatDate, setTitle } from '../ui/format.ts';
import { ListStates } from '../ui/ListStates.tsx';
import { SyncStatus } from './SyncStatus.tsx';

export default function ReadingListPage(): JSX.Element {
  onMount(() => setTitle('Reading list'));
  const [announcement, setAnnouncement] = createSignal('');
  const remove = async (postId: string, title: string) => {
    try {
      await removeFromReadingList(postId);
      setAnnouncement(`Removed ${title} from your reading list.`);
    } catch (error) {
      setAnnouncement(error instanceof Error ? error.message : String(error));
    }
  };
  const status = () => (userDocError() ? 'error' : readingList() === undefined ? 'loading' : 'ready');

  return (
    <div class="reading-list-page">
      <header class="page-header card">
        <h1>Reading list</h1>
        <p>Posts you marked “Read later”, on every device you sign in on.</p>
        <Show when={currentUser()}>
          <SyncStatus />
        </Show>
      </header>
      <p role="status" class="sr-status">
        {announcement()}
      </p>
      <Show
        when={currentUser()}
        fallback={
          <Notice>
            <p>
              <a href="/signin">Sign in</a> to keep a reading list that follows you between devices.
            </p>
          </Notice>
        }
      >
        <ListStates
          status={status()}
          count={readingList()?.length ?? 0}
          message={userDocError()}
          emptyText="Nothing here yet. Use “Read later” on a post to add it."
          failedText="Your reading list didn't open."
          loadingLabel="Loading your reading list…"
          onRetry={() => location.reload()}
        >
          <ul class="reading-list" aria-label="Reading list">
            <For each={readingList()}>
              {(item) => (
                <li class="card reading-item">
                  <a class="reading-item-title" href={`/p/${encodeURIComponent(item.slug)}`}>
                    {item.title || item.slug}
                  </a>
                  <span class="muted small">Added {formatDate(new Date(item.addedAt).toISOString())}</span>
                  <button
                    type="button"
                    class="button button-link"
                    aria-label={`Remove ${item.title || item.slug} from reading list`}
                    onClick={() => void remove(item.postId, item.title || item.slug)}
                  >
                    Remove
                  </button>
                </li>
              )}
            </For>
          </ul>
        </ListStates>
      </Show>
    </div>
  );
}
