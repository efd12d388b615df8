import { describe, expect, it } from 'vitest';
import type { ReactionSummary } from '../../../shared/src/model/social-api.ts';
import { newEntry, type OutboxEntry } from './outbox-model.ts';
import { REACTION_KIND, type ReactionChange, reactionView, withReactionResult } from './reaction-view.ts';

const summary: ReactionSummary = {
  postId: 'p1',
  counts: { like: 4, insightful: 1, bookmark: 0 },
  total: 5,
  mine: ['insightful'],
};

function change(
  id: string,
  payload: ReactionChange,
  createdAt: number,
  extra: Partial<OutboxEntry<ReactionChange>> = {},
): OutboxEntry<ReactionChange> {
  const key = `reaction:${payload.postId}:${payload.kind}`;
  return { ...newEntry({ id, kind: REACTION_KIND, key, payload, userId: 'u1', createdAt }), ...extra };
}

const byKind = (statuses: ReturnType<typeof reactionView>) => Object.fromEntries(statuses.map((s) => [s.kind, s]));

describe('reaction view: server counts with waiting changes laid over them', () => {
  it('the server summary alone, every kind in the fixed order', () => {
    const view = reactionView(summary, [], 'p1', 'u1');
    expect(view.map((s) => [s.kind, s.count, s.mine, s.pending])).toEqual([
      ['like', 4, false, false],
      ['insightful', 1, true, false],
      ['bookmark', 0, false, false],
    ]);
  });

  it('a waiting Like counts at once and is pending; a waiting un-react takes one off', () => {
    const view = byKind(
      reactionView(
        summary,
        [
          change('a', { postId: 'p1', kind: 'like', on: true }, 1),
          change('b', { postId: 'p1', kind: 'insightful', on: false }, 2),
        ],
        'p1',
        'u1',
      ),
    );
    expect(view.like).toMatchObject({ count: 5, mine: true, pending: true });
    expect(view.insightful).toMatchObject({ count: 0, mine: false, pending: true });
  });

  it('a change that repeats what the server already has does not count twice', () => {
    const view = byKind(
      reactionView(summary, [change('a', { postId: 'p1', kind: 'insightful', on: true }, 1)], 'p1', 'u1'),
    );
    expect(view.insightful).toMatchObject({ count: 1, mine: true, pending: true });
  });

  it('nothing kept yet (offline, first visit): counts from zero', () => {
    const view = byKind(
      reactionView(undefined, [change('a', { postId: 'p1', kind: 'bookmark', on: true }, 1)], 'p1', 'u1'),
    );
    expect(view.bookmark).toMatchObject({ count: 1, mine: true });
  });

  it('a refused change keeps the server state and reports the refusal', () => {
    const refused = change('a', { postId: 'p1', kind: 'like', on: true }, 1, {
      state: 'refused',
      error: 'Post removed.',
    });
    expect(byKind(reactionView(summary, [refused], 'p1', 'u1')).like).toEqual({
      kind: 'like',
      count: 4,
      mine: false,
      pending: false,
      note: null,
      refused: { entryId: 'a', message: 'Post removed.', on: true },
    });
  });

  it("ignores other posts, other users' entries and, signed out, the server's 'mine'", () => {
    const entries = [
      change('a', { postId: 'p2', kind: 'like', on: true }, 1),
      change('b', { postId: 'p1', kind: 'like', on: true }, 2, { userId: 'u2' }),
    ];
    expect(byKind(reactionView(summary, entries, 'p1', 'u1')).like).toMatchObject({ count: 4, pending: false });
    expect(byKind(reactionView(summary, [], 'p1', null)).insightful).toMatchObject({ count: 1, mine: false });
  });

  it("a change that failed to send says why it waits (the server's rate limit)", () => {
    const waiting = change('a', { postId: 'p1', kind: 'like', on: true }, 1, {
      attempts: 1,
      error: 'You are reacting too fast; try again in 2 seconds.',
    });
    expect(byKind(reactionView(summary, [waiting], 'p1', 'u1')).like).toMatchObject({
      pending: true,
      note: 'You are reacting too fast; try again in 2 seconds.',
    });
    expect(byKind(reactionView(summary, [{ ...waiting, attempts: 0 }], 'p1', 'u1')).like?.note).toBeNull();
  });
});

describe("the server's answer to a reaction change, kept", () => {
  it('takes its count and whether the user reacted', () => {
    const liked = withReactionResult(summary, { opId: 'o1', postId: 'p1', kind: 'like', reacted: true, count: 6 });
    expect(liked).toEqual({
      postId: 'p1',
      counts: { like: 6, insightful: 1, bookmark: 0 },
      total: 7,
      mine: ['insightful', 'like'],
    });
    const unmarked = withReactionResult(liked, {
      opId: 'o2',
      postId: 'p1',
      kind: 'insightful',
      reacted: false,
      count: 0,
    });
    expect(unmarked).toMatchObject({ total: 6, mine: ['like'] });
  });
});
