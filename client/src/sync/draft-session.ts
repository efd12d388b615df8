/**
 * One open draft on this device: its synced doc (`draft:<id>`: device copy first, then the server), the
 * writer's presence (name and caret colour, for co-authors' named carets and "who is here"), and what
 * merged when a connection came back ("Merged 14 changes from Ana made while you were offline").
 *
 * Loads Yjs and the providers: only the editor page imports it.
 */
import type * as Y from 'yjs';
import { DRAFT_FIELDS } from '../../../shared/src/drafts/draft-doc.ts';
import { draftDocName } from '../../../shared/src/protocol/doc-name.ts';
import { addedByClient, createMergeWatcher } from '../editor/merge-report.ts';
import { hue } from '../ui/format.ts';
import { openSyncedDoc, type SyncedDoc, type SyncedDocOptions, siteSyncUrl } from './synced-doc.ts';

export type Writer = { id: string; name: string };
/** What awareness carries for each person with the draft open. */
export type Presence = Writer & { color: string };

/** A colour per person that is the same on every screen (and readable on light and dark backgrounds). */
export const caretColour = (userId: string) => `hsl(${hue(userId)} 70% 42%)`;

export type DraftSessionOptions = {
  draftId: string;
  writer: Writer;
  token: SyncedDocOptions['token'];
  /** Called with "Merged … changes from …" after a sync brought in others' changes. */
  onMerged(message: string): void;
};

export async function openDraftSession(options: DraftSessionOptions) {
  const synced: SyncedDoc = await openSyncedDoc({
    docName: draftDocName(options.draftId),
    serverUrl: siteSyncUrl(),
    token: options.token,
  });
  // `npm run bench` splits the editor's open time here: the device's copy is loaded, the editor not yet made.
  performance.mark('sdp:draft-loaded');
  const { doc, provider } = synced;
  const awareness = provider.awareness;
  const presence: Presence = { ...options.writer, color: caretColour(options.writer.id) };
  awareness.setLocalStateField('user', presence);

  const writers = doc.getMap<string>(DRAFT_FIELDS.writers);
  // Signs this client's changes with the writer's name, once, on the first local edit (a reader who only
  // looks never writes to the doc).
  const signFirstEdit = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === 'draft-session' || writers.get(String(doc.clientID))) return;
    doc.off('update', signFirstEdit);
    queueMicrotask(() => doc.transact(() => writers.set(String(doc.clientID), options.writer.name), 'draft-session'));
  };
  doc.on('update', signFirstEdit);

  // Changes that arrive as a merge (after our reconnect, or as a co-author rejoins) are reported by name.
  const merges = createMergeWatcher({
    selfClientId: doc.clientID,
    nameOf: (id) => writers.get(String(id)),
    report: options.onMerged,
  });
  let connectedBefore = false;
  // A first open with nothing on the device receives the whole draft: that is loading, not a merge.
  let loadingFromServer = doc.store.clients.size === 0;
  const onSync = (isSynced: boolean) => {
    if (isSynced) loadingFromServer = false;
  };
  const onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    if (connectedBefore) merges.reconnected();
    connectedBefore = true;
  };
  const onTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin === provider && !loadingFromServer)
      merges.remoteChanges(addedByClient(transaction.beforeState, transaction.afterState));
  };
  const onAwareness = ({ added }: { added: number[] }) => {
    for (const clientId of added) merges.joined(clientId);
  };
  provider.on('status', onStatus);
  provider.on('sync', onSync);
  doc.on('afterTransaction', onTransaction);
  awareness.on('change', onAwareness);

  return {
    doc,
    provider,
    awareness,
    presence,
    status: synced.status,
    onStatus: synced.onStatus,
    connect: () => synced.connect(),
    disconnect: () => synced.disconnect(),
    whenStoredOnDevice: () => synced.whenStoredOnDevice(),
    destroy() {
      doc.off('update', signFirstEdit);
      provider.off('status', onStatus);
      provider.off('sync', onSync);
      doc.off('afterTransaction', onTransaction);
      awareness.off('change', onAwareness);
      merges.dispose();
      synced.destroy();
    },
  };
}

export type DraftSession = Awaited<ReturnType<typeof openDraftSession>>;

/** Everyone with the draft open, one entry per person (several tabs of one person count once). */
export function presentPeople(states: Iterable<Record<string, unknown>>): Presence[] {
  const people = new Map<string, Presence>();
  for (const state of states) {
    const user = state.user as Partial<Presence> | undefined;
    if (typeof user?.id === 'string' && typeof user.name === 'string' && typeof user.color === 'string') {
      people.set(user.id, { id: user.id, name: user.name, color: user.color });
    }
  }
  return [...people.values()];
}
