/**
 * Asked on "Sign out" when this device holds the user's drafts: on a shared computer they may want them
 * gone. Removing happens after the session ends, so nothing is left half signed in.
 */
import { type JSX, onMount, Show } from 'solid-js';
import { deviceCopies } from '../store/device-copies.ts';

export type SignOutChoiceProps = {
  userId: string;
  onChoose(choice: 'keep' | 'remove' | 'cancel'): void;
};

export default function SignOutChoice(props: SignOutChoiceProps): JSX.Element {
  const copies = deviceCopies(props.userId);
  let first: HTMLButtonElement | undefined;
  onMount(() => first?.focus());
  return (
    <div
      class="container sign-out-choice"
      role="alertdialog"
      aria-labelledby="sign-out-title"
      aria-describedby="sign-out-text"
    >
      <h2 id="sign-out-title">Sign out on a shared computer?</h2>
      <p id="sign-out-text">
        This device keeps {copies.count === 1 ? 'a copy of 1 draft' : `copies of ${copies.count} drafts`} so you can
        write offline.
        <Show when={copies.unsynced > 0}>
          {' '}
          <strong>
            {copies.unsynced === 1 ? '1 draft has' : `${copies.unsynced} drafts have`} changes not on the server yet:
            removing loses them.
          </strong>
        </Show>
      </p>
      <div class="actions">
        <button type="button" class="button button-secondary" ref={first} onClick={() => props.onChoose('keep')}>
          Sign out, keep drafts here
        </button>
        <button type="button" class="button" onClick={() => props.onChoose('remove')}>
          Sign out and remove drafts from this device
        </button>
        <button type="button" class="button button-link" onClick={() => props.onChoose('cancel')}>
          Cancel
        </button>
      </div>
    </div>
  );
}
