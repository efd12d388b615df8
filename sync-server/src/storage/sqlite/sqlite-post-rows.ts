/**
 * How a post card (PostSummary) is read from SQLite: one SELECT and its mapping, shared by the catalog
 * reads and publishing (which answers with the card of the post it wrote).
 */
import type { PostSummary } from '../../../../shared/src/model/catalog.ts';

/** Posts a reader may see: an unpublished post is kept (with its revisions) but shown nowhere. */
export const LIVE_POST = 'p.unpublished = 0';

/** Counted on post cards and in popularity: not deleted by its writer, not hidden by the post's author. */
export const VISIBLE_COMMENT = 'c.deleted_at IS NULL AND c.hidden_at IS NULL';

export type SummaryRow = {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  published_at: string;
  updated_at: string;
  reading_minutes: number;
  images_json: string;
  tags_json: string;
  author_id: string;
  author_handle: string;
  author_display_name: string;
  author_avatar_url: string | null;
  series_id: string | null;
  series_slug: string | null;
  series_title: string | null;
  series_part: number | null;
  series_part_count: number;
  reaction_count: number;
  comment_count: number;
};

// Takes extra columns so a query can add what it needs without a second copy of the base.
export const summarySelect = (extraColumns = '') => `
SELECT p.id, p.slug, p.title, p.excerpt, p.published_at, p.updated_at, p.reading_minutes, p.images_json,
  u.id AS author_id, u.handle AS author_handle, u.display_name AS author_display_name, u.avatar_url AS author_avatar_url,
  s.id AS series_id, s.slug AS series_slug, s.title AS series_title, p.series_part,
  (SELECT COUNT(*) FROM posts sp WHERE sp.series_id = p.series_id AND sp.unpublished = 0) AS series_part_count,
  (SELECT COUNT(*) FROM reactions r WHERE r.post_id = p.id) AS reaction_count,
  (SELECT COUNT(*) FROM comments c WHERE c.post_id = p.id AND ${VISIBLE_COMMENT}) AS comment_count,
  (SELECT json_group_array(pt.tag_slug ORDER BY pt.position) FROM post_tags pt WHERE pt.post_id = p.id) AS tags_json
  ${extraColumns}
FROM posts p
JOIN users u ON u.id = p.author_id
LEFT JOIN series s ON s.id = p.series_id`;

export function toSummary(row: SummaryRow): PostSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    author: {
      id: row.author_id,
      handle: row.author_handle,
      displayName: row.author_display_name,
      avatarUrl: row.author_avatar_url,
    },
    tags: JSON.parse(row.tags_json) as string[],
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    readingMinutes: row.reading_minutes,
    reactionCount: row.reaction_count,
    commentCount: row.comment_count,
    series:
      row.series_id && row.series_slug && row.series_title && row.series_part !== null
        ? {
            id: row.series_id,
            slug: row.series_slug,
            title: row.series_title,
            part: row.series_part,
            partCount: row.series_part_count,
          }
        : null,
    images: JSON.parse(row.images_json) as string[],
  };
}
