/**
 * What series co-authorship looks like on this device, pure: the server's answers (a series' co-authors;
 * the user's invitations) with the user's changes still in the outbox laid over them. An invitation sent
 * by the series owner shows at once as pending; an answer shows at once as given, and stays shown after
 * the server took it.
 */
import { type AuthorRef, HANDLE_PATTERN } from '../../../shared/src/model/catalog.ts';
import type { CoauthorInvitation, NotificationView, SeriesCoauthors } from '../../../shared/src/model/social-api.ts';
import type { OutboxEntry } from './outbox-model.ts';
import { waitingNote } from './reaction-view.ts';
import { COAUTHOR_KIND } from './social-kinds.ts';

export { COAUTHOR_KIND };

/** One co-author change: the payload of a `coauthor` outbox entry. */
export type CoauthorChange =
  | { op: 'invite'; seriesSlug: string; handle: string }
  | { op: 'answer'; seriesSlug: string; accept: boolean };

/** The user's invitations as kept: the server's unanswered ones, and the ones answered on this device. */
export type KeptInvitations = { items: CoauthorInvitation[] };

/** Answered invitations remembered beyond the server's list (it only lists unanswered ones). */
const REMEMBERED_ANSWERS = 50;

const isCoauthorEntry = (entry: OutboxEntry): entry is OutboxEntry<CoauthorChange> => entry.kind === COAUTHOR_KIND;

