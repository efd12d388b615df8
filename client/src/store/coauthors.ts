/**
 * Series co-authorship on this device: who writes a series (the server's answer, kept in `answers`), the
 * user's invitations, and the changes they make — the owner's invitations and the invitee's answers — as
 * outbox entries of kind `coauthor`, sent idempotently and shown at once (coauthor-view.ts).
 */
import type { CoauthorInvitation, NotificationPage, SeriesCoauthors } from '../../../shared/src/model/social-api.ts';
import { SOCIAL_API } from '../../../shared/src/model/social-api.ts';
import { keepAnswer, updateAnswer } from './answers.ts';
import { type ApiClient, api } from './api-client.ts';
import type { LiveRead } from './changes.ts';
import {
  COAUTHOR_KIND,
  type CoauthorChange,
  type InvitationPrompts,
  invitationPrompts,
  type KeptInvitations,
  normalHandle,
  type SeriesCoauthorsView,
  seriesCoauthorsView,
  withAnswer,
  withFreshInvitations,
  withInvitation,
} from './coauthor-view.ts';
import { db, type SdpDb } from './db.ts';
import { notificationsKey } from './notifications.ts';
import { type Outbox, type OutboxKind, type OutboxRequest, outbox } from './outbox.ts';

export type { AnswerState, InvitationPrompts, InviteRow, SeriesCoauthorsView } from './coauthor-view.ts';

/** Per viewer: only the series owner is told its unanswered invitations. */
export const seriesCoauthorsKey = (seriesSlug: string, userId: string | null) =>
  `coauthors:${seriesSlug}:${userId ?? 'anyone'}`;
export const invitationsKey = (userId: string) => `invitations:${userId}`;

/** The request that makes one change on the server. */
export function coauthorRequest(change: CoauthorChange): OutboxRequest {
  return change.op === 'invite'
    ? { method: 'POST', path: SOCIAL_API.seriesInvitations(change.seriesSlug), body: { handle: change.handle } }
    : { method: 'PUT', path: SOCIAL_API.myInvitation(change.seriesSlug), body: { accept: change.accept } };
}

export type CoauthorsDeps = { database?: SdpDb; client?: ApiClient; box?: Outbox };

export function createCoauthors({ database = db(), client = api(), box = outbox() }: CoauthorsDeps = {}) {
  const refreshSeries = async (seriesSlug: string, userId: string | null) =>
    keepAnswer<SeriesCoauthors>(
      database,
      seriesCoauthorsKey(seriesSlug, userId),
      await client.read<SeriesCoauthors>(SOCIAL_API.seriesCoauthors(seriesSlug)),
    );

  const refreshInvitations = async (userId: string) => {
    const fresh = await client.read<KeptInvitations>(SOCIAL_API.myInvitations);
    await updateAnswer<KeptInvitations>(database, invitationsKey(userId), (kept) => withFreshInvitations(kept, fresh));
  };

  const kind: OutboxKind<CoauthorChange, CoauthorInvitation> = {
    // One invitation per person and one answer per series go in order; a newer one replaces one still waiting.
    key: (change) =>
      change.op === 'invite'
        ? `coauthor:invite:${change.seriesSlug}:${change.handle}`
        : `coauthor:answer:${change.seriesSlug}`,
    request: ({ payload }) => coauthorRequest(payload),
    merge: (_older, newer) => newer,
    async sent(entry, result) {
      const { op, seriesSlug } = entry.payload;
      if (op === 'invite') {
        await updateAnswer<SeriesCoauthors>(database, seriesCoauthorsKey(seriesSlug, entry.userId), (kept) =>
          kept ? withInvitation(kept, result) : undefined,
        );
      } else {
        await updateAnswer<KeptInvitations>(database, invitationsKey(entry.userId), (kept) => withAnswer(kept, result));
      }
      // Who writes the series now, as everyone sees it: fetched without holding the outbox.
      void refreshSeries(seriesSlug, entry.userId).catch(() => undefined);
    },
  };
  box.register(COAUTHOR_KIND, kind);

  const change = (payload: CoauthorChange) => box.enqueue<CoauthorChange>(COAUTHOR_KIND, payload);
  return {
    /** undefined while nothing is known here (never fetched and nothing waiting). */
    liveSeries: (seriesSlug: string, userId: string | null): LiveRead<SeriesCoauthorsView | undefined> =>
      database.live(['answers', 'outbox'], async (tx) => {
        const kept = (await tx.objectStore('answers').get(seriesCoauthorsKey(seriesSlug, userId)))?.value as
          | SeriesCoauthors
          | undefined;
        const view = seriesCoauthorsView(kept, await tx.objectStore('outbox').getAll(), seriesSlug, userId);
        return kept === undefined && view.invitations.length === 0 ? undefined : view;
      }),
    refreshSeries,
    /** Where each invitation's answer goes on the notifications page, from the kept notifications and invitations. */
    livePrompts: (userId: string): LiveRead<InvitationPrompts> =>
      database.live(['answers', 'outbox'], async (tx) => {
        const answers = tx.objectStore('answers');
        const page = (await answers.get(notificationsKey(userId)))?.value as NotificationPage | undefined;
        const kept = (await answers.get(invitationsKey(userId)))?.value as KeptInvitations | undefined;
        return invitationPrompts(page?.items ?? [], kept, await tx.objectStore('outbox').getAll(), userId);
      }),
    refreshInvitations,
    /** Shows at once and is sent when it can be. Throws SignInRequiredError signed out. */
    invite: (seriesSlug: string, handle: string) => change({ op: 'invite', seriesSlug, handle: normalHandle(handle) }),
    answer: (seriesSlug: string, accept: boolean) => change({ op: 'answer', seriesSlug, accept }),
    retry: (entryId: string) => box.retry(entryId),
    drop: (entryId: string) => box.drop(entryId),
  };
}

export type Coauthors = ReturnType<typeof createCoauthors>;

let shared: Coauthors | undefined;
/** The app's co-authorship (registers the `coauthor` kind with the app's outbox on first use). */
export const coauthors = (): Coauthors => {
  shared ??= createCoauthors();
  return shared;
};
