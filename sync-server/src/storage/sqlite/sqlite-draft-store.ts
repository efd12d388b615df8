/**
 * Drafts in SQLite: ownership and the title cache, what each member sees, named versions. Membership
 * rows (draft_members) are written by the document store through the access policy; they are read here.
 */
import type { DraftMember, DraftRole, DraftSummary, DraftVersion } from '../../../../shared/src/drafts/drafts-api.ts';
import type { DraftAccess, DraftRecord, NewDraft, NewDraftVersion, Publication } from '../draft-store.ts';
import type { OpOutcome, OpRecord } from '../social-store.ts';
import type { Timestamp } from '../store.ts';
import {
  AUTHOR_COLUMNS,
  type AuthorColumns,
  PUBLICATION_SELECT,
  SqlitePublishStore,
  toAuthorRef,
  toPublication,
} from './sqlite-publish-store.ts';
import { toUint8Array } from './sqlite-update-log.ts';

type DraftRow = {
  id: string;
  owner_id: string;
  title: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
};

type ViewRow = DraftRow & {
  role: DraftRole | null;
  owner_handle: string;
  owner_name: string;
  owner_avatar: string | null;
};

type MemberRow = AuthorColumns & { draft_id: string; role: DraftRole; added_at: string };

const toDraft = (row: DraftRow): DraftRecord => ({
  id: row.id,
  ownerId: row.owner_id,
  title: row.title,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
});

/** A draft as @userId sees it: the owner is always 'owner', a member has their row's role, anyone else null. */
const VIEW_SELECT = `SELECT d.id, d.owner_id, d.title, d.created_at, d.updated_at, d.deleted_at,
    CASE WHEN d.owner_id = @userId THEN 'owner' ELSE m.role END AS role,
    o.handle AS owner_handle, o.display_name AS owner_name, o.avatar_url AS owner_avatar
  FROM drafts d
  JOIN users o ON o.id = d.owner_id
  LEFT JOIN draft_members m ON m.draft_id = d.id AND m.user_id = @userId`;
const VISIBLE_TO_USER = '(d.owner_id = @userId OR m.user_id IS NOT NULL)';

export class SqliteDraftStore extends SqlitePublishStore {
  async createDraft(draft: NewDraft): Promise<{ created: boolean; draft: DraftRecord }> {
    return this.db.transaction(() => {
      const created =
        this.sql(`INSERT INTO drafts (id, owner_id, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (id) DO NOTHING`).run(draft.id, draft.ownerId, draft.title, draft.now, draft.now).changes > 0;
      return { created, draft: this.#draft(draft.id)! };
    })();
  }

  async getDraft(id: string): Promise<DraftRecord | null> {
    return this.#draft(id);
  }

  #draft(id: string): DraftRecord | null {
    const row = this.sql('SELECT * FROM drafts WHERE id = ?').get(id) as DraftRow | undefined;
    return row ? toDraft(row) : null;
  }

  async getDraftAccess(id: string, userId: string): Promise<DraftAccess | null> {
    const row = this.sql(`${VIEW_SELECT} WHERE d.id = @id`).get({ id, userId }) as ViewRow | undefined;
    return row ? { draft: toDraft(row), role: row.role } : null;
  }

