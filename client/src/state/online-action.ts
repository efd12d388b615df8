/**
 * An action that needs the server now rather than through the outbox (uploading an avatar, exporting or
 * importing drafts): busy while it runs, its error to show, and a clear message instead of a request when
 * the browser is offline.
 */
import { createSignal } from 'solid-js';
import { isOnline } from './online.ts';

const messageOf = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

export function createOnlineAction(offlineMessage: string) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  return {
    busy,
    error,
    /**
     * Runs `task` (unless offline) and hands its result to `done`; a failure is shown as `explain` words
     * it (the error's own message by default).
     */
    async run<T>(
      task: () => Promise<T>,
      done: (result: T) => void,
      explain: (message: string) => string = (message) => message,
    ): Promise<void> {
      setError(null);
      if (!isOnline()) {
        setError(offlineMessage);
        return;
      }
      setBusy(true);
      try {
        done(await task());
      } catch (caught) {
        setError(explain(messageOf(caught)));
      } finally {
        setBusy(false);
      }
    },
  };
}
