import { useNavigate } from '@solidjs/router';
import { createSignal, type JSX, onMount, Show } from 'solid-js';
import { SigninBody } from '../../../shared/src/model/accounts.ts';
import { currentUser, session } from '../state/session.ts';
import { Field } from '../ui/Field.tsx';
import { setTitle } from '../ui/format.ts';
import { fieldErrors, requestError } from './account-form.ts';

type SigninField = 'email' | 'password';

export default function SigninPage(): JSX.Element {
  onMount(() => setTitle('Sign in'));
  const navigate = useNavigate();
  const [values, setValues] = createSignal<Record<SigninField, string>>({ email: '', password: '' });
  const [errors, setErrors] = createSignal<Partial<Record<SigninField, string>>>({});
  const [serverError, setServerError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const inputs: Partial<Record<SigninField, HTMLInputElement>> = {};

  const set = (field: SigninField) => (value: string) => {
    setValues({ ...values(), [field]: value });
    if (errors()[field]) setErrors({ ...errors(), [field]: undefined });
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setServerError(null);
    const found = fieldErrors(SigninBody, values());
    if (found) {
      setErrors(found);
      const first = (['email', 'password'] as const).find((f) => found[f]);
      if (first) inputs[first]?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const user = await session().signIn({ email: values().email.trim(), password: values().password });
      navigate(`/@${user.handle}`);
    } catch (error) {
      setServerError(requestError(error, 'sign in'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="card prose-page">
      <h1>Sign in</h1>
      <Show when={currentUser()}>
        {(user) => (
          <p class="notice">
            You're signed in as <a href={`/@${user().handle}`}>{user().displayName}</a>.
          </p>
        )}
      </Show>
      <form class="auth-form" novalidate onSubmit={(event) => void submit(event)} aria-busy={busy()}>
        <Field
          id="email"
          label="Email"
          type="email"
          autocomplete="email"
          value={values().email}
          onInput={set('email')}
          error={errors().email}
          ref={(el) => {
            inputs.email = el;
          }}
        />
        <Field
          id="password"
          label="Password"
          type="password"
          autocomplete="current-password"
          value={values().password}
          onInput={set('password')}
          error={errors().password}
          ref={(el) => {
            inputs.password = el;
          }}
        />
        <div role="alert">
          <Show when={serverError()}>
            <p class="field-error">{serverError()}</p>
          </Show>
        </div>
        <div>
          <button type="submit" class="button" disabled={busy()}>
            Sign in
          </button>
        </div>
      </form>
      <p>
        New here? <a href="/signup">Become an author</a>
      </p>
    </article>
  );
}