  async getDraftSummary(id: string, userId: string): Promise<DraftSummary | null> {
    const row = this.sql(`${VIEW_SELECT} WHERE d.id = @id AND ${VISIBLE_TO_USER}`).get({ id, userId }) as
      | ViewRow
      | undefined;
    return row ? (this.#summaries([row])[0] ?? null) : null;
  }

  async listDraftSummaries(userId: string): Promise<DraftSummary[]> {
    const rows = this.sql(
      `${VIEW_SELECT} WHERE ${VISIBLE_TO_USER} AND d.deleted_at IS NULL ORDER BY d.updated_at DESC, d.id DESC`,
    ).all({ userId }) as ViewRow[];
    return this.#summaries(rows);
  }

  /** Members and publications of all the rows in two queries, not two per draft. */
  #summaries(rows: ViewRow[]): DraftSummary[] {
    const ids = JSON.stringify(rows.map((row) => row.id));
    const members = new Map<string, DraftMember[]>();
    const memberRows = this.sql(`SELECT m.draft_id, m.role, m.added_at, ${AUTHOR_COLUMNS}
      FROM draft_members m JOIN users u ON u.id = m.user_id
      WHERE m.draft_id IN (SELECT value FROM json_each(?))
      ORDER BY m.draft_id, CASE m.role WHEN 'owner' THEN 0 WHEN 'editor' THEN 1 ELSE 2 END, m.added_at, u.id`).all(
      ids,
    ) as MemberRow[];
    for (const row of memberRows) {
      const list = members.get(row.draft_id) ?? [];
      list.push({ ...toAuthorRef(row), role: row.role, addedAt: row.added_at });
      members.set(row.draft_id, list);
    }
    const published = new Map<string, Publication>();
    const publicationRows = this.sql(`${PUBLICATION_SELECT} WHERE p.draft_id IN (SELECT value FROM json_each(?))`).all(
      ids,
    ) as Parameters<typeof toPublication>[0][];
    for (const row of publicationRows) published.set(row.draft_id, toPublication(row));
    return rows.map((row) => {
      const publication = published.get(row.id);
      return {
        id: row.id,
        role: row.role ?? 'viewer',
        owner: { id: row.owner_id, handle: row.owner_handle, displayName: row.owner_name, avatarUrl: row.owner_avatar },
        members: members.get(row.id) ?? [],
        title: row.title,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        deletedAt: row.deleted_at,
        published: publication
          ? {
              postId: publication.postId,
              slug: publication.slug,
              revision: publication.revision,
              publishedAt: publication.publishedAt,
              updatedAt: publication.updatedAt,
              unpublished: publication.unpublished,
            }
          : null,
      };
    });
  }

  async recordDraftEdit(id: string, edit: { title: string; at: Timestamp }): Promise<void> {
    this.sql('UPDATE drafts SET title = ?, updated_at = max(updated_at, ?) WHERE id = ?').run(edit.title, edit.at, id);
  }

  async setDraftDeleted(id: string, deletedAt: Timestamp | null): Promise<boolean> {
    // A second delete keeps the first time: "deleted on …" should not move.
    const sql =
      deletedAt === null
        ? 'UPDATE drafts SET deleted_at = NULL WHERE id = @id'
        : 'UPDATE drafts SET deleted_at = coalesce(deleted_at, @deletedAt) WHERE id = @id';
    return this.sql(sql).run(deletedAt === null ? { id } : { id, deletedAt }).changes > 0;
  }

  async rememberOp<T>(op: OpRecord, result: T): Promise<OpOutcome<T>> {
    return this.once<T>(op, () => ({ result }));
  }

  async addDraftVersion(version: NewDraftVersion): Promise<DraftVersion> {
    this.sql(
      'INSERT INTO draft_versions (id, draft_id, name, created_at, created_by, state) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(version.id, version.draftId, version.name, version.createdAt, version.createdBy, version.state);
    return this.#versions('v.id = ?', version.id)[0]!;
  }

  async countDraftVersions(draftId: string): Promise<number> {
    return this.sql('SELECT COUNT(*) FROM draft_versions WHERE draft_id = ?').pluck().get(draftId) as number;
  }

  async listDraftVersions(draftId: string): Promise<DraftVersion[]> {
    return this.#versions('v.draft_id = ?', draftId);
  }

  #versions(where: string, value: string): DraftVersion[] {
    const rows = this.sql(`SELECT v.id, v.name, v.created_at, ${AUTHOR_COLUMNS}
      FROM draft_versions v LEFT JOIN users u ON u.id = v.created_by
      WHERE ${where} ORDER BY v.created_at DESC, v.id DESC`).all(value) as ({
      id: string;
      name: string;
      created_at: string;
    } & AuthorColumns)[];
    return rows.map((row) => ({ id: row.id, name: row.name, createdAt: row.created_at, createdBy: toAuthorRef(row) }));
  }

  async getDraftVersionState(draftId: string, versionId: string): Promise<Uint8Array | null> {
    const state = this.sql('SELECT state FROM draft_versions WHERE id = ? AND draft_id = ?')
      .pluck()
      .get(versionId, draftId) as Buffer | undefined;
    return state ? toUint8Array(state) : null;
  }
}
