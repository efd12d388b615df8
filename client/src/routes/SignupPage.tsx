import { useNavigate } from '@solidjs/router';
import { createSignal, type JSX, onMount, Show } from 'solid-js';
import { LIMITS, SignupBody } from '../../../shared/src/model/accounts.ts';
import { currentUser, session } from '../state/session.ts';
import { Field } from '../ui/Field.tsx';
import { setTitle } from '../ui/format.ts';
import { fieldErrors, requestError } from './account-form.ts';

type SignupField = 'email' | 'password' | 'handle';

export default function SignupPage(): JSX.Element {
  onMount(() => setTitle('Become an author'));
  const navigate = useNavigate();
  const [values, setValues] = createSignal<Record<SignupField, string>>({ email: '', password: '', handle: '' });
  const [errors, setErrors] = createSignal<Partial<Record<SignupField, string>>>({});
  const [serverError, setServerError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const inputs: Partial<Record<SignupField, HTMLInputElement>> = {};

  const set = (field: SignupField) => (value: string) => {
    setValues({ ...values(), [field]: value });
    if (errors()[field]) setErrors({ ...errors(), [field]: undefined });
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (busy()) return;
    setServerError(null);
    const found = fieldErrors(SignupBody, values());
    if (found) {
      setErrors(found);
      const first = (['email', 'password', 'handle'] as const).find((f) => found[f]);
      if (first) inputs[first]?.focus();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const user = await session().signUp({
        ...values(),
        email: values().email.trim(),
        handle: values().handle.trim(),
      });
      navigate(`/@${user.handle}`);
    } catch (error) {
      setServerError(requestError(error, 'create an account'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article class="card prose-page">
      <h1>Become an author</h1>
      <Show when={currentUser()}>
        {(user) => (
          <p class="notice">
            You're signed in as <a href={`/@${user().handle}`}>{user().displayName}</a>.
          </p>
        )}
      </Show>
      <p>Create an account to get a profile page and, soon, to write and follow authors and tags.</p>
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
          autocomplete="new-password"
          value={values().password}
          onInput={set('password')}
          error={errors().password}
          hint={`At least ${LIMITS.passwordMin} characters.`}
          ref={(el) => {
            inputs.password = el;
          }}
        />
        <Field
          id="handle"
          label="Handle"
          autocomplete="username"
          value={values().handle}
          onInput={set('handle')}
          error={errors().handle}
          hint="3–30 characters: a–z, 0–9, _ or -. Your profile will be at /@handle."
          ref={(el) => {
            inputs.handle = el;
          }}
        />
        <div role="alert">
          <Show when={serverError()}>
            <p class="field-error">{serverError()}</p>
          </Show>
        </div>
        <div>
          <button type="submit" class="button" disabled={busy()}>
            Create account
          </button>
        </div>
      </form>
      <p>
        Already have an account? <a href="/signin">Sign in</a>
      </p>
      <h2>What an author gets</h2>
      <ul>
        <li>
          A profile page at <code>/@your-handle</code>, with your headline, bio, location, website and GitHub, and a
          permanent link that keeps working if you change your handle.
        </li>
        <li>An editor for posts with code blocks, images and links — and it keeps working offline, like the reader.</li>
        <li>Tags, so readers who follow a topic find your posts, and series to publish a topic in parts.</li>
        <li>Reactions, comments and followers, with the counts shown on your posts and profile.</li>
        <li>A “Support” link on your profile to your own page for readers who want to support your writing.</li>
        <li>No ads or tracking cookies next to your writing.</li>
      </ul>
    </article>
  );
}
