/**
 * `/drafts`, "My drafts": every draft I own or co-author, with its last edit, co-authors and where it
 * stands (synced, changes only on this device, not on the server yet). Works offline from the device's
 * copies. Deleting hides the draft at once and offers Undo; the deletion reaches the server through
 * the outbox.
 */
import { createResource, createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js';
import { type DraftRow, draftRows, syncLabel } from '../drafts/my-drafts-model.ts';
import { isOnline } from '../state/online.ts';
import { currentUser } from '../state/session.ts';
import { createLive } from '../state/swr.ts';
import { draftActions, waitingDeletes } from '../store/draft-actions.ts';
import { draftIndex } from '../store/draft-index.ts';
import { outbox } from '../store/outbox.ts';
import { Notice } from '../ui/Basics.tsx';
import { formatDate, setTitle } from '../ui/format.ts';
import { ListStates } from '../ui/ListStates.tsx';

const UNDO_MS = 10_000;

export default function MyDraftsPage(): JSX.Element {
  onMount(() => setTitle('My drafts'));
  return (
    <div class="drafts-page">
      <header class="page-header card">
        <h1>My drafts</h1>
        <p>Drafts you write or co-author. They are kept on this device too, so you can write offline.</p>
      </header>
      <Show
        when={currentUser()}
        fallback={
          <Notice>
            <p>
              <a href="/signin">Sign in</a> or <a href="/signup">become an author</a> to write drafts.
            </p>
          </Notice>
        }
      >
        {(user) => <DraftList userId={user().id} />}
      </Show>
    </div>
  );
}

function DraftList(props: { userId: string }): JSX.Element {
  const actions = draftActions();
  // Re-fetched when the browser comes online; null while offline or refused (the device's copies still show).
  const [server, { refetch }] = createResource(isOnline, async (online) => (online ? actions.list() : null));
  const entries = createLive(
    () => props.userId,
    () => outbox().entries(),
  );
  const [device, setDevice] = createSignal(draftIndex().list(props.userId));
  const [undo, setUndo] = createSignal<{ id: string; title: string } | null>(null);
  const [said, setSaid] = createSignal('');
  let undoTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(undoTimer));

  const rows = () =>
    draftRows(server.error ? null : (server() ?? null), device(), waitingDeletes(entries() ?? []), props.userId);
  const status = () => (server.loading && device().length === 0 ? 'loading' : 'ready');

  async function remove(row: DraftRow) {
    await actions.remove(row.id);
    setUndo({ id: row.id, title: row.title });
    setSaid(`Deleted “${row.title}”.`);
    clearTimeout(undoTimer);
    undoTimer = setTimeout(() => setUndo(null), UNDO_MS);
  }
  async function undoRemove() {
    const last = undo();
    if (!last) return;
    await actions.undoRemove(last.id);
    setUndo(null);
    setSaid(`Restored “${last.title}”.`);
    setDevice(draftIndex().list(props.userId));
  }

  return (
    <>
      <p role="status" class="undo-bar" classList={{ 'undo-bar-open': !!undo() }}>
        {said()}
        <Show when={undo()}>
          {' '}
          <button type="button" class="button button-link" onClick={() => void undoRemove()}>
            Undo
          </button>
        </Show>
      </p>
      <Show when={server.error}>
        <Notice tone="warn">
          <p>
            {server.error instanceof Error ? server.error.message : 'The server’s list did not load.'} Showing the
            drafts on this device.
          </p>
        </Notice>
      </Show>
      <ListStates
        status={status()}
        count={rows().length}
        emptyText="No drafts yet. Use “Write” to start one."
        failedText="Your drafts didn't load."
        loadingLabel="Loading your drafts…"
        onRetry={() => void refetch()}
      >
        <ul class="card-list draft-list">
          <For each={rows()}>{(row) => <DraftItem row={row} onDelete={() => void remove(row)} />}</For>
        </ul>
      </ListStates>
    </>
  );
}

function DraftItem(props: { row: DraftRow; onDelete: () => void }): JSX.Element {
  const edited = () => (props.row.editedAt ? formatDate(new Date(props.row.editedAt).toISOString()) : null);
  return (
    <li class="card draft-item">
      <h2 class="draft-title">
        <a href={`/write/${props.row.id}`}>{props.row.title}</a>
      </h2>
      <p class="muted small">
        <Show when={edited()}>{(date) => <span>Edited {date()} · </span>}</Show>
        <span class="draft-sync">{syncLabel(props.row.sync)}</span>
        <Show when={props.row.published}>
          {(published) => (
            <span>
              {' · '}
              <Show when={!published().unpublished} fallback="Unpublished">
                <a href={`/p/${published().slug}`}>Published</a>
              </Show>
            </span>
          )}
        </Show>
      </p>
      <Show when={props.row.sharedBy}>
        {(owner) => (
          <p class="small">
            Shared by {owner()} · you are {props.row.role === 'viewer' ? 'a viewer' : 'an editor'}
          </p>
        )}
      </Show>
      <Show when={props.row.coauthors.length > 0}>
        <p class="small">With {props.row.coauthors.join(', ')}</p>
      </Show>
      <Show when={props.row.role === 'owner'}>
        <button type="button" class="button button-secondary" onClick={() => props.onDelete()}>
          Delete<span class="sr-only"> “{props.row.title}”</span>
        </button>
      </Show>
    </li>
  );
}
