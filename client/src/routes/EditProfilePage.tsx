/**
 * `/settings/profile`: the signed-in user edits their profile. Checked with the shared schema before it
 * is sent; saved through the outbox, so an edit made offline waits on the device and applies when online.
 */
import { useNavigate } from '@solidjs/router';
import { createEffect, createSignal, type JSX, onMount, Show } from 'solid-js';
import { LIMITS, ProfilePatch } from '../../../shared/src/model/accounts.ts';
import { useAuthorById } from '../state/catalog.ts';
import { saveProfile, useWaitingProfileChange } from '../state/profile.ts';
import { currentUser } from '../state/session.ts';
import { asFullAuthor } from '../store/catalog.ts';
import { PROFILE_FIELDS } from '../store/profile.ts';
import { Notice, Skeleton } from '../ui/Basics.tsx';
import { Field, TextAreaField } from '../ui/Field.tsx';
import { setTitle } from '../ui/format.ts';
import { AvatarEditor } from './AvatarEditor.tsx';
import { createAccountForm, FormSubmit } from './account-form-state.tsx';
import { changedFields, PROFILE_LABELS, type ProfileValues, profileValues } from './profile-form.ts';

const WILL_APPLY = "You're offline. Your changes are kept on this device. Will apply when online.";

export default function EditProfilePage(): JSX.Element {
  onMount(() => setTitle('Edit profile'));
  return (
    <article class="card prose-page edit-profile">
      <h1>Edit profile</h1>
      <Show
        when={currentUser()}
        fallback={
          <Show when={currentUser() === null} fallback={<Skeleton lines={4} label="Loading…" />}>
            <Notice>
              <p>
                <a href="/signin">Sign in</a> to edit your profile.
              </p>
            </Notice>
          </Show>
        }
      >
        {(user) => <ProfileForm userId={user().id} />}
      </Show>
    </article>
  );
}

function ProfileForm(props: { userId: string }): JSX.Element {
  const navigate = useNavigate();
  const author = useAuthorById(() => props.userId);
  const waiting = useWaitingProfileChange(() => props.userId);
  const [status, setStatus] = createSignal('');
  let initial: ProfileValues | undefined;

  const form = createAccountForm({
    fields: PROFILE_FIELDS,
    schema: ProfilePatch,
    action: 'save your profile',
    labels: PROFILE_LABELS,
    send: async (values) => {
      setStatus('');
      const change = initial ? changedFields(initial, values) : values;
      if (Object.keys(change).length === 0) {
        setStatus('Nothing changed.');
        return;
      }
      const outcome = await saveProfile(props.userId, change);
      if (outcome.kind === 'refused') throw new Error(outcome.message);
      initial = values;
      if (outcome.kind === 'queued') setStatus(WILL_APPLY);
      else navigate(`/@${outcome.author?.handle ?? values.handle.trim().toLowerCase()}`);
    },
  });

  // Fill the form once, from the profile kept on the device and any change still waiting to be sent.
  createEffect(() => {
    const kept = asFullAuthor(author.data());
    if (!kept || initial) return;
    initial = profileValues(kept, waiting()?.payload);
    form.reset(initial);
    if (waiting()) setStatus(WILL_APPLY);
  });

  const field = (name: (typeof PROFILE_FIELDS)[number]) => ({ ...form.field(name), label: PROFILE_LABELS[name] });

  return (
    <Show
      when={asFullAuthor(author.data())}
      fallback={
        <Show
          when={author.status() === 'loading'}
          fallback={
            <Notice tone="warn">
              <p>Your profile isn't on this device yet. Connect to the internet to edit it.</p>
            </Notice>
          }
        >
          <Skeleton lines={6} label="Loading your profile…" />
        </Show>
      }
    >
      {(kept) => (
        <form class="auth-form" novalidate onSubmit={(event) => void form.submit(event)} aria-busy={form.busy()}>
          <AvatarEditor id={kept().id} name={form.values().displayName || kept().displayName} src={kept().avatarUrl} />
          <Field {...field('displayName')} autocomplete="name" />
          <Field
            {...field('handle')}
            autocomplete="username"
            hint="3–30 characters: a–z, 0–9, _ or -. Your old /@handle keeps pointing here for 90 days."
          />
          <Field {...field('headline')} hint="One line under your name, e.g. what you build." />
          <Field {...field('website')} type="url" autocomplete="url" hint="An http:// or https:// address." />
          <Field {...field('github')} hint="Just the username, e.g. octocat." />
          <Field {...field('supportUrl')} type="url" hint="A page where readers can support your writing." />
          <Field {...field('location')} />
          <TextAreaField {...field('bio')} maxLength={LIMITS.bioMax} />
          <p role="status" class="notice-inline">
            {status()}
          </p>
          <FormSubmit label="Save profile" busy={form.busy()} serverError={form.serverError()} />
        </form>
      )}
    </Show>
  );
}
