import { useNavigate, useSearchParams } from '@solidjs/router';
import { type JSX, onMount } from 'solid-js';
import { SigninBody } from '../../../shared/src/model/accounts.ts';
import { session } from '../state/session.ts';
import { Field } from '../ui/Field.tsx';
import { setTitle } from '../ui/format.ts';
import { createAccountForm, FormSubmit, SignedInNotice } from './account-form-state.tsx';
import { nextPath } from './sign-in-link.ts';

export default function SigninPage(): JSX.Element {
  onMount(() => setTitle('Sign in'));
  const navigate = useNavigate();
  const [search] = useSearchParams<{ next?: string }>();
  const form = createAccountForm({
    fields: ['email', 'password'] as const,
    schema: SigninBody,
    action: 'sign in',
    send: async (values) => {
      const user = await session().signIn({ email: values.email.trim(), password: values.password });
      // Back to the page that asked for an account (a Follow button), else to the user's profile.
      navigate(nextPath(search.next) ?? `/@${user.handle}`);
    },
  });

  return (
    <article class="card prose-page">
      <h1>Sign in</h1>
      <SignedInNotice />
      <form class="auth-form" novalidate onSubmit={(event) => void form.submit(event)} aria-busy={form.busy()}>
        <Field label="Email" type="email" autocomplete="email" {...form.field('email')} />
        <Field label="Password" type="password" autocomplete="current-password" {...form.field('password')} />
        <FormSubmit label="Sign in" busy={form.busy()} serverError={form.serverError()} />
      </form>
      <p>
        New here? <a href="/signup">Become an author</a>
      </p>
    </article>
  );
}
