/** Series co-authors in SQLite: invitations by the owner, answers by the invitee (the SocialStore's part). */
import type { CoauthorInvitation, InvitationStatus } from '../../../../shared/src/model/social-api.ts';
import type { OpOutcome, OpRecord } from '../social-store.ts';
import type { Timestamp } from '../store.ts';
import { SqliteNotificationStore } from './sqlite-notifications.ts';
import type { Applied } from './sqlite-write-ops.ts';

type InvitationRow = {
  series_id: string;
  series_slug: string;
  series_title: string;
  user_id: string;
  user_handle: string;
  user_name: string;
  inviter_id: string | null;
  inviter_handle: string | null;
  inviter_name: string | null;
  status: InvitationStatus;
  invited_at: string;
  responded_at: string | null;
};

const INVITATION_SELECT = `SELECT sa.status, sa.invited_at, sa.responded_at,
    s.id AS series_id, s.slug AS series_slug, s.title AS series_title,
    u.id AS user_id, u.handle AS user_handle, u.display_name AS user_name,
    i.id AS inviter_id, i.handle AS inviter_handle, i.display_name AS inviter_name
  FROM series_authors sa
  JOIN series s ON s.id = sa.series_id
  JOIN users u ON u.id = sa.user_id
  LEFT JOIN users i ON i.id = sa.invited_by`;

const toInvitation = (row: InvitationRow): CoauthorInvitation => ({
  series: { id: row.series_id, slug: row.series_slug, title: row.series_title },
  invitee: { id: row.user_id, handle: row.user_handle, displayName: row.user_name },
  invitedBy:
    row.inviter_id && row.inviter_handle && row.inviter_name
      ? { id: row.inviter_id, handle: row.inviter_handle, displayName: row.inviter_name }
      : null,
  status: row.status,
  invitedAt: row.invited_at,
  respondedAt: row.responded_at,
});

export class SqliteCoauthorStore extends SqliteNotificationStore {
  #invitation(seriesId: string, userId: string): CoauthorInvitation | null {
    const row = this.sql(`${INVITATION_SELECT} WHERE sa.series_id = ? AND sa.user_id = ?`).get(seriesId, userId) as
      | InvitationRow
      | undefined;
    return row ? toInvitation(row) : null;
  }

  async inviteCoauthor(
    op: OpRecord,
    invitation: { seriesId: string; userId: string; at: Timestamp },
  ): Promise<OpOutcome<CoauthorInvitation> | { kind: 'already-coauthor' }> {
    return this.once(op, (): Applied<CoauthorInvitation, 'missing' | 'already-coauthor'> => {
      const { seriesId, userId, at } = invitation;
      if (!this.sql('SELECT 1 FROM series WHERE id = ?').get(seriesId)) return 'missing';
      if (!this.sql('SELECT 1 FROM users WHERE id = ?').get(userId)) return 'missing';
      if (this.#invitation(seriesId, userId)?.status === 'accepted') return 'already-coauthor';
      this.sql(`INSERT INTO series_authors (series_id, user_id, invited_by, status, invited_at, responded_at)
        VALUES (?, ?, ?, 'invited', ?, NULL)
        ON CONFLICT (series_id, user_id) DO UPDATE SET
          invited_by = excluded.invited_by, status = 'invited', invited_at = excluded.invited_at, responded_at = NULL`).run(
        seriesId,
        userId,
        op.userId,
        at,
      );
      const stored = this.#invitation(seriesId, userId);
      return stored ? { result: stored } : 'missing';
    });
  }

  async answerInvitation(
    op: OpRecord,
    answer: { seriesId: string; accept: boolean; at: Timestamp },
  ): Promise<OpOutcome<CoauthorInvitation>> {
    return this.once(op, (): Applied<CoauthorInvitation> => {
      const changed = this.sql(
        `UPDATE series_authors SET status = ?, responded_at = ? WHERE series_id = ? AND user_id = ? AND status = 'invited'`,
      ).run(answer.accept ? 'accepted' : 'declined', answer.at, answer.seriesId, op.userId).changes;
      const stored = changed > 0 ? this.#invitation(answer.seriesId, op.userId) : null;
      return stored ? { result: stored } : 'missing';
    });
  }

  async listPendingInvitations(userId: string): Promise<CoauthorInvitation[]> {
    const rows = this.sql(
      `${INVITATION_SELECT} WHERE sa.user_id = ? AND sa.status = 'invited' ORDER BY sa.invited_at DESC, s.id DESC`,
    ).all(userId) as InvitationRow[];
    return rows.map(toInvitation);
  }

  async listSeriesInvitations(seriesId: string): Promise<CoauthorInvitation[]> {
    const rows = this.sql(`${INVITATION_SELECT} WHERE sa.series_id = ? ORDER BY sa.invited_at, u.id`).all(
      seriesId,
    ) as InvitationRow[];
    return rows.map(toInvitation);
  }

  async isSeriesAuthor(seriesId: string, userId: string): Promise<boolean> {
    const row = this.sql(
      `SELECT 1 FROM series WHERE id = @seriesId AND author_id = @userId
       UNION ALL
       SELECT 1 FROM series_authors WHERE series_id = @seriesId AND user_id = @userId AND status = 'accepted'`,
    ).get({ seriesId, userId });
    return row !== undefined;
  }
}
