/**
 * Solid adapters for offline saves: one save/remove control per target, the saved list and storage use.
 * The save machinery (store/offline-saves.ts) is imported on first use, so pages don't pay for it at load.
 */
import { type Accessor, createMemo, createSignal } from 'solid-js';
import type { SavedItem } from '../store/db.ts';
import type { SaveProgress } from '../store/offline-saves.ts';
import { allSaved, type SaveTarget, savedItem, savedKey, storageEstimate } from '../store/saved.ts';
import { createLive } from './swr.ts';

export type { SavedItem } from '../store/db.ts';
export type { SaveProgress } from '../store/offline-saves.ts';
export type { SaveTarget } from '../store/saved.ts';

export const PERSIST_REFUSED_NOTE = 'Your browser may clear saved posts when space runs low.';

const machinery = () => import('../store/offline-saves.ts');

export type OfflineControl = {
  saved: Accessor<SavedItem | undefined>;
  busy: Accessor<boolean>;
  progress: Accessor<SaveProgress | null>;
  error: Accessor<string | null>;
  note: Accessor<string | null>;
  save: () => Promise<void>;
  remove: () => Promise<void>;
};

export function createOfflineControl(target: Accessor<SaveTarget | undefined>): OfflineControl {
  const key = createMemo(() => {
    const t = target();
    return t ? savedKey(t) : undefined;
  });
  const saved = createLive(key, (k) => savedItem(k));
  const [busy, setBusy] = createSignal(false);
  const [progress, setProgress] = createSignal<SaveProgress | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [note, setNote] = createSignal<string | null>(null);

  const run = async (task: () => Promise<unknown>) => {
    if (busy()) return;
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      await task();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work.');
      setProgress(null);
    } finally {
      setBusy(false);
    }
  };

  return {
    saved,
    busy,
    progress,
    error,
    note,
    save: () =>
      run(async () => {
        const t = target();
        if (!t) return;
        const { offlineSaves, requestPersistence } = await machinery();
        // Ask once for persistent storage; say plainly when the browser refuses.
        const persisted = requestPersistence().then((r) => setNote(r === 'refused' ? PERSIST_REFUSED_NOTE : null));
        await offlineSaves().save(t, setProgress);
        await persisted;
      }),
    remove: () =>
      run(async () => {
        const k = key();
        if (k) await (await machinery()).offlineSaves().remove(k);
      }),
  };
}

export const useSavedItems = () =>
  createLive(
    () => 'all',
    () => allSaved(),
  );

export const removeSaved = async (key: string) => (await machinery()).offlineSaves().remove(key);

export function useStorageEstimate() {
  const [estimate, setEstimate] = createSignal<Awaited<ReturnType<typeof storageEstimate>>>(null);
  const refresh = async () => setEstimate(await storageEstimate().catch(() => null));
  void refresh();
  return { estimate, persisted: () => estimate()?.persisted ?? null, refresh };
}
