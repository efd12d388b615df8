import { createSignal, For, type JSX, onMount, Show } from 'solid-js';
import { PERSIST_REFUSED_NOTE, removeSaved, useSavedItems, useStorageEstimate } from '../state/offline.ts';
import { Notice, Skeleton } from '../ui/Basics.tsx';
import { count, formatBytes, formatDate, setTitle } from '../ui/format.ts';

const KIND_LABELS = {
  post: 'Post',
  tag: 'Tag',
  author: 'Author',
  latest: 'Feed',
  series: 'Series',
  following: 'Following',
} as const;

export default function SavedPage(): JSX.Element {
  onMount(() => setTitle('Saved for offline'));
  const items = useSavedItems();
  const storage = useStorageEstimate();
  const [removing, setRemoving] = createSignal<string | null>(null);
  const [status, setStatus] = createSignal('');

  const remove = async (key: string, title: string) => {
    setRemoving(key);
    try {
      await removeSaved(key);
      setStatus(`Removed ${title} from this device.`);
    } catch {
      setStatus(`Couldn't remove ${title}.`);
    } finally {
      setRemoving(null);
      void storage.refresh();
    }
  };

  return (
    <div class="saved-page">
      <header class="page-header card">
        <h1>Saved for offline</h1>
        <p>
          What you save here stays readable without a network. Pages you've opened before are kept on this device too.
        </p>
        <Show when={storage.persisted() === false && (items()?.length ?? 0) > 0}>
          <p class="muted small">{PERSIST_REFUSED_NOTE}</p>
        </Show>
        <Show when={storage.estimate()}>
          {(e) => (
            <div class="storage-use">
              <p>
                Storage on this device: <strong>{formatBytes(e().usage)}</strong> used
                {e().quota ? ` of ${formatBytes(e().quota)} available` : ''}.
              </p>
              <Show when={e().quota > 0}>
                <meter min={0} max={e().quota} value={e().usage} aria-label="Storage used on this device" />
              </Show>
            </div>
          )}
        </Show>
      </header>

      <p role="status" class="sr-status">
        {status()}
      </p>

      <section aria-labelledby="saved-list">
        <h2 id="saved-list" class="section-title">
          Saved items
        </h2>
        <Show when={items()} fallback={<Skeleton lines={3} label="Loading saved items…" />}>
          {(list) => (
            <Show
              when={list().length > 0}
              fallback={
                <Notice>
                  <p>
                    Nothing saved yet. Use “Save for offline” on a post, or “Make available offline” on the latest
                    posts, a tag, an author or a series.
                  </p>
                </Notice>
              }
            >
              <ul class="saved-list">
                <For each={list()}>
                  {(item) => (
                    <li class="card saved-item">
                      <div>
                        <span class="kind">{KIND_LABELS[item.kind]}</span>
                        <a class="saved-title" href={item.href}>
                          {item.title}
                        </a>
                        <p class="muted small">
                          {count(item.postSlugs.length, 'post')} · {formatBytes(item.bytes)} · saved{' '}
                          {formatDate(new Date(item.savedAt).toISOString())}
                        </p>
                      </div>
                      <button
                        type="button"
                        class="button button-secondary"
                        disabled={removing() === item.key}
                        aria-label={`Remove ${item.title}`}
                        onClick={() => void remove(item.key, item.title)}
                      >
                        Remove
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
      </section>
    </div>
  );
}
