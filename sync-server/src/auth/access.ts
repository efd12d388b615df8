/**
 * Who may do what with a document. The rule depends on the kind in the name:
 * - `user:<id>`: only that user, read and write (private per-user state).
 * - `draft:<id>`: its members — owner and editor write, viewer reads; everyone else has no access.
 * Awareness (presence, cursors) follows read access: a viewer may show where they are reading.
 *
 * Membership changes go through this policy so it can tell open connections to re-check (a removed
 * co-author is disconnected, a downgraded one becomes read-only). Another process changing the
 * table directly would not be heard; there is one server process.
 */
import type { DocName } from '../../../shared/src/protocol/doc-name.ts';
import type { DraftMemberStore, DraftRole } from '../storage/doc-store.ts';

export type Permission = 'none' | 'read' | 'write';

export type AccessChange = { docName: string; userId: string };
export type AccessListener = (change: AccessChange) => void;

export function permissionForDraftRole(role: DraftRole | null): Permission {
  if (role === 'owner' || role === 'editor') return 'write';
  if (role === 'viewer') return 'read';
  return 'none';
}

export const canRead = (permission: Permission) => permission !== 'none';
export const canWrite = (permission: Permission) => permission === 'write';
export const canShareAwareness = canRead;

export interface AccessPolicy {
  permission(doc: DocName, userId: string): Promise<Permission>;
  /** Returns a disposer. */
  onChange(listener: AccessListener): () => void;
}

export class DocumentAccessPolicy implements AccessPolicy {
  private readonly listeners = new Set<AccessListener>();

  constructor(private readonly members: DraftMemberStore) {}

  async permission(doc: DocName, userId: string): Promise<Permission> {
    switch (doc.kind) {
      case 'user':
        return doc.id === userId ? 'write' : 'none';
      case 'draft':
        return permissionForDraftRole(await this.members.getDraftRole(doc.id, userId));
    }
  }

  async setDraftMember(draftId: string, userId: string, role: DraftRole): Promise<void> {
    await this.members.setDraftMember(draftId, userId, role);
    this.emit({ docName: `draft:${draftId}`, userId });
  }

  async removeDraftMember(draftId: string, userId: string): Promise<boolean> {
    const removed = await this.members.removeDraftMember(draftId, userId);
    if (removed) this.emit({ docName: `draft:${draftId}`, userId });
    return removed;
  }

  /**
   * The draft changed in a way membership rows do not show (deleted or restored): its members' open
   * connections re-check, so a deleted draft's are closed at once.
   */
  draftChanged(draftId: string, userIds: readonly string[]): void {
    for (const userId of userIds) this.emit({ docName: `draft:${draftId}`, userId });
  }

  onChange(listener: AccessListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: AccessChange) {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch {
        // A listener's failure must not stop the others from hearing about a revocation.
      }
    }
  }
}
