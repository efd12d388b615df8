/** The profile editor's avatar: the current one (initials when none), upload a new image, or remove it. */
import { createSignal, type JSX, Show } from 'solid-js';
import { createOnlineAction } from '../state/online-action.ts';
import { AVATAR_TYPES, removeAvatar, uploadAvatar } from '../state/profile.ts';
import { Avatar, ErrorLine } from '../ui/Basics.tsx';

export function AvatarEditor(props: { id: string; name: string; src: string | null | undefined }): JSX.Element {
  const action = createOnlineAction("You're offline. Changing your avatar needs a connection.");
  const { busy, error } = action;
  const [done, setDone] = createSignal('');

  const run = (change: () => Promise<unknown>, success: string) => {
    setDone('');
    return action.run(change, () => setDone(success));
  };

  const onFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void run(() => uploadAvatar(file), 'Avatar updated.');
  };

  return (
    <fieldset class="avatar-editor" aria-busy={busy()}>
      <legend>Avatar</legend>
      <div class="avatar-preview">
        <Avatar id={props.id} name={props.name} src={props.src} size="lg" />
        <div>
          <input
            id="avatar-file"
            class="visually-hidden-file"
            type="file"
            accept={AVATAR_TYPES.join(',')}
            disabled={busy()}
            aria-describedby="avatar-hint"
            onChange={(event) => onFile(event.currentTarget)}
          />
          <label class="button button-secondary" for="avatar-file">
            Upload an image
          </label>
          <Show when={props.src}>
            <button
              type="button"
              class="button button-link"
              disabled={busy()}
              onClick={() => void run(removeAvatar, 'Avatar removed; your initials show instead.')}
            >
              Remove avatar
            </button>
          </Show>
          <p id="avatar-hint" class="hint muted">
            PNG, JPEG or WebP, up to 1 MB. Without one, your initials show.
          </p>
        </div>
      </div>
      <p role="status" class="small">
        {busy() ? 'Uploading…' : done()}
      </p>
      <ErrorLine message={error()} />
    </fieldset>
  );
}
