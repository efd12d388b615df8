import { describe, expect, it } from 'vitest';
import type { DraftSummary } from '../../../shared/src/drafts/drafts-api.ts';
import type { DeviceDraft } from '../store/draft-index.ts';
import { draftRows, syncLabel } from './my-drafts-model.ts';

const me = { id: 'u1', handle: 'me', displayName: 'Me' };
const ana = { id: 'u2', handle: 'ana', displayName: 'Ana' };

const summary = (id: string, over: Partial<DraftSummary> = {}): DraftSummary => ({
  id,
  role: 'owner',
  owner: me,
  members: [
    { ...me, role: 'owner', addedAt: '2026-11-01T00:00:00Z' },
    { ...ana, role: 'editor', addedAt: '2026-11-02T00:00:00Z' },
  ],
  title: `Server ${id}`,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-10T00:00:00Z',
  deletedAt: null,
  published: null,
  ...over,
});
const device = (id: string, over: Partial<DeviceDraft> = {}): DeviceDraft => ({
  id,
  userId: 'u1',
  title: `Device ${id}`,
  editedAt: Date.parse('2026-11-12T00:00:00Z'),
  pending: 0,
  lastSyncedAt: Date.parse('2026-11-12T00:00:00Z'),
  ...over,
});

describe('my drafts rows', () => {
  it('joins the server list and the device copies, newest edit first', () => {
    const rows = draftRows(
      [summary('a'), summary('b', { role: 'editor', owner: ana, updatedAt: '2026-11-20T00:00:00Z' })],
      [device('a', { pending: 2 }), device('c')],
      new Set(),
      'u1',
    );
    expect(rows.map((r) => [r.id, r.title, syncLabel(r.sync)])).toEqual([
      ['b', 'Server b', 'On the server'],
      ['a', 'Device a', '2 changes on this device only'],
      ['c', 'Device c', 'Saved on this device; not on the server yet'],
    ]);
    expect(rows[0]?.sharedBy).toBe('Ana');
    expect(rows[1]?.coauthors).toEqual(['Ana']);
  });

  it('prefers the server title when the server has the newer edit (a co-author renamed it)', () => {
    const rows = draftRows(
      [summary('a', { title: 'Renamed by Ana', updatedAt: '2026-11-15T00:00:00Z' })],
      [device('a')],
      new Set(),
      'u1',
    );
    expect(rows[0]?.title).toBe('Renamed by Ana');
    expect(syncLabel(rows[0]!.sync)).toBe('Synced');
  });

  it('leaves out deleted drafts and those whose deletion waits on the device', () => {
    const rows = draftRows(
      [summary('a', { deletedAt: '2026-11-11T00:00:00Z' }), summary('b')],
      [device('c')],
      new Set(['c']),
      'u1',
    );
    expect(rows.map((r) => r.id)).toEqual(['b']);
  });

  it('offline (no server list): device copies only, untitled ones named so', () => {
    const rows = draftRows(null, [device('a', { title: '  ', lastSyncedAt: null })], new Set(), 'u1');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.title).toBe('Untitled draft');
    expect(syncLabel(rows[0]!.sync)).toBe('Saved on this device');
  });
});
