/** One line saying whether the user doc's changes have reached the server (and so the other devices). */
import { type JSX, Show } from 'solid-js';
import { type UserDocStatus, userDocError, userDocStatus } from '../state/user-doc.ts';

export function syncStatusText(status: UserDocStatus | null): string {
  if (!status) return 'Opening…';
  if (status.connection === 'refused') return 'The server refused to sync. Sign out and in again.';
  if (status.connection !== 'connected') {
    return status.synced ? 'Offline — your other devices are up to date.' : 'Saved on this device; syncs when online.';
  }
  return status.synced ? 'Synced with your other devices.' : 'Syncing…';
}

export function SyncStatus(): JSX.Element {
  return (
    <p role="status" class="muted small sync-status">
      <Show when={userDocError()} fallback={syncStatusText(userDocStatus())}>
        {userDocError()}
      </Show>
    </p>
  );
}
