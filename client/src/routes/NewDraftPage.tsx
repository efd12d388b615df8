/**
 * `/write` ("Write" in the header): starts a new draft at once, online or offline. The device picks the
 * id, queues the draft's creation on the server (the outbox sends it when it can), remembers it in
 * "My drafts", and opens the editor at `/write/<id>`.
 */
import { useNavigate } from '@solidjs/router';
import { createEffect, createSignal, type JSX, on, Show } from 'solid-js';
import { currentUser } from '../state/session.ts';
import { draftActions } from '../store/draft-actions.ts';
import { draftIndex } from '../store/draft-index.ts';
import { randomId } from '../store/outbox.ts';
import { Notice, Skeleton } from '../ui/Basics.tsx';
import { setTitle } from '../ui/format.ts';

export default function NewDraftPage(): JSX.Element {
  setTitle('New draft');
  const navigate = useNavigate();
  const [failed, setFailed] = createSignal<string | null>(null);
  createEffect(
    on(currentUser, (user) => {
      if (!user) return;
      const id = randomId();
      draftActions()
        .create(id)
        .then(() => {
          draftIndex().remember({ id, userId: user.id, title: '', editedAt: Date.now() });
          navigate(`/write/${id}`, { replace: true });
        })
        .catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
    }),
  );
  return (
    <Show
      when={currentUser() !== null}
      fallback={
        <Notice>
          <p>
            <a href="/signin">Sign in</a> or <a href="/signup">become an author</a> to write.
          </p>
        </Notice>
      }
    >
      <Show when={failed()} fallback={<Skeleton label="Starting a new draft" />}>
        <Notice tone="error">
          <p>A new draft could not be started on this device: {failed()}</p>
        </Notice>
      </Show>
    </Show>
  );
}
