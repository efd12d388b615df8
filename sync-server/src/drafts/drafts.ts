/**
 * The drafts service (issue 6): a draft's life (create, list, delete with undo), co-authors, publishing
 * and versions, each in its own module; this one holds the life cycle and puts the rest together.
 * It knows nothing of HTTP: routes hand it the signed-in user and validated input.
 *
 * Changes are idempotent per op id like the social writes (social/write-once.ts): a replay returns the
 * first answer. Changes that are idempotent by nature (delete, invite, remove) are applied, then their
 * answer is recorded; a publish is recorded in the same transaction as the revision it adds.
 */
import type { DraftSummary } from '../../../shared/src/drafts/drafts-api.ts';
import type { DocumentAccessPolicy } from '../auth/access.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Coauthors } from '../social/coauthors.ts';
import type { Notifications } from '../social/notifications.ts';
import { requestKey, type WriteOp, type Written, writeOnce } from '../social/write-once.ts';
import type { Store } from '../storage/store.ts';
import { noDraft, requireDraft } from './draft-access.ts';
import type { DraftActivity } from './draft-activity.ts';
import { draftTitle } from './draft-content.ts';
import { draftMembers } from './draft-members.ts';
import type { DraftStates } from './draft-state.ts';
import { draftVersions } from './draft-versions.ts';
import { publishing } from './publishing.ts';

export type DraftDeps = {
  store: Store;
  /** Membership changes go through it, so open sync connections follow at once. */
  access: Pick<DocumentAccessPolicy, 'setDraftMember' | 'removeDraftMember' | 'draftChanged'>;
  states: DraftStates;
  activity: Pick<DraftActivity, 'flush'>;
  notifications: Pick<Notifications, 'draftInvited'>;
  coauthors: Pick<Coauthors, 'mayPublishPart'>;
  /** A post went live, changed or was hidden: popular lists are recomputed; `joinedSeries` tells series followers. */
  postChanged(postId: string, joinedSeries: boolean): Promise<void>;
  now?: () => Date;
};

export type Drafts = ReturnType<typeof createDrafts>;

/** What a new draft made on the server (an import) starts with. */
export type SeededDraft = { id: string; ownerId: string; state: Uint8Array };

export function createDrafts(deps: DraftDeps) {
  const { store, access, states, activity } = deps;
  const now = deps.now ?? (() => new Date());

  async function summary(draftId: string, userId: string): Promise<DraftSummary> {
    const found = await store.getDraftSummary(draftId, userId);
    if (!found) throw new NotFoundError(noDraft(draftId));
    return found;
  }

  async function create(userId: string, draftId: string, at: Date) {
    const { created, draft } = await store.createDraft({
      id: draftId,
      ownerId: userId,
      title: '',
      now: at.toISOString(),
    });
    if (draft.ownerId !== userId) {
      throw new ConflictError(`The draft id "${draftId}" is taken. Make a new id for a new draft.`);
    }
    // Also on a replay: it completes a create that stopped between the two writes.
    if (created || !(await store.getDraftSummary(draftId, userId))?.members.some((m) => m.id === userId)) {
      await access.setDraftMember(draftId, userId, 'owner');
    }
    return created;
  }

  async function setDeleted(op: WriteOp, draftId: string, deleted: boolean): Promise<Written<DraftSummary>> {
    const action = deleted ? 'delete it' : 'restore it';
    const request = requestKey(deleted ? 'draft.delete' : 'draft.restore', { draftId });
    return writeOnce(store, op, request, noDraft(draftId), async (record) => {
      await requireDraft(store, draftId, op.userId, 'owner', { action, deletedOk: true });
      await store.setDraftDeleted(draftId, deleted ? op.at.toISOString() : null);
      const result = await summary(draftId, op.userId);
      // Open connections re-check: a deleted draft opens for nobody.
      if (deleted)
        access.draftChanged(
          draftId,
          result.members.map((m) => m.id),
        );
      return store.rememberOp(record, result);
    });
  }

  return {
    /** PUT: the client made the id. Idempotent: the same id again answers the draft, `created: false`. */
    async create(userId: string, draftId: string): Promise<{ draft: DraftSummary; created: boolean }> {
      const created = await create(userId, draftId, now());
      return { draft: await summary(draftId, userId), created };
    },

    /**
     * For server-side creation (Markdown import): a new draft owned by `ownerId` whose document starts as
     * `state` (one Yjs update). An id already taken changes nothing (the stored draft is returned).
     */
    async createWithState({ id, ownerId, state }: SeededDraft): Promise<DraftSummary> {
      const at = now();
      if (await create(ownerId, id, at)) {
        await states.seed(id, state);
        await store.recordDraftEdit(id, { title: draftTitle(state), at: at.toISOString() });
      }
      return summary(id, ownerId);
    },

    async list(userId: string): Promise<{ items: DraftSummary[] }> {
      await activity.flush();
      return { items: await store.listDraftSummaries(userId) };
    },

    async get(userId: string, draftId: string): Promise<DraftSummary> {
      await activity.flush();
      const found = await summary(draftId, userId);
      if (found.deletedAt && found.role !== 'owner') throw new NotFoundError(noDraft(draftId));
      return found;
    },

    /** Soft delete (owner): kept with its document, so `restore` undoes it. */
    remove: (op: WriteOp, draftId: string) => setDeleted(op, draftId, true),
    restore: (op: WriteOp, draftId: string) => setDeleted(op, draftId, false),

    ...draftMembers({ ...deps, summary }),
    ...publishing({ ...deps, summary }),
    ...draftVersions(deps),
  };
}

/** What the modules beside this one get besides the deps: the draft as a user sees it. */
export type DraftSummaryOf = { summary(draftId: string, userId: string): Promise<DraftSummary> };
