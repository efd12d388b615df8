/** A one-time, dismissible note about what the site keeps on this device. */
import { createSignal, type JSX, Show } from 'solid-js';

const DISMISSED_KEY = 'sdp-storage-notice-dismissed';

const readDismissed = () => {
  try {
    return localStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
};

export function StorageNotice(): JSX.Element {
  const [dismissed, setDismissed] = createSignal(readDismissed());
  const dismiss = () => {
    setDismissed(true);
    // The button goes away with the notice: keep keyboard focus in the page.
    document.getElementById('main')?.focus();
    try {
      localStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Private mode without storage: it stays dismissed for this visit.
    }
  };
  return (
    <Show when={!dismissed()}>
      <section class="storage-notice" aria-label="Storage notice">
        <p>
          SysDesPro keeps the posts you read on this device (in IndexedDB and Cache Storage) so you can read them
          offline. It sets no tracking cookies.
        </p>
        <button type="button" class="button" onClick={dismiss}>
          OK, got it
        </button>
      </section>
    </Show>
  );
}
