/**
 * "My drafts" as rows: the server's list (mine and shared with me) joined with the copies on this
 * device, which may be newer, not on the server yet, or the only thing known while offline. Pure.
 */
import type { DraftRole, DraftSummary, PublishedRef } from '../../../shared/src/drafts/drafts-api.ts';
import type { DeviceDraft } from '../store/draft-index.ts';

export type DraftSync =
  | { kind: 'synced'; at: number | null }
  | { kind: 'pending'; count: number }
  /** Made on this device; the server has not been told about it yet. */
  | { kind: 'device-only' }
  /** On the server; this device has no copy yet (opening it fetches one). */
  | { kind: 'server-only' }
  /** On this device; offline, so the server's view is unknown. */
  | { kind: 'device' };

export type DraftRow = {
  id: string;
  title: string;
  role: DraftRole;
  /** Owner's name when the draft is someone else's. */
  sharedBy: string | null;
  /** Everyone else on the draft, by name. */
  coauthors: string[];
  /** Last edit known here (ms), or null. */
  editedAt: number | null;
  sync: DraftSync;
  published: PublishedRef | null;
};

export const UNTITLED = 'Untitled draft';

export function draftRows(
  server: readonly DraftSummary[] | null,
  device: readonly DeviceDraft[],
  hidden: ReadonlySet<string>,
  userId: string,
): DraftRow[] {
  const byId = new Map<string, DraftRow>();
  const onServer = new Map((server ?? []).filter((d) => !d.deletedAt).map((d) => [d.id, d]));
  for (const d of onServer.values()) byId.set(d.id, serverRow(d, userId));
  for (const local of device) {
    const remote = onServer.get(local.id);
    if (server && !remote && local.editedAt === 0) continue; // opened here once, never edited, gone from the server
    byId.set(local.id, deviceRow(local, remote, server !== null, userId));
  }
  return [...byId.values()].filter((r) => !hidden.has(r.id)).sort((a, b) => (b.editedAt ?? 0) - (a.editedAt ?? 0));
}

function serverRow(d: DraftSummary, userId: string): DraftRow {
  return {
    id: d.id,
    title: d.title.trim() || UNTITLED,
    role: d.role,
    sharedBy: d.owner.id === userId ? null : d.owner.displayName,
    coauthors: d.members.filter((m) => m.id !== userId).map((m) => m.displayName),
    editedAt: Date.parse(d.updatedAt) || null,
    sync: { kind: 'server-only' },
    published: d.published,
  };
}

function deviceRow(
  local: DeviceDraft,
  remote: DraftSummary | undefined,
  serverKnown: boolean,
  userId: string,
): DraftRow {
  const base = remote ? serverRow(remote, userId) : null;
  const remoteEdit = base?.editedAt ?? 0;
  const newerHere = local.editedAt >= remoteEdit;
  return {
    id: local.id,
    title: (newerHere ? local.title.trim() : base?.title) || base?.title || UNTITLED,
    role: base?.role ?? 'owner',
    sharedBy: base?.sharedBy ?? null,
    coauthors: base?.coauthors ?? [],
    editedAt: Math.max(local.editedAt, remoteEdit) || null,
    sync: deviceSync(local, remote !== undefined, serverKnown),
    published: base?.published ?? null,
  };
}

function deviceSync(local: DeviceDraft, onServer: boolean, serverKnown: boolean): DraftSync {
  if (local.pending > 0) return { kind: 'pending', count: local.pending };
  if (serverKnown && !onServer) return { kind: 'device-only' };
  if (!serverKnown && local.lastSyncedAt === null) return { kind: 'device' };
  return { kind: 'synced', at: local.lastSyncedAt };
}

export function syncLabel(sync: DraftSync): string {
  switch (sync.kind) {
    case 'synced':
      return 'Synced';
    case 'pending':
      return `${sync.count} ${sync.count === 1 ? 'change' : 'changes'} on this device only`;
    case 'device-only':
      return 'Saved on this device; not on the server yet';
    case 'server-only':
      return 'On the server';
    case 'device':
      return 'Saved on this device';
  }
}
