/**
 * What the reaction buttons show: the server's counts and the user's own reactions, with the user's
 * changes still in the outbox laid over them (a pending Like counts at once). Pure, for unit tests.
 */
import {
  REACTION_KINDS,
  type ReactionCounts,
  type ReactionKind,
  type ReactionResult,
  type ReactionSummary,
} from '../../../shared/src/model/social-api.ts';
import type { OutboxEntry } from './outbox-model.ts';
import { REACTION_KIND } from './social-kinds.ts';

/** One reaction change: the payload of a `reaction` outbox entry. */
export type ReactionChange = { postId: string; kind: ReactionKind; on: boolean };

export { REACTION_KIND };

export type ReactionStatus = {
  kind: ReactionKind;
  count: number;
  /** The user's reaction once everything waiting has been sent. */
  mine: boolean;
  pending: boolean;
  /** Why a pending change has not gone yet (offline, rate-limited), once a send failed. */
  note: string | null;
  refused: { entryId: string; message: string; on: boolean } | null;
};

/** The last failure's words for a change still waiting, once a send has failed. */
export const waitingNote = (entry: OutboxEntry): string | null => (entry.attempts > 0 ? entry.error : null);

const isReactionEntry = (entry: OutboxEntry): entry is OutboxEntry<ReactionChange> => entry.kind === REACTION_KIND;

const NO_COUNTS: ReactionCounts = { like: 0, insightful: 0, bookmark: 0 };

/**
 * Every kind's status on `postId` for `userId` (null: signed out, only the server's counts). A waiting
 * change moves the count by one only when it changes what the server said about the user.
 */
export function reactionView(
  summary: ReactionSummary | undefined,
  entries: readonly OutboxEntry[],
  postId: string,
  userId: string | null,
): ReactionStatus[] {
  const counts = summary?.counts ?? NO_COUNTS;
  const serverMine = new Set<ReactionKind>(userId ? (summary?.mine ?? []) : []);
  const mine = entries
    .filter(isReactionEntry)
    .filter((e) => e.userId === userId && e.payload.postId === postId)
    .sort((a, b) => a.createdAt - b.createdAt);
  return REACTION_KINDS.map((kind) => {
    let status: ReactionStatus = {
      kind,
      count: counts[kind],
      mine: serverMine.has(kind),
      pending: false,
      note: null,
      refused: null,
    };
    for (const entry of mine.filter((e) => e.payload.kind === kind)) {
      status =
        entry.state === 'refused'
          ? { ...status, refused: { entryId: entry.id, message: entry.error ?? '', on: entry.payload.on } }
          : { ...status, mine: entry.payload.on, pending: true, note: waitingNote(entry), refused: null };
    }
    const moved = Number(status.mine) - Number(serverMine.has(kind));
    return { ...status, count: Math.max(0, counts[kind] + moved) };
  });
}

/** The kept summary after the server's answer to one change (its count and whether the user reacted). */
export function withReactionResult(summary: ReactionSummary, result: ReactionResult): ReactionSummary {
  const counts = { ...summary.counts, [result.kind]: result.count };
  const mine = summary.mine.filter((k) => k !== result.kind);
  return {
    ...summary,
    counts,
    total: REACTION_KINDS.reduce((n, k) => n + counts[k], 0),
    mine: result.reacted ? [...mine, result.kind] : mine,
  };
}
