/**
 * A draft's (or any document's) freshest stored state: the loaded room's (sync keeps it current) when
 * it is open somewhere, else storage. Both hold only stored updates, so what is published was acknowledged.
 */
import * as Y from 'yjs';
import { draftDocName } from '../../../shared/src/protocol/doc-name.ts';
import { BadRequestError } from '../errors.ts';
import { DocState } from '../rooms/doc-state.ts';
import type { DocStore } from '../storage/doc-store.ts';

/** What publishing needs of the sync core (SyncCore.storedState). */
export type LiveDocuments = { storedState(name: string): Uint8Array | null };

export type DraftStates = ReturnType<typeof createDraftStates>;

export function createDraftStates({
  docStore,
  live = () => null,
}: {
  docStore: Pick<DocStore, 'loadDoc' | 'appendUpdates'>;
  live?: () => LiveDocuments | null;
}) {
  /** One merged Yjs update of everything stored for a document (an empty document if nothing is). */
  async function loadDoc(name: string): Promise<Uint8Array> {
    const inMemory = live()?.storedState(name);
    if (inMemory) return inMemory;
    return DocState.fromStored(await docStore.loadDoc(name)).current();
  }

  return {
    /** The draft's document, as `loadDoc`. */
    load: (draftId: string) => loadDoc(draftDocName(draftId)),

    /** Any document by name (e.g. the user doc, for an export). */
    loadDoc,

    /** Stores a first state for a draft made on the server (an import); nobody can have it open yet. */
    async seed(draftId: string, update: Uint8Array): Promise<void> {
      await docStore.appendUpdates(draftDocName(draftId), [update]);
    },
  };
}

/**
 * Whether `state` holds everything a device had when its state vector was taken. A state vector counts
 * insertions only: a deletion made after a device's last insertion is not seen here (it arrives with
 * the next sync, and publishing again includes it).
 */
export function coversStateVector(state: Uint8Array, stateVector: Uint8Array): boolean {
  const server = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(state));
  for (const [client, clock] of Y.decodeStateVector(stateVector)) {
    if ((server.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/** The base64 state vector a publish carries; a 400 that says so when it is not one. */
export function readStateVector(base64: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  try {
    Y.decodeStateVector(bytes);
  } catch {
    throw new BadRequestError(
      'stateVector is not a Yjs state vector; send Y.encodeStateVector(doc) of the draft, base64-encoded.',
    );
  }
  return bytes;
}
