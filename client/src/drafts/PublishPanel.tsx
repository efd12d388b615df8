/**
 * Publish, republish and unpublish a draft, and its revisions. "Publish" is kept on the device and sent
 * when online ("Will publish when online"); the server publishes once it has every edit this device had
 * when the button was pressed. A refusal (content the schema does not allow, a missing title) is shown
 * with the server's words, and Retry / Drop.
 */
import { createEffect, createResource, createSignal, For, type JSX, on, Show } from 'solid-js';
import type * as Y from 'yjs';
import { encodeStateVector } from 'yjs';
import { isOnline } from '../state/online.ts';
import { lastPublishResult } from '../store/draft-actions.ts';
import { outbox } from '../store/outbox.ts';
import { formatDate } from '../ui/format.ts';
import { PendingMark, RefusedChange } from '../ui/OutboxMarks.tsx';
import { type DraftPanelState, errorText, publishedText } from './draft-panel-state.ts';

export function PublishPanel(props: {
  state: DraftPanelState;
  doc: Y.Doc;
  canPublish: boolean;
  isOwner: boolean;
}): JSX.Element {
  const [said, setSaid] = createSignal('');
  const published = () => props.state.summary()?.published ?? null;
  const waiting = () => props.state.waitingPublish();

  // When a waiting publish leaves the outbox, the server has published: ask for the new summary.
  createEffect(
    on(
      () => waiting()?.id,
      (now, before) => {
        if (before && !now) {
          props.state.refresh();
          setSaid(publishedText(lastPublishResult(props.state.draftId())));
        }
      },
      { defer: true },
    ),
  );

  async function publish() {
    setSaid('');
    await props.state.actions.publish(props.state.draftId(), encodeStateVector(props.doc));
    setSaid(isOnline() ? 'Publishing…' : 'Will publish when online.');
  }
  async function unpublish() {
    try {
      await props.state.actions.unpublish(props.state.draftId());
      props.state.refresh();
      setSaid('Unpublished. The post is no longer shown anywhere.');
    } catch (error) {
      setSaid(errorText(error));
    }
  }

  return (
    <section class="draft-panel" aria-labelledby="publish-heading">
      <h2 id="publish-heading">Publish</h2>
      <Show when={published()} fallback={<p class="muted small">Not published yet.</p>}>
        {(ref) => (
          <p class="small">
            <Show when={!ref().unpublished} fallback="Unpublished.">
              <a href={`/p/${ref().slug}`}>View post</a> · revision {ref().revision} · updated{' '}
              {formatDate(ref().updatedAt)}
            </Show>
          </p>
        )}
      </Show>
      <Show when={props.canPublish}>
        <div class="actions">
          <button type="button" class="button" disabled={waiting()?.state === 'pending'} onClick={() => void publish()}>
            {published() && !published()?.unpublished ? 'Publish changes' : 'Publish'}
          </button>
          <Show when={props.isOwner && published() && !published()?.unpublished}>
            <button
              type="button"
              class="button button-secondary"
              disabled={!isOnline()}
              onClick={() => void unpublish()}
            >
              Unpublish
            </button>
          </Show>
        </div>
      </Show>
      <Show when={waiting()}>
        {(entry) => (
          <Show
            when={entry().state === 'refused'}
            fallback={
              <PendingMark when label={isOnline() ? 'Publishing…' : 'Will publish when online'} note={entry().error} />
            }
          >
            <RefusedChange
              what="Couldn't publish"
              message={entry().error ?? 'The server refused it.'}
              retrySubject="publishing"
              onRetry={() => void outbox().retry(entry().id)}
              onDrop={() => void outbox().drop(entry().id)}
            />
          </Show>
        )}
      </Show>
      <p role="status" class="sr-status small">
        {said()}
      </p>
      <Show when={published()}>
        <Revisions state={props.state} />
      </Show>
    </section>
  );
}

function Revisions(props: { state: DraftPanelState }): JSX.Element {
  const [revisions] = createResource(
    () => (isOnline() ? `${props.state.draftId()}:${props.state.summary()?.published?.revision ?? 0}` : null),
    () => props.state.actions.revisions(props.state.draftId()),
  );
  return (
    <details class="revisions">
      <summary>Revisions</summary>
      <Show when={!revisions.error} fallback={<p class="small">{errorText(revisions.error)}</p>}>
        <ol class="small" reversed>
          <For each={revisions.latest ?? []}>
            {(r) => (
              <li>
                Revision {r.revision}: “{r.title}”, {formatDate(r.publishedAt)} by {r.publishedBy.displayName}
              </li>
            )}
          </For>
        </ol>
      </Show>
    </details>
  );
}
