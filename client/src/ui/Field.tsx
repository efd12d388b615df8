/** A labelled text input with an optional hint and its error message, wired for assistive technology. */
import type { JSX } from 'solid-js';
import { Show } from 'solid-js';

export type FieldProps = {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  value: string;
  onInput: (value: string) => void;
  error?: string | undefined;
  hint?: string;
  ref?: (element: HTMLInputElement) => void;
};

export function Field(props: FieldProps): JSX.Element {
  const hintId = () => `${props.id}-hint`;
  const errorId = () => `${props.id}-error`;
  const describedBy = () =>
    [props.hint ? hintId() : '', props.error ? errorId() : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        ref={props.ref}
        id={props.id}
        name={props.id}
        type={props.type ?? 'text'}
        autocomplete={props.autocomplete}
        autocapitalize="off"
        spellcheck={false}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy()}
      />
      <Show when={props.hint}>
        <p id={hintId()} class="hint muted">
          {props.hint}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={errorId()} class="field-error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
