/** The "Save for offline" / "Make available offline" control with its progress, result and notes. */
import { type JSX, Show } from 'solid-js';
import { formatBytes } from './format.ts';

export type OfflineButtonProps = {
  /** e.g. "Save for offline" or "Make available offline". */
  label: string;
  /** e.g. "Saved for offline" or "Available offline". */
  savedLabel: string;
  /** What is being saved, for accessible names: "this post", "the series". */
  subject: string;
  saved: { bytes: number; postCount: number } | undefined;
  busy: boolean;
  /** Posts fetched so far; kept after the save finishes so the final count stays readable. */
  progress: { done: number; total: number } | null;
  error: string | null;
  note: string | null;
  onSave: () => void;
  onRemove: () => void;
};

export function OfflineButton(props: OfflineButtonProps): JSX.Element {
  const posts = (n: number) => (n === 1 ? 'post' : 'posts');
  return (
    <div class="offline-control">
      <Show
        when={props.saved && !props.busy}
        fallback={
          <button type="button" class="button button-secondary" disabled={props.busy} onClick={() => props.onSave()}>
            <span aria-hidden="true">⤓ </span>
            {props.busy ? 'Saving…' : props.label}
          </button>
        }
      >
        <button type="button" class="button button-saved" disabled>
          <span aria-hidden="true">✓ </span>
          {props.savedLabel}
        </button>
        <span class="muted small">
          {props.saved && props.saved.postCount !== 1 ? `${props.saved.postCount} posts, ` : ''}
          {formatBytes(props.saved?.bytes ?? 0)}
        </span>
        <button
          type="button"
          class="button button-link"
          aria-label={`Remove ${props.subject} from this device`}
          onClick={() => props.onRemove()}
        >
          Remove
        </button>
      </Show>
      <Show when={props.progress}>
        {(p) => (
          <span class="save-progress">
            <Show when={props.busy}>
              <progress
                max={Math.max(1, p().total)}
                value={p().done}
                aria-label={`Saving ${props.subject} for offline`}
              />
            </Show>
            <span role="status">
              {p().done} of {p().total} {posts(p().total)}
              {props.busy ? '' : ' saved'}
            </span>
          </span>
        )}
      </Show>
      <Show when={props.error}>
        <p class="field-error" role="alert">
          Couldn't save: {props.error}
        </p>
      </Show>
      <Show when={props.note}>
        <p class="muted small" role="status">
          {props.note}
        </p>
      </Show>
    </div>
  );
}
