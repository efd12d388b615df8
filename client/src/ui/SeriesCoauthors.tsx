/**
 * Who writes a series: the byline ("Written by Ana with Bo, Cy") and, for its owner, the co-author panel —
 * "Invite co-author" by handle, and the invitations sent: unanswered, waiting on this device (Pending),
 * or refused by the server (its words, Retry, Drop).
 */
import { createSignal, For, type JSX, Show } from 'solid-js';
import type { AuthorRef } from '../../../shared/src/model/catalog.ts';
import { handleProblem, type InviteRow } from '../store/coauthor-view.ts';
import { Avatar } from './Basics.tsx';
import { PendingMark, RefusedChange } from './OutboxMarks.tsx';

const profile = (a: AuthorRef) => `/@${a.handle}`;

export function SeriesByline(props: { owner: AuthorRef; coauthors: AuthorRef[] }): JSX.Element {
  return (
    <div class="byline">
      <Avatar id={props.owner.id} name={props.owner.displayName} src={props.owner.avatarUrl} />
      <p>
        Written by{' '}
        <a class="byline-name" href={profile(props.owner)}>
          {props.owner.displayName}
        </a>
        <Show when={props.coauthors.length > 0}>
          {' with '}
          <For each={props.coauthors}>
            {(coauthor, i) => (
              <>
                {i() > 0 ? ', ' : ''}
                <a class="byline-name" href={profile(coauthor)}>
                  {coauthor.displayName}
                </a>
              </>
            )}
          </For>
        </Show>
      </p>
    </div>
  );
}

export type CoauthorPanelProps = {
  invitations: InviteRow[];
  /** Keeps the invitation on the device (rejects with a message to show). `handle` as typed. */
  onInvite: (handle: string) => Promise<void>;
  onRetry: (entryId: string) => Promise<void>;
  onDrop: (entryId: string) => Promise<void>;
};

export function CoauthorPanel(props: CoauthorPanelProps): JSX.Element {
  const [handle, setHandle] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : 'That did not work.');
  const run = (task: Promise<void>) => {
    setError(null);
    task.catch(fail);
  };
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = handleProblem(handle());
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await props.onInvite(handle());
      setHandle('');
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card coauthor-panel" aria-labelledby="coauthor-panel-heading">
      <h2 id="coauthor-panel-heading" class="small-heading">
        Co-authors
      </h2>
      <p class="muted small">Co-authors you invite can publish parts of this series once they accept.</p>
      <form class="coauthor-form" onSubmit={(e) => void submit(e)}>
        <label class="coauthor-form-label" for="coauthor-handle">
          Invite co-author
        </label>
        <div class="coauthor-form-row">
          <input
            id="coauthor-handle"
            class="coauthor-input"
            placeholder="@handle"
            autocomplete="off"
            autocapitalize="off"
            spellcheck={false}
            value={handle()}
            aria-invalid={error() ? 'true' : undefined}
            aria-describedby={error() ? 'coauthor-handle-error' : undefined}
            onInput={(e) => setHandle(e.currentTarget.value)}
          />
          <button type="submit" class="button button-secondary" disabled={busy()}>
            Invite
          </button>
        </div>
        <Show when={error()}>
          <p id="coauthor-handle-error" class="field-error" role="alert">
            {error()}
          </p>
        </Show>
      </form>
      <Show when={props.invitations.length > 0}>
        <h3 class="small-heading">Invitations</h3>
        <ul class="coauthor-invitations">
          <For each={props.invitations}>
            {(row) => (
              <InvitationRow
                row={row}
                onRetry={(id) => run(props.onRetry(id))}
                onDrop={(id) => run(props.onDrop(id))}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function InvitationRow(props: {
  row: InviteRow;
  onRetry: (entryId: string) => void;
  onDrop: (entryId: string) => void;
}): JSX.Element {
  const who = () =>
    props.row.displayName ? `${props.row.displayName} (@${props.row.handle})` : `@${props.row.handle}`;
  return (
    <li class="coauthor-invitation">
      <span>{who()}</span>
      <span role="status">
        <Show when={props.row.state === 'invited'}>
          <span class="muted small">Invited · no answer yet</span>
        </Show>
        <PendingMark when={props.row.state === 'pending'} note={props.row.note} />
      </span>
      <Show when={props.row.state === 'refused' && props.row.entryId}>
        {(entryId) => (
          <RefusedChange
            what={`Couldn't invite @${props.row.handle}`}
            message={props.row.message ?? ''}
            retrySubject={`inviting @${props.row.handle}`}
            onRetry={() => props.onRetry(entryId())}
            onDrop={() => props.onDrop(entryId())}
          />
        )}
      </Show>
    </li>
  );
}
