/** The Store's account, session, handle-history and follow-op methods on SQLite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureCatalog, tempStore } from '../../testing/fixtures.ts';
import type { Store, UserRecord } from '../store.ts';

let store: Store;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ store, cleanup } = tempStore());
  await store.importCatalog(fixtureCatalog());
});
afterAll(() => cleanup());

const AT = '2025-06-01T00:00:00.000Z';
const handles = { at: AT, heldSince: '2025-03-01T00:00:00.000Z' };
const newUser = (id: string, handle: string): UserRecord => ({
  id,
  handle,
  displayName: `User ${id}`,
  headline: '',
  bio: '',
  website: null,
  github: null,
  supportUrl: null,
  location: null,
  joinedAt: AT,
});

describe('SqliteStore accounts', () => {
  it('creates an account; email and handle (any case) are unique', async () => {
    expect(
      await store.createAccount({ user: newUser('u_x1', 'Xen'), email: 'x@e.com', passwordHash: 'h' }, handles),
    ).toEqual({
      ok: true,
    });
    expect((await store.getUser('u_x1'))?.handle).toBe('xen');
    expect(await store.getCredentials('x@e.com')).toEqual({ userId: 'u_x1', passwordHash: 'h' });
    expect(
      await store.createAccount({ user: newUser('u_x2', 'other'), email: 'x@e.com', passwordHash: 'h' }, handles),
    ).toEqual({
      ok: false,
      taken: 'email',
    });
    expect(
      await store.createAccount({ user: newUser('u_x3', 'XEN'), email: 'y@e.com', passwordHash: 'h' }, handles),
    ).toEqual({
      ok: false,
      taken: 'handle',
    });
    expect(await store.getUser('u_x2')).toBeNull();
  });

  it('sessions: create, read, delete one, delete all of a user, delete expired', async () => {
    const s = (idHash: string, expiresAt = '2030-01-01T00:00:00.000Z') => ({
      idHash,
      userId: 'u_x1',
      createdAt: AT,
      expiresAt,
    });
    await store.createSession(s('h1'));
    await store.createSession(s('h2'));
    await store.createSession(s('h3', '2025-01-01T00:00:00.000Z'));
    expect(await store.getSession('h1')).toEqual(s('h1'));
    await store.deleteSession('h1');
    expect(await store.getSession('h1')).toBeNull();
    expect(await store.deleteExpiredSessions(AT)).toBe(1);
    expect(await store.deleteUserSessions('u_x1')).toBe(1);
  });

  it('a rename records the old handle; it redirects while held and is released after', async () => {
    expect(await store.updateProfile('u_x1', { handle: 'xen2', headline: 'hi' }, handles)).toEqual({ ok: true });
    expect(await store.findHandleRedirect('XEN', handles.heldSince)).toEqual({ userId: 'u_x1', handle: 'xen2' });
    expect(await store.findHandleRedirect('xen', '2025-07-01T00:00:00.000Z')).toBeNull();
    expect(await store.updateProfile('u_ana', { handle: 'xen' }, handles)).toEqual({
      ok: false,
      reason: 'handle-taken',
    });
    const later = { at: '2025-12-01T00:00:00.000Z', heldSince: '2025-09-01T00:00:00.000Z' };
    expect(await store.updateProfile('u_ana', { handle: 'xen' }, later)).toEqual({ ok: true });
    expect(await store.findHandleRedirect('xen', handles.heldSince)).toBeNull();
    expect(await store.updateProfile('u_nobody', { headline: 'x' }, handles)).toEqual({ ok: false, reason: 'no-user' });
  });

  it('follow ops: idempotent by op id, last intent by (at, opId)', async () => {
    const op = (opId: string, follow: boolean, at: string) => ({
      userId: 'u_x1',
      opId,
      target: { kind: 'author' as const, id: 'u_cy' },
      follow,
      at,
      receivedAt: AT,
    });
    const first = await store.applyFollowOp(op('op-1', true, '2025-01-02T00:00:00.000Z'));
    expect(first).toMatchObject({ kind: 'done', replayed: false, result: { following: true, applied: true } });
    expect(await store.applyFollowOp(op('op-1', true, '2025-01-02T00:00:00.000Z'))).toMatchObject({ replayed: true });
    expect(await store.applyFollowOp(op('op-1', false, '2025-01-02T00:00:00.000Z'))).toEqual({ kind: 'op-id-reused' });
    // Older intent arrives late: recorded, not applied.
    expect(await store.applyFollowOp(op('op-0', false, '2025-01-01T00:00:00.000Z'))).toMatchObject({
      result: { following: true, applied: false },
    });
    expect(await store.listFollowing('u_x1', { limit: 10 })).toHaveLength(1);
    expect(await store.applyFollowOp({ ...op('op-9', true, AT), target: { kind: 'tag', slug: 'nope' } })).toEqual({
      kind: 'no-target',
    });
  });
});