/** The user's co-author entries of `op`, oldest first. */
function entriesOf<O extends CoauthorChange['op']>(
  entries: readonly OutboxEntry[],
  userId: string | null,
  op: O,
): OutboxEntry<Extract<CoauthorChange, { op: O }>>[] {
  return entries
    .filter(isCoauthorEntry)
    .filter((e): e is OutboxEntry<Extract<CoauthorChange, { op: O }>> => e.userId === userId && e.payload.op === op)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** A handle as typed ("@Ana ") as the server spells handles. */
export const normalHandle = (typed: string) => typed.trim().replace(/^@/, '').toLowerCase();

/** What is wrong with a typed handle before it is sent, or null. */
export function handleProblem(typed: string): string | null {
  const handle = normalHandle(typed);
  if (!handle) return 'Enter the handle of the person to invite, e.g. @ana.';
  if (!HANDLE_PATTERN.test(handle)) return 'A handle is 3–30 characters, each a–z, 0–9, _ or -.';
  return null;
}

// ── The series page ────────────────────────────────────────────────────────────────────────────────

/** An invitation the owner sent: `invited` on the server, `pending` in the outbox, or `refused` by the server. */
export type InviteRow = {
  handle: string;
  /** Known once the server has the invitation. */
  displayName: string | null;
  state: 'invited' | 'pending' | 'refused';
  /** Why a pending invitation has not gone yet, once a send failed. */
  note: string | null;
  /** The outbox entry (for Retry and Drop) while there is one. */
  entryId: string | null;
  /** The server's reason for a refusal. */
  message: string | null;
};

export type SeriesCoauthorsView = {
  owner: AuthorRef | null;
  coauthors: AuthorRef[];
  /** The owner's invitations (the server tells no one else), unanswered ones first, then those waiting here. */
  invitations: InviteRow[];
};

export function seriesCoauthorsView(
  kept: SeriesCoauthors | undefined,
  entries: readonly OutboxEntry[],
  seriesSlug: string,
  userId: string | null,
): SeriesCoauthorsView {
  const rows = new Map<string, InviteRow>();
  for (const invitation of kept?.pending ?? []) {
    const { handle, displayName } = invitation.invitee;
    rows.set(handle, { handle, displayName, state: 'invited', note: null, entryId: null, message: null });
  }
  const waiting = entriesOf(entries, userId, 'invite').filter((e) => e.payload.seriesSlug === seriesSlug);
  for (const entry of waiting) {
    const { handle } = entry.payload;
    const refused = entry.state === 'refused';
    rows.set(handle, {
      handle,
      displayName: rows.get(handle)?.displayName ?? null,
      state: refused ? 'refused' : 'pending',
      note: refused ? null : waitingNote(entry),
      entryId: entry.id,
      message: refused ? (entry.error ?? '') : null,
    });
  }
  return { owner: kept?.owner ?? null, coauthors: kept?.coauthors ?? [], invitations: [...rows.values()] };
}

/** The kept answer after the server took an invitation: it joins (or replaces) the owner's pending list. */
export function withInvitation(kept: SeriesCoauthors, invitation: CoauthorInvitation): SeriesCoauthors {
  const others = (kept.pending ?? []).filter((i) => i.invitee.id !== invitation.invitee.id);
  return { ...kept, pending: [...others, invitation] };
}

// ── The invitee's answer ───────────────────────────────────────────────────────────────────────────

/**
 * Where the user's answer to one invitation stands. `open`: not answered (Accept and Decline);
 * `waiting`: answered on this device, not on the server yet; `refused`: the server said no;
 * `answered`: the server has the answer.
 */
export type AnswerState =
  | { kind: 'open' }
  | { kind: 'waiting'; accept: boolean; note: string | null }
  | { kind: 'refused'; accept: boolean; entryId: string; message: string }
  | { kind: 'answered'; accept: boolean };

/**
 * The state of the answer to the invitation to `seriesSlug`, or null when it is not open to this user
 * (the kept list does not have it: answered elsewhere, or invited again since). Never fetched: open, so
 * an invitation seen in a notification can be answered before the list has loaded.
 */
export function answerState(
  kept: KeptInvitations | undefined,
  entries: readonly OutboxEntry[],
  seriesSlug: string,
  userId: string | null,
): AnswerState | null {
  const entry = entriesOf(entries, userId, 'answer')
    .filter((e) => e.payload.seriesSlug === seriesSlug)
    .at(-1);
  if (entry) {
    const { accept } = entry.payload;
    return entry.state === 'refused'
      ? { kind: 'refused', accept, entryId: entry.id, message: entry.error ?? '' }
      : { kind: 'waiting', accept, note: waitingNote(entry) };
  }
  if (!kept) return { kind: 'open' };
  const invitation = kept.items.find((i) => i.series.slug === seriesSlug);
  if (!invitation) return null;
  return invitation.status === 'invited'
    ? { kind: 'open' }
    : { kind: 'answered', accept: invitation.status === 'accepted' };
}

/** The server's unanswered invitations, keeping what was answered on this device (newest answers first). */
export function withFreshInvitations(kept: KeptInvitations | undefined, fresh: KeptInvitations): KeptInvitations {
  const open = new Set(fresh.items.map((i) => i.series.slug));
  const answered = (kept?.items ?? [])
    .filter((i) => i.status !== 'invited' && !open.has(i.series.slug))
    .sort((a, b) => (b.respondedAt ?? '').localeCompare(a.respondedAt ?? ''))
    .slice(0, REMEMBERED_ANSWERS);
  return { items: [...fresh.items, ...answered] };
}

/** The kept invitations after the server took an answer. */
export function withAnswer(kept: KeptInvitations | undefined, answered: CoauthorInvitation): KeptInvitations {
  const others = (kept?.items ?? []).filter((i) => i.series.slug !== answered.series.slug);
  return { items: [answered, ...others] };
}

// ── The notifications page ─────────────────────────────────────────────────────────────────────────

export type InvitationPrompts = {
  /** By notification id: the answer shown under that notification (the newest one of each series). Plain
   * data, so a live read can tell an unchanged value by its JSON. */
  byNotification: Record<string, AnswerState>;
  /** Invitations with no notification on the page (an older page, or the list has not loaded it yet). */
  others: { invitation: CoauthorInvitation; state: AnswerState }[];
};

/** Where each invitation's answer goes on the notifications page: under its newest notification, or apart. */
export function invitationPrompts(
  notifications: readonly NotificationView[],
  kept: KeptInvitations | undefined,
  entries: readonly OutboxEntry[],
  userId: string | null,
): InvitationPrompts {
  const byNotification: Record<string, AnswerState> = {};
  const shown = new Set<string>();
  // Newest first, as the server lists them: an invitation sent again after a decline shows once.
  for (const n of notifications) {
    if (n.kind !== 'coauthor-invitation' || !n.series || shown.has(n.series.slug)) continue;
    shown.add(n.series.slug);
    const state = answerState(kept, entries, n.series.slug, userId);
    if (state) byNotification[n.id] = state;
  }
  const others = (kept?.items ?? [])
    .filter((i) => i.status === 'invited' && !shown.has(i.series.slug))
    .map((invitation) => ({
      invitation,
      state: answerState(kept, entries, invitation.series.slug, userId) ?? { kind: 'open' as const },
    }));
  return { byNotification, others };
}
