/**
 * Series co-authorship as signals: who writes a series (for its page) and where the user's invitations
 * are answered (for the notifications page), each the kept server answer with the user's waiting changes
 * over it, refreshed from the server.
 */
import { type Accessor, createMemo } from 'solid-js';
import { coauthors } from '../store/coauthors.ts';
import { currentUser } from './session.ts';
import { createSwr } from './swr.ts';
import { useViewed } from './viewed.ts';

export type { AnswerState, InvitationPrompts, InviteRow, SeriesCoauthorsView } from '../store/coauthors.ts';

export const useSeriesCoauthors = (seriesSlug: Accessor<string | undefined>) =>
  useViewed(seriesSlug, {
    live: (slug, userId) => coauthors().liveSeries(slug, userId),
    refresh: (slug, userId) => coauthors().refreshSeries(slug, userId),
  });

/** Where each of the signed-in user's invitations is answered, over their kept notifications. */
export function useInvitationPrompts() {
  const userId = createMemo(() => currentUser()?.id);
  return createSwr(
    userId,
    (id) => coauthors().livePrompts(id),
    (id) => coauthors().refreshInvitations(id),
  );
}

/** The changes: shown at once and sent when they can be (they throw SignInRequiredError signed out). */
export const coauthorChanges = () => coauthors();
