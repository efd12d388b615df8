/**
 * Who may do what with a draft over HTTP, the same roles the sync endpoint enforces: the owner
 * everything, an editor writes and publishes, a viewer reads. Someone who is not a member is told there
 * is no such draft (404), so draft ids cannot be probed; a member who may not do something gets a 403
 * saying who can.
 */
import { randomBytes } from 'node:crypto';
import type { DraftRole } from '../../../shared/src/drafts/drafts-api.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { DraftRecord, DraftStore } from '../storage/draft-store.ts';

export type DraftNeed = 'read' | 'write' | 'owner';

export const noDraft = (draftId: string) =>
  `There is no draft "${draftId}" shared with you. Check the link, or ask its owner to invite you.`;

const ALLOWED: Record<DraftNeed, readonly DraftRole[]> = {
  read: ['owner', 'editor', 'viewer'],
  write: ['owner', 'editor'],
  owner: ['owner'],
};

/**
 * The draft and the user's role, or the error that says why not. `action` completes "…cannot <action>".
 * A deleted draft is refused unless `deletedOk` (deleting again, restoring, reading it to undo).
 */
export async function requireDraft(
  store: Pick<DraftStore, 'getDraftAccess'>,
  draftId: string,
  userId: string,
  need: DraftNeed,
  { action, deletedOk = false }: { action: string; deletedOk?: boolean },
): Promise<{ draft: DraftRecord; role: DraftRole }> {
  const access = await store.getDraftAccess(draftId, userId);
  const role = access?.role ?? null;
  if (!access || role === null) throw new NotFoundError(noDraft(draftId));
  if (access.draft.deletedAt && !deletedOk) {
    if (role !== 'owner') throw new NotFoundError(noDraft(draftId));
    throw new ConflictError('You deleted this draft. Restore it (Undo in My drafts) first.');
  }
  if (!ALLOWED[need].includes(role)) {
    throw new ForbiddenError(
      need === 'owner'
        ? `Only the draft's owner can ${action}.`
        : `You can read this draft but not ${action}; ask its owner to make you an editor.`,
    );
  }
  return { draft: access.draft, role };
}

/** Ids the server makes (posts, series, versions): a kind prefix and 16 random URL-safe characters. */
export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url')}`;
