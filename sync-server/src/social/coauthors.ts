/**
 * Series as a shared thing: the series owner invites co-authors by handle; an invitee accepts or
 * declines. Accepted co-authors may publish parts (the publishing code asks `mayPublishPart`).
 * Inviting is idempotent per op id like every social write; inviting again after a decline is allowed.
 */
import type { CoauthorInvitation, SeriesCoauthors } from '../../../shared/src/model/social-api.ts';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { Store } from '../storage/store.ts';
import type { Notifications } from './notifications.ts';
import { requestKey, type WriteOp, type Written, writeOnce } from './write-once.ts';

export type Coauthors = ReturnType<typeof createCoauthors>;

const noSeries = (slug: string) => `There is no series "${slug}". It may have been renamed or removed.`;

export function createCoauthors({
  store,
  notifications,
}: {
  store: Store;
  notifications: Pick<Notifications, 'coauthorInvited'>;
}) {
  async function requireSeries(slug: string) {
    const series = await store.getSeries({ slug });
    if (!series) throw new NotFoundError(noSeries(slug));
    return series;
  }

  return {
    async invite(op: WriteOp, seriesSlug: string, handle: string): Promise<Written<CoauthorInvitation>> {
      const request = requestKey('coauthor.invite', { seriesSlug, handle });
      const written = await writeOnce(store, op, request, noSeries(seriesSlug), async (record) => {
        const series = await requireSeries(seriesSlug);
        if (series.author.id !== op.userId) {
          throw new ForbiddenError('Only the owner of the series can invite co-authors.');
        }
        const invitee = await store.getAuthor({ handle });
        if (!invitee) throw new NotFoundError(`There is no one with the handle @${handle}. Check the spelling.`);
        if (invitee.id === op.userId) throw new BadRequestError('You own this series; invite someone else.');
        const outcome = await store.inviteCoauthor(record, {
          seriesId: series.id,
          userId: invitee.id,
          at: op.at.toISOString(),
        });
        if (outcome.kind === 'already-coauthor') {
          throw new ConflictError(`@${invitee.handle} is already a co-author of this series.`);
        }
        return outcome;
      });
      if (!written.replayed) await notifications.coauthorInvited(written.result);
      return written;
    },

    async answer(op: WriteOp, seriesSlug: string, accept: boolean): Promise<Written<CoauthorInvitation>> {
      const missing = `You have no pending invitation to the series "${seriesSlug}"; it may have been answered already.`;
      const request = requestKey('coauthor.answer', { seriesSlug, accept });
      return writeOnce(store, op, request, missing, async (record) => {
        const series = await requireSeries(seriesSlug);
        return store.answerInvitation(record, { seriesId: series.id, accept, at: op.at.toISOString() });
      });
    },

    /** The series' co-authors for anyone; its unanswered invitations too when `viewerId` owns it. */
    async list(seriesSlug: string, viewerId: string | null): Promise<SeriesCoauthors> {
      const series = await requireSeries(seriesSlug);
      const invitations = await store.listSeriesInvitations(series.id);
      const accepted = invitations
        .filter((i) => i.status === 'accepted')
        .sort((a, b) => (a.respondedAt ?? '').localeCompare(b.respondedAt ?? ''));
      return {
        series: { id: series.id, slug: series.slug, title: series.title },
        owner: series.author,
        coauthors: accepted.map((i) => i.invitee),
        pending: viewerId === series.author.id ? invitations.filter((i) => i.status === 'invited') : null,
      };
    },

    async pending(userId: string): Promise<{ items: CoauthorInvitation[] }> {
      return { items: await store.listPendingInvitations(userId) };
    },

    /** For the publishing code: the owner or an accepted co-author. */
    mayPublishPart(seriesId: string, userId: string): Promise<boolean> {
      return store.isSeriesAuthor(seriesId, userId);
    },
  };
}
