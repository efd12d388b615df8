/** A labelled Markdown box with its submit button: new comments, replies and edits. */
import { createSignal, createUniqueId, type JSX, Show } from 'solid-js';
import { commentProblem } from '../store/comment-thread.ts';

export type CommentFormProps = {
  /** The box's label, e.g. "Add a comment". */
  label: string;
  submitLabel: string;
  initial?: string;
  /** Keeps the text; resolves once it is kept on the device (rejects with a message to show). */
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
};

export function CommentForm(props: CommentFormProps): JSX.Element {
  const [body, setBody] = createSignal(props.initial ?? '');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const id = `comment-box-${createUniqueId()}`;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const problem = commentProblem(body());
    setError(problem);
    if (problem) return;
    setBusy(true);
    try {
      await props.onSubmit(body());
      setBody('');
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="comment-form" onSubmit={(e) => void submit(e)}>
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        rows={3}
        value={body()}
        onInput={(e) => setBody(e.currentTarget.value)}
        aria-invalid={error() ? 'true' : undefined}
        aria-describedby={error() ? `${id}-error` : undefined}
      />
      <Show when={error()}>
        <p id={`${id}-error`} class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <p class="comment-form-actions">
        <button type="submit" class="button button-sm" disabled={busy()}>
          {props.submitLabel}
        </button>
        <Show when={props.onCancel}>
          {(cancel) => (
            <button type="button" class="button button-sm button-secondary" onClick={() => cancel()()}>
              Cancel
            </button>
          )}
        </Show>
      </p>
    </form>
  );
}
