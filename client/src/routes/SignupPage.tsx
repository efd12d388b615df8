import { useNavigate } from '@solidjs/router';
import { type JSX, onMount } from 'solid-js';
import { LIMITS, SignupBody } from '../../../shared/src/model/accounts.ts';
import { session } from '../state/session.ts';
import { Field } from '../ui/Field.tsx';
import { setTitle } from '../ui/format.ts';
import { createAccountForm, FormSubmit, SignedInNotice } from './account-form-state.tsx';

export default function SignupPage(): JSX.Element {
  onMount(() => setTitle('Become an author'));
  const navigate = useNavigate();
  const form = createAccountForm({
    fields: ['email', 'password', 'handle'] as const,
    schema: SignupBody,
    action: 'create an account',
    send: async (values) => {
      const user = await session().signUp({ ...values, email: values.email.trim(), handle: values.handle.trim() });
      navigate(`/@${user.handle}`);
    },
  });

  return (
    <article class="card prose-page">
      <h1>Become an author</h1>
      <SignedInNotice />
      <p>Create an account to get a profile page, follow authors and tags, and keep a reading list on every device.</p>
      <form class="auth-form" novalidate onSubmit={(event) => void form.submit(event)} aria-busy={form.busy()}>
        <Field label="Email" type="email" autocomplete="email" {...form.field('email')} />
        <Field
          label="Password"
          type="password"
          autocomplete="new-password"
          {...form.field('password')}
          hint={`At least ${LIMITS.passwordMin} characters.`}
        />
        <Field
          label="Handle"
          autocomplete="username"
          {...form.field('handle')}
          hint="3–30 characters: a–z, 0–9, _ or -. Your profile will be at /@handle."
        />
        <FormSubmit label="Create account" busy={form.busy()} serverError={form.serverError()} />
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
