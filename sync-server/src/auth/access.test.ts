import { describe, expect, it, vi } from 'vitest';
import type { DraftMemberStore, DraftRole } from '../storage/doc-store.ts';
import { DocumentAccessPolicy, permissionForDraftRole } from './access.ts';

function memoryMembers(): DraftMemberStore {
  const roles = new Map<string, DraftRole>();
  const key = (d: string, u: string) => `${d}\u0000${u}`;
  return {
    getDraftRole: async (d, u) => roles.get(key(d, u)) ?? null,
    listDraftMembers: async (d) =>
      [...roles]
        .filter(([k]) => k.startsWith(`${d}\u0000`))
        .map(([k, role]) => ({
          draftId: d,
          userId: k.split('\u0000')[1]!,
          role,
        })),
    setDraftMember: async (d, u, role) => {
      roles.set(key(d, u), role);
    },
    removeDraftMember: async (d, u) => roles.delete(key(d, u)),
  };
}

describe('DocumentAccessPolicy', () => {
  it('ACCESS-1: a user doc belongs to its user only', async () => {
    const policy = new DocumentAccessPolicy(memoryMembers());
    expect(await policy.permission({ kind: 'user', id: 'alice' }, 'alice')).toBe('write');
    expect(await policy.permission({ kind: 'user', id: 'alice' }, 'bob')).toBe('none');
  });

  it('ACCESS-2: draft roles map to write, write, read, none', async () => {
    expect(['owner', 'editor', 'viewer', null].map((r) => permissionForDraftRole(r as DraftRole | null))).toEqual([
      'write',
      'write',
      'read',
      'none',
    ]);
    const policy = new DocumentAccessPolicy(memoryMembers());
    await policy.setDraftMember('d1', 'bob', 'viewer');
    expect(await policy.permission({ kind: 'draft', id: 'd1' }, 'bob')).toBe('read');
    expect(await policy.permission({ kind: 'draft', id: 'd2' }, 'bob')).toBe('none');
  });

  it('ACCESS-4: announces membership changes and stops after dispose', async () => {
    const policy = new DocumentAccessPolicy(memoryMembers());
    const listener = vi.fn();
    const dispose = policy.onChange(listener);
    await policy.setDraftMember('d1', 'bob', 'editor');
    await policy.removeDraftMember('d1', 'bob');
    await policy.removeDraftMember('d1', 'bob'); // nothing removed: no event
    expect(listener.mock.calls).toEqual([
      [{ docName: 'draft:d1', userId: 'bob' }],
      [{ docName: 'draft:d1', userId: 'bob' }],
    ]);
    dispose();
    await policy.setDraftMember('d1', 'bob', 'editor');
    expect(listener).toHaveBeenCalledTimes(2);
  });
});
