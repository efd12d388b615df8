/**
 * One change per op id. The outbox sends the same change again until it hears back, so every social
 * write names itself with a client-generated op id: the first arrival is applied and its result stored;
 * the same id again returns that result (even if its subject is gone by now) and changes nothing; the
 * same id for a different change is a 409.
 */
import { createHash } from 'node:crypto';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { OpOutcome, OpRecord, SeenOp, SocialStore } from '../storage/social-store.ts';

export type Written<T> = { result: T; replayed: boolean };

export type WriteOp = { userId: string; opId: string; at: Date };

/**
 * What was asked, compared on replay: a digest of its canonical text, so a comment's words are not kept
 * in the op record (a deleted comment's text must not outlive it there).
 */
export const requestKey = (action: string, subject: Record<string, unknown>) =>
  createHash('sha256')
    .update(JSON.stringify({ action, ...subject }))
    .digest('base64url');

function replay<T>(op: OpRecord, seen: SeenOp): Written<T> {
  if (seen.request !== op.request) {
    throw new ConflictError(
      `Idempotency key "${op.opId}" was already used for a different change; generate a new key for each change.`,
    );
  }
  return { result: JSON.parse(seen.resultJson) as T, replayed: true };
}

/**
 * Answers a replay from the stored result before `act` runs its checks (a replayed delete must not
 * become a 404 because the first one worked), then runs `act` and maps its outcome.
 */
export async function writeOnce<T>(
  store: SocialStore,
  op: WriteOp,
  request: string,
  missing: string,
  act: (record: OpRecord) => Promise<OpOutcome<T>>,
): Promise<Written<T>> {
  const record: OpRecord = { userId: op.userId, opId: op.opId, request, receivedAt: op.at.toISOString() };
  const seen = await store.getOp(op.userId, op.opId);
  if (seen) return replay(record, seen);
  const outcome = await act(record);
  if (outcome.kind === 'missing') throw new NotFoundError(missing);
  if (outcome.kind === 'seen') return replay(record, outcome.op);
  return { result: outcome.result, replayed: false };
}
