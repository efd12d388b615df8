/** Labelled inputs (one line, or several with a counter) with a hint and an error, wired for assistive technology. */
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

/** What a control's aria-describedby names: its note (hint or counter) and, when there is one, its error. */
const describedBy = (id: string, note: boolean, error: string | undefined) =>
  [note ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The label, the control, the note under it and the error, in that order. */
function FieldFrame(props: {
  id: string;
  label: string;
  error: string | undefined;
  note: JSX.Element;
  noteClass?: string;
  children: JSX.Element;
}): JSX.Element {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Show when={props.note}>
        <p id={`${props.id}-hint`} class={`hint muted${props.noteClass ? ` ${props.noteClass}` : ''}`}>
          {props.note}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={`${props.id}-error`} class="field-error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}

export function Field(props: FieldProps): JSX.Element {
  return (
    <FieldFrame id={props.id} label={props.label} error={props.error} note={props.hint}>
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
        aria-describedby={describedBy(props.id, Boolean(props.hint), props.error)}
      />
    </FieldFrame>
  );
}

export type TextAreaFieldProps = Omit<FieldProps, 'type' | 'autocomplete' | 'ref' | 'hint'> & {
  /** The most characters allowed: shown as a counter, which turns into a warning past it. */
  maxLength: number;
  rows?: number;
  ref?: (element: HTMLTextAreaElement) => void;
};

/** A labelled multi-line field with a character counter (part of its description, not a live region). */
export function TextAreaField(props: TextAreaFieldProps): JSX.Element {
  const used = () => props.value.trim().length;
  const counter = () =>
    used() <= props.maxLength
      ? `${used()} of ${props.maxLength} characters`
      : `${used() - props.maxLength} characters over the ${props.maxLength} limit`;
  return (
    <FieldFrame
      id={props.id}
      label={props.label}
      error={props.error}
      note={counter()}
      noteClass={used() > props.maxLength ? 'over-limit' : ''}
    >
      <textarea
        ref={props.ref}
        id={props.id}
        name={props.id}
        rows={props.rows ?? 6}
        value={props.value}
        onInput={(event) => props.onInput(event.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.id, true, props.error)}
      />
    </FieldFrame>
  );
}
