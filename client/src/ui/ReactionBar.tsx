/**
 * A post's reactions: one toggle button per kind with its count (aria-pressed when the reader reacted),
 * pending and refused marks from the outbox, and a "Who reacted" disclosure. Signed out, a sign-in link.
 */
import { For, type JSX, Show } from 'solid-js';
import { REACTION_LABELS, type ReactionKind, type Reactor } from '../../../shared/src/model/social-api.ts';
import type { ReactionStatus } from '../store/reaction-view.ts';
import { PendingMark, RefusedChange } from './OutboxMarks.tsx';

export type ReactionBarProps = {
  reactions: ReactionStatus[];
  /** null while signed in; otherwise where "Sign in to react" leads. */
  signInHref: string | null;
  error: string | null;
  onToggle: (kind: ReactionKind, on: boolean) => void;
  onRetry: (entryId: string) => void;
  onDrop: (entryId: string) => void;
  /** Who reacted, loaded when the disclosure opens; null until then, a string when it failed. */
  reactors: Partial<Record<ReactionKind, Reactor[]>> | string | null;
  onShowReactors: () => void;
};

export function ReactionBar(props: ReactionBarProps): JSX.Element {
  return (
    <section class="reactions" aria-labelledby="reactions-heading">
      <h2 id="reactions-heading" class="sr-only">
        Reactions
      </h2>
      <div class="reaction-buttons">
        <For each={props.reactions}>
          {(r) => (
            <span class="reaction">
              <button
                type="button"
                class={`button button-sm${r.mine ? '' : ' button-secondary'}`}
                aria-pressed={r.mine ? 'true' : 'false'}
                disabled={props.signInHref !== null}
                onClick={() => props.onToggle(r.kind, !r.mine)}
              >
                {REACTION_LABELS[r.kind]} <span class="reaction-count">{r.count}</span>
              </button>
              <span role="status">
                <PendingMark when={r.pending} note={r.note} />
              </span>
              <Show when={r.refused}>
                {(refused) => (
                  <RefusedChange
                    what={`Couldn't ${refused().on ? 'add' : 'remove'} ${REACTION_LABELS[r.kind]}`}
                    message={refused().message}
                    retrySubject={REACTION_LABELS[r.kind]}
                    onRetry={() => props.onRetry(refused().entryId)}
                    onDrop={() => props.onDrop(refused().entryId)}
                  />
                )}
              </Show>
            </span>
          )}
        </For>
        <Show when={props.signInHref}>{(href) => <a href={href()}>Sign in to react</a>}</Show>
      </div>
      <Show when={props.error}>
        <p class="field-error" role="alert">
          {props.error}
        </p>
      </Show>
      <details class="reactors" onToggle={(e) => e.currentTarget.open && props.onShowReactors()}>
        <summary>Who reacted</summary>
        <Reactors reactors={props.reactors} />
      </details>
    </section>
  );
}

function Reactors(props: { reactors: ReactionBarProps['reactors'] }): JSX.Element {
  return (
    <Show when={props.reactors} fallback={<p class="muted small">Loading…</p>}>
      {(reactors) => (
        <Show when={typeof reactors() !== 'string'} fallback={<p class="muted small">{reactors() as string}</p>}>
          <For each={Object.entries(reactors() as Partial<Record<ReactionKind, Reactor[]>>)}>
            {([kind, people]) => (
              <Show when={people.length > 0}>
                <h3 class="small-heading">{REACTION_LABELS[kind as ReactionKind]}</h3>
                <ul class="reactor-list">
                  <For each={people}>
                    {(person) => (
                      <li>
                        <a href={`/@${person.handle}`}>{person.displayName}</a>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            )}
          </For>
        </Show>
      )}
    </Show>
  );
}
