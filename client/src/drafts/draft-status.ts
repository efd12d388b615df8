/**
 * The one line that says where a draft stands, from the synced doc's status: on this device only
 * ("Saved on this device"), on its way ("Syncing…") or stored on the server ("Synced", driven by the
 * server's persisted-update acks, never by the socket being open), with the number of changes the
 * server does not have yet and when it last had everything. Pure, so every state is unit-tested.
 */
import type { SyncedDocStatus } from '../sync/synced-doc.ts';
import { count } from '../ui/format.ts';

export type DraftStatusTone = 'ok' | 'busy' | 'local' | 'problem';
export type DraftStatusView = { label: string; detail: string; tone: DraftStatusTone };

const timeFormat = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });

export function lastSyncText(lastSyncedAt: number | null, now: number): string {
  if (lastSyncedAt === null) return 'Not synced yet';
  const seconds = Math.round((now - lastSyncedAt) / 1000);
  if (seconds < 60) return 'Last synced just now';
  return `Last synced at ${timeFormat.format(new Date(lastSyncedAt))}`;
}

const waitingText = (pending: number) => `${count(pending, 'change')} not yet on the server`;

export function draftStatusView(status: SyncedDocStatus | null, now: number): DraftStatusView {
  if (!status) return { label: 'Opening…', detail: '', tone: 'busy' };
  const lastSync = lastSyncText(status.lastSyncedAt, now);
  if (status.device === 'unavailable') {
    return {
      label: status.synced && status.connection === 'connected' ? 'Synced' : 'Not saved on this device',
      detail:
        'This browser keeps no offline copy (a private window?). Stay online until it says Synced before closing.',
      tone: 'problem',
    };
  }
  if (status.device === 'full') {
    return {
      label: 'Device storage is full',
      detail: `New changes are not saved on this device. Free some space, or stay online until Synced. ${status.pending > 0 ? waitingText(status.pending) : lastSync}.`,
      tone: 'problem',
    };
  }
  const waiting = status.pending > 0 ? `${waitingText(status.pending)} · ` : '';
  if (status.connection === 'refused') {
    const why = status.refusal?.reason ? ` (${status.refusal.reason})` : '';
    return {
      label: 'Saved on this device',
      detail: `The server refused to sync${why}. ${waiting}${lastSync}`,
      tone: 'problem',
    };
  }
  if (status.connection === 'connected' && status.synced && status.device !== 'saving') {
    return { label: 'Synced', detail: lastSync, tone: 'ok' };
  }
  if (status.connection === 'connected') return { label: 'Syncing…', detail: `${waiting}${lastSync}`, tone: 'busy' };
  return { label: 'Saved on this device', detail: `${waiting}${lastSync}`, tone: 'local' };
}
