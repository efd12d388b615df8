import { describe, expect, it } from 'vitest';
import { type FollowChange, followPath, followView, NOT_FOLLOWING, targetKey, withTarget } from './follows.ts';
import { newEntry, type OutboxEntry } from './outbox-model.ts';

const ana = { kind: 'author', id: 'u_ana' } as const;
const raft = { kind: 'tag', slug: 'raft' } as const;

function change(
  id: string,
  payload: FollowChange,
  createdAt: number,
  extra: Partial<OutboxEntry<FollowChange>> = {},
): OutboxEntry<FollowChange> {
  return {
    ...newEntry({ id, kind: 'follow', key: `follow:${targetKey(payload.target)}`, payload, userId: 'u1', createdAt }),
    ...extra,
  };
}

describe('follow view: server follows with the waiting changes laid over them', () => {
  it('the server list alone: followed and confirmed', () => {
    const view = followView(['author:u_ana', 'tag:raft'], [], 'u1');
    expect(view.get('author:u_ana')).toEqual({ following: true, pending: false, refused: null });
    expect(view.get('tag:raft')?.following).toBe(true);
    expect(view.get('author:u_bo')).toBeUndefined();
  });

  it('a waiting follow shows as following and pending; a waiting unfollow as not following and pending', () => {
    const view = followView(
      ['tag:raft'],
      [change('a', { target: ana, follow: true }, 1), change('b', { target: raft, follow: false }, 2)],
      'u1',
    );
    expect(view.get('author:u_ana')).toEqual({ following: true, pending: true, refused: null });
    expect(view.get('tag:raft')).toEqual({ following: false, pending: true, refused: null });
  });

  it('the latest change wins, whatever order the entries come in', () => {
    const entries = [
      change('b', { target: ana, follow: false }, 2, { state: 'pending' }),
      change('a', { target: ana, follow: true }, 1, { state: 'sending' }),
    ];
    expect(followView([], entries, 'u1').get('author:u_ana')?.following).toBe(false);
  });

  it('a refused change keeps the server state and reports the refusal', () => {
    const refused = change('a', { target: ana, follow: true }, 1, { state: 'refused', error: 'There is no author.' });
    expect(followView([], [refused], 'u1').get('author:u_ana')).toEqual({
      ...NOT_FOLLOWING,
      refused: { entryId: 'a', message: 'There is no author.', follow: true },
    });
  });

  it("ignores other users' entries and other kinds", () => {
    const other = change('a', { target: ana, follow: true }, 1, { userId: 'u2' });
    const profile = { ...change('b', { target: ana, follow: true }, 1), kind: 'profile' };
    expect(followView([], [other, profile], 'u1').size).toBe(0);
  });

  it('withTarget adds once and removes', () => {
    expect(withTarget(['tag:raft'], 'author:u_ana', true)).toEqual(['tag:raft', 'author:u_ana']);
    expect(withTarget(['tag:raft', 'author:u_ana'], 'author:u_ana', true)).toEqual(['tag:raft', 'author:u_ana']);
    expect(withTarget(['tag:raft', 'author:u_ana'], 'tag:raft', false)).toEqual(['author:u_ana']);
  });

  it('a series is its own target: not the tag of the same name, sent to the series endpoint', () => {
    const series = { kind: 'series', slug: 'raft' } as const;
    const view = followView(['tag:raft'], [change('a', { target: series, follow: true }, 1)], 'u1');
    expect(targetKey(series)).toBe('series:raft');
    expect(view.get('series:raft')).toEqual({ following: true, pending: true, refused: null });
    expect(view.get('tag:raft')).toEqual({ following: true, pending: false, refused: null });
    expect(followPath(series)).toBe('/api/me/follows/series/raft');
    expect(followPath(raft)).toBe('/api/me/follows/tags/raft');
  });
});
