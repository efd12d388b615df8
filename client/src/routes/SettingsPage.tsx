/**
 * `/settings`: reader settings (synced through the user doc when signed in), a way to the profile editor,
 * and, signed in, export and import of your writing.
 */
import { For, type JSX, onMount, Show } from 'solid-js';
import { FONT_SIZE_LABELS, FONT_SIZES, settingChange, THEME_LABELS, THEMES } from '../state/reader-settings.ts';
import { currentUser } from '../state/session.ts';
import { changeSettings, readerSettings } from '../state/user-doc.ts';
import { setTitle } from '../ui/format.ts';
import { SyncStatus } from './SyncStatus.tsx';
import { YourWriting } from './YourWriting.tsx';

export default function SettingsPage(): JSX.Element {
  onMount(() => setTitle('Settings'));
  const change = (field: string, value: string) => {
    const checked = settingChange(field, value);
    if (checked) void changeSettings(checked);
  };

  return (
    <article class="card prose-page settings-page">
      <h1>Settings</h1>
      <Show when={currentUser()}>
        <p>
          <a href="/settings/profile">Edit profile</a> · <a href="/reading-list">Reading list</a>
        </p>
      </Show>
      <section aria-labelledby="reader-settings">
        <h2 id="reader-settings">Reading</h2>
        <Show
          when={currentUser()}
          fallback={<p class="muted small">Kept on this device. Sign in to use them on all your devices.</p>}
        >
          <SyncStatus />
        </Show>
        <fieldset class="choice-group">
          <legend>Theme</legend>
          <For each={THEMES}>
            {(theme) => (
              <label>
                <input
                  type="radio"
                  name="theme"
                  value={theme}
                  checked={readerSettings().theme === theme}
                  onChange={(event) => change('theme', event.currentTarget.value)}
                />{' '}
                {THEME_LABELS[theme]}
              </label>
            )}
          </For>
        </fieldset>
        <div class="field">
          <label for="font-size">Font size</label>
          <select
            id="font-size"
            value={readerSettings().fontSize}
            onChange={(event) => change('fontSize', event.currentTarget.value)}
          >
            <For each={FONT_SIZES}>{(size) => <option value={size}>{FONT_SIZE_LABELS[size]}</option>}</For>
          </select>
        </div>
      </section>
      <Show when={currentUser()}>
        <YourWriting />
      </Show>
    </article>
  );
}
