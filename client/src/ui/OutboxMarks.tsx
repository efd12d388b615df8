/**
 * The marks of a change kept in the outbox: "Pending" while it waits for the server, and a refused
 * change's message with Retry and Drop. Shared by follow buttons, reactions and comments.
 */
import { type JSX, Show } from 'solid-js';

/** `note`: why it has not gone yet, after a failed send (e.g. the server's "too many comments" answer). */
export function PendingMark(props: { when: boolean; label?: string; note?: string | null }): JSX.Element {
  return (
    <Show when={props.when}>
      <span class="pending-mark" title="Saved on this device; it reaches the server when you're online.">
        {props.label ?? 'Pending'}
        <span class="sr-only"> — not on the server yet</span>
      </span>
      <Show when={props.note}>
        <span class="muted small"> {props.note}</span>
      </Show>
    </Show>
  );
}

export type RefusedChangeProps = {
  /** What was refused, e.g. "Couldn't follow Ana Okafor". */
  what: string;
  message: string;
  /** Completes the buttons' accessible names: "Retry following", "Drop this change". */
  retrySubject: string;
  onRetry: () => void;
  onDrop: () => void;
};

export function RefusedChange(props: RefusedChangeProps): JSX.Element {
  return (
    <span class="follow-refused" role="alert">
      <span>
        {props.what}: {props.message}
      </span>
      <button type="button" class="button button-link" onClick={() => props.onRetry()}>
        Retry<span class="sr-only"> {props.retrySubject}</span>
      </button>
      <button type="button" class="button button-link" onClick={() => props.onDrop()}>
        Drop<span class="sr-only"> this change</span>
      </button>
    </span>
  );
}
