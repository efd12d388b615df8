/** A labelled text input with an optional hint and its error message, wired for assistive technology. */
import type { JSX } from 'solid-js';
import { Show } from 'solid-js';

export type FieldProps = {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password' | 'url';
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

export type TextAreaFieldProps = Omit<FieldProps, 'type' | 'autocomplete' | 'ref'> & {
  /** The most characters allowed: shown as a live counter, which turns into a warning past it. */
  maxLength: number;
  rows?: number;
  ref?: (element: HTMLTextAreaElement) => void;
};

/** A labelled multi-line field with a character counter (part of its description, not a live region). */
export function TextAreaField(props: TextAreaFieldProps): JSX.Element {
  const counterId = () => `${props.id}-count`;
  const errorId = () => `${props.id}-error`;
  const left = () => props.maxLength - props.value.trim().length;
  const describedBy = () => [counterId(), props.error ? errorId() : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <textarea
        ref={props.ref}
        id={props.id}
        name={props.id}
        rows={props.rows ?? 6}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy()}
      />
      <p id={counterId()} class={`hint muted${left() < 0 ? ' over-limit' : ''}`}>
        {left() >= 0
          ? `${props.value.trim().length} of ${props.maxLength} characters`
          : `${-left()} characters over the ${props.maxLength} limit`}
      </p>
      <Show when={props.error}>
        <p id={errorId()} class="field-error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
