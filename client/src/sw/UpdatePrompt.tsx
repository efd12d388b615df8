/** Service worker registration and its prompts: a new version waiting, and "ready to work offline". */

import { useRegisterSW } from 'virtual:pwa-register/solid';
import { createEffect, createSignal, type JSX, onCleanup, Show } from 'solid-js';
import { flushBeforeReload } from './flush-before-reload.ts';

export default function UpdatePrompt(): JSX.Element {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    immediate: true,
    onRegisterError(error) {
      console.warn('Service worker registration failed; offline reading is unavailable.', error);
    },
  });

  const [reloading, setReloading] = createSignal(false);
  // An open draft's last keystrokes reach the device before the page goes away.
  const reload = async () => {
    setReloading(true);
    await flushBeforeReload();
    await updateServiceWorker(true);
  };

  // The "ready" toast goes away by itself.
  createEffect(() => {
    if (!offlineReady()) return;
    const timer = setTimeout(() => setOfflineReady(false), 6000);
    onCleanup(() => clearTimeout(timer));
  });

  return (
    <section class="toasts" aria-label="App updates">
      <div role="status">
        <Show when={offlineReady() && !needRefresh()}>
          <div class="toast">
            <p>Ready to work offline.</p>
            <button type="button" class="button button-secondary" onClick={() => setOfflineReady(false)}>
              Close
            </button>
          </div>
        </Show>
      </div>
      <div role="alert">
        <Show when={needRefresh()}>
          <div class="toast">
            <p>A new version is available.</p>
            <button type="button" class="button" disabled={reloading()} onClick={() => void reload()}>
              {reloading() ? 'Saving your work…' : 'Reload'}
            </button>
            <button type="button" class="button button-secondary" onClick={() => setNeedRefresh(false)}>
              Later
            </button>
          </div>
        </Show>
      </div>
    </section>
  );
}
