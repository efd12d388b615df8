/**
 * The state an account form (sign-in, sign-up, edit profile) needs: values, each field's problem, the
 * server's answer and whether a request is under way; checked with the shared schema before anything is
 * sent. A server answer that names a field (e.g. "handle … is taken") is shown next to that field.
 */
import { createSignal, type JSX, Show } from 'solid-js';
import type * as v from 'valibot';
import { currentUser } from '../state/session.ts';
import { type FieldLabels, fieldErrors, fieldOfMessage, plainWords, requestError } from './account-form.ts';

type FieldElement = HTMLInputElement | HTMLTextAreaElement;

export function createAccountForm<F extends string>(options: {
  fields: readonly F[];
  schema: v.GenericSchema;
  /** Completes "Could not …" and "Connect to the internet to …". */
  action: string;
  send: (values: Record<F, string>) => Promise<void>;
  /** Names for field keys that do not read well in a sentence (`supportUrl` → "Support link"). */
  labels?: FieldLabels;
}) {
  const empty = Object.fromEntries(options.fields.map((f) => [f, ''])) as Record<F, string>;
  const [values, setValues] = createSignal(empty);
  const [errors, setErrors] = createSignal<Partial<Record<F, string>>>({});
  const [serverError, setServerError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const inputs: Partial<Record<F, FieldElement>> = {};

  const showErrors = (found: Partial<Record<F, string>>) => {
    setErrors(() => found);
    const first = options.fields.find((f) => found[f]);
    if (first) inputs[first]?.focus();
  };

  const set = (field: F) => (value: string) => {
    setValues(() => ({ ...values(), [field]: value }));
    if (errors()[field]) setErrors(() => ({ ...errors(), [field]: undefined }));
  };

  /** Props for a Field; getters keep them reactive through a spread. */
  const field = (name: F) => ({
    id: name,
    get value() {
      return values()[name];
    },
    onInput: set(name),
    get error() {
      return errors()[name];
    },
    ref: (element: FieldElement) => {
      inputs[name] = element;
    },
  });

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setServerError(null);
    const found = fieldErrors(options.schema, values(), options.labels);
    if (found) {
      showErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await options.send(values());
    } catch (error) {
      const field = error instanceof Error ? fieldOfMessage(error.message, options.fields) : null;
      if (field && error instanceof Error)
        showErrors({ [field]: plainWords(error.message, options.labels) } as Partial<Record<F, string>>);
      else setServerError(requestError(error, options.action));
    } finally {
      setBusy(false);
    }
  };

  return {
    field,
    submit,
    busy,
    serverError,
    values,
    /** Replaces every value (a form that starts from saved data) and clears the errors. */
    reset(next: Record<F, string>) {
      setValues(() => next);
      setErrors({});
      setServerError(null);
    },
  };
}

/** The server's answer (role=alert, so it is read out) and the submit button. */
export function FormSubmit(props: { label: string; busy: boolean; serverError: string | null }): JSX.Element {
  return (
    <>
      <div role="alert">
        <Show when={props.serverError}>
          <p class="field-error">{props.serverError}</p>
        </Show>
      </div>
      <div>
        <button type="submit" class="button" disabled={props.busy}>
          {props.label}
        </button>
      </div>
    </>
  );
}

/** On the sign-in and sign-up pages: who is signed in already, if anyone. */
export function SignedInNotice(): JSX.Element {
  return (
    <Show when={currentUser()}>
      {(user) => (
        <p class="notice">
          You're signed in as <a href={`/@${user().handle}`}>{user().displayName}</a>.
        </p>
      )}
    </Show>
  );
}
