/**
 * Removing what a user's writing left on this device, for "Sign out" on a shared computer: each draft's
 * Yjs copy (y-indexeddb keeps one database per document, named like the document), the user's private
 * doc, and the device's list of drafts. Changes not yet on the server are lost with them, so the caller
 * asks first and says how many drafts have such changes.
 */
import { draftDocName, userDocName } from '../../../shared/src/protocol/doc-name.ts';
import { unstoredJournalKey } from '../sync/journal-key.ts';
import { type DraftIndex, draftIndex } from './draft-index.ts';

export type DeleteDatabase = (name: string) => Promise<void>;

const deleteIdb: DeleteDatabase = (name) =>
  new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not remove ${name} from this device.`));
    // Another tab still has it open: it is removed once that tab closes it; do not wait for that here.
    request.onblocked = () => resolve();
  });

function forgetJournal(docName: string) {
  try {
    globalThis.localStorage?.removeItem(unstoredJournalKey(docName));
  } catch {
    // Storage blocked: there is no journal to remove either.
  }
}

export function deviceCopies(userId: string, index: DraftIndex = draftIndex()) {
  const drafts = index.list(userId);
  return {
    count: drafts.length,
    /** Drafts with changes that only this device has. */
    unsynced: drafts.filter((d) => d.pending > 0).length,
    async remove(deleteDatabase: DeleteDatabase = deleteIdb): Promise<void> {
      for (const draft of drafts) {
        await deleteDatabase(draftDocName(draft.id));
        forgetJournal(draftDocName(draft.id));
        index.forget(draft.id, userId);
      }
      await deleteDatabase(userDocName(userId));
      forgetJournal(userDocName(userId));
    },
  };
}
