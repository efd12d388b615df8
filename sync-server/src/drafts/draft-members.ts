/**
 * Co-authors of a draft: the owner adds people by handle as editors or viewers (again, to change a role)
 * and removes them; a member may leave. Every change goes through the access policy, so a removed
 * co-author's open connections close at once and a downgraded one becomes read-only.
 */
import type { DraftMember } from '../../../shared/src/drafts/drafts-api.ts';
import type { InviteCoauthorBody } from '../../../shared/src/drafts/drafts-schemas.ts';
import { BadRequestError, NotFoundError } from '../errors.ts';
import { requestKey, type WriteOp, type Written, writeOnce } from '../social/write-once.ts';
import { noDraft, requireDraft } from './draft-access.ts';
import type { DraftDeps, DraftSummaryOf } from './drafts.ts';

type Deps = Pick<DraftDeps, 'store' | 'access' | 'notifications' | 'activity'> & DraftSummaryOf;

export function draftMembers({ store, access, notifications, activity, summary }: Deps) {
  return {
    /** Adds (or changes the role of) a co-author; the invitee is told unless their role stays the same. */
    async invite(op: WriteOp, draftId: string, body: InviteCoauthorBody): Promise<Written<DraftMember>> {
      let changed = false;
      let inviteeId = '';
      const request = requestKey('draft.invite', { draftId, ...body });
      const written = await writeOnce(store, op, request, noDraft(draftId), async (record) => {
        await requireDraft(store, draftId, op.userId, 'owner', { action: 'invite co-authors' });
        const invitee = await store.getAuthor({ handle: body.handle });
        if (!invitee) throw new NotFoundError(`There is no one with the handle @${body.handle}. Check the spelling.`);
        if (invitee.id === op.userId) throw new BadRequestError('You own this draft; invite someone else.');
        const before = (await summary(draftId, op.userId)).members.find((m) => m.id === invitee.id);
        changed = before?.role !== body.role;
        inviteeId = invitee.id;
        if (changed) await access.setDraftMember(draftId, invitee.id, body.role);
        const member = (await summary(draftId, op.userId)).members.find((m) => m.id === invitee.id);
        if (!member) throw new Error(`Draft ${draftId}: member ${invitee.id} was not stored.`);
        return store.rememberOp(record, member);
      });
      if (!written.replayed && changed) {
        await activity.flush(); // the notification shows the draft's title: the newest one
        await notifications.draftInvited({ draftId, inviteeId, actorId: op.userId, at: op.at.toISOString() });
      }
      return written;
    },

    /** The owner removes a co-author, or a co-author leaves. Removing someone who is not there is done already. */
    async removeMember(op: WriteOp, draftId: string, memberId: string): Promise<Written<null>> {
      const request = requestKey('draft.member.remove', { draftId, memberId });
      return writeOnce(store, op, request, noDraft(draftId), async (record) => {
        const leaving = memberId === op.userId;
        const { draft } = await requireDraft(store, draftId, op.userId, leaving ? 'read' : 'owner', {
          action: 'remove co-authors',
        });
        if (memberId === draft.ownerId) {
          throw new BadRequestError(
            leaving
              ? 'You own this draft, so you cannot leave it; delete it instead.'
              : 'The owner cannot be removed from their draft.',
          );
        }
        // Someone already gone (or never there) is the outcome asked for: no error.
        await access.removeDraftMember(draftId, memberId);
        return store.rememberOp(record, null);
      });
    },
  };
}
