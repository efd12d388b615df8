/**
 * Named versions: a writer saves the draft's whole state under a name; any member lists them and reads
 * one back (the client restores it as a new change, client/src/drafts/restore-version.ts).
 */
import type { DraftVersion } from '../../../shared/src/drafts/drafts-api.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import { encodeViaDoc } from '../rooms/doc-state.ts';
import { requestKey, type WriteOp, type Written, writeOnce } from '../social/write-once.ts';
import { newId, noDraft, requireDraft } from './draft-access.ts';
import type { DraftDeps } from './drafts.ts';

/** Each version is a whole copy of the draft, so their number is capped. */
export const MAX_VERSIONS_PER_DRAFT = 200;

export function draftVersions({ store, states }: Pick<DraftDeps, 'store' | 'states'>) {
  return {
    async saveVersion(op: WriteOp, draftId: string, name: string): Promise<Written<DraftVersion>> {
      const request = requestKey('draft.version', { draftId, name });
      return writeOnce(store, op, request, noDraft(draftId), async (record) => {
        await requireDraft(store, draftId, op.userId, 'write', { action: 'save versions of it' });
        if ((await store.countDraftVersions(draftId)) >= MAX_VERSIONS_PER_DRAFT) {
          throw new ConflictError(
            `This draft already has ${MAX_VERSIONS_PER_DRAFT} saved versions, the most it keeps. Publish it or start a new draft from it.`,
          );
        }
        const version = await store.addDraftVersion({
          id: newId('v'),
          draftId,
          name,
          createdAt: op.at.toISOString(),
          createdBy: op.userId,
          // Through a Y.Doc, so deleted content is collected: a version is as small as it gets.
          state: encodeViaDoc(await states.load(draftId)),
        });
        return store.rememberOp(record, version);
      });
    },

    async versions(userId: string, draftId: string): Promise<{ items: DraftVersion[] }> {
      await requireDraft(store, draftId, userId, 'read', { action: 'read it' });
      return { items: await store.listDraftVersions(draftId) };
    },

    /** The version's Yjs state (Y.encodeStateAsUpdate of that moment). */
    async versionState(userId: string, draftId: string, versionId: string): Promise<Uint8Array> {
      await requireDraft(store, draftId, userId, 'read', { action: 'read it' });
      const state = await store.getDraftVersionState(draftId, versionId);
      if (!state) throw new NotFoundError(`This draft has no version "${versionId}"; list its versions to find one.`);
      return state;
    },
  };
}
