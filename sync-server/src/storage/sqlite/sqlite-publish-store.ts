/**
 * Publishing drafts in SQLite: the post a draft became, its revisions, and the series it joins. A
 * publication is one transaction with its op record, so a replayed publish adds no second revision.
 */
import type { PublishResult, RevisionSummary } from '../../../../shared/src/drafts/drafts-api.ts';
import { uniqueSlug } from '../../../../shared/src/model/slug.ts';
import type { NewPublication, Publication, PublishOutcome, SeriesChoice } from '../draft-store.ts';
import type { OpRecord } from '../social-store.ts';
import { type SummaryRow, summarySelect, toSummary } from './sqlite-post-rows.ts';
import { SqliteSocialStore } from './sqlite-social-store.ts';
import type { Applied } from './sqlite-write-ops.ts';

type PublicationRow = {
  draft_id: string;
  id: string;
  slug: string;
  published_at: string;
  updated_at: string;
  unpublished: number;
  series_id: string | null;
  series_part: number | null;
  revision: number | null;
};

export const PUBLICATION_SELECT = `SELECT p.draft_id, p.id, p.slug, p.published_at, p.updated_at, p.unpublished,
    p.series_id, p.series_part, (SELECT MAX(r.revision) FROM post_revisions r WHERE r.post_id = p.id) AS revision
  FROM posts p`;

export const toPublication = (row: PublicationRow): Publication => ({
  postId: row.id,
  slug: row.slug,
  revision: row.revision ?? 1,
  publishedAt: row.published_at,
  updatedAt: row.updated_at,
  unpublished: row.unpublished === 1,
  seriesId: row.series_id,
  seriesPart: row.series_part,
});

type SeriesRow = { id: string; slug: string; title: string; author_id: string };
const toSeriesChoice = (row: SeriesRow): SeriesChoice => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  ownerId: row.author_id,
});

/** Who wrote a revision or a version; a user removed since shows as this. */
export const AUTHOR_COLUMNS = `coalesce(u.id, '') AS author_id, coalesce(u.handle, '') AS author_handle,
  coalesce(u.display_name, 'A former member') AS author_name, u.avatar_url AS author_avatar`;
export type AuthorColumns = {
  author_id: string;
  author_handle: string;
  author_name: string;
  author_avatar: string | null;
};
export const toAuthorRef = (row: AuthorColumns) => ({
  id: row.author_id,
  handle: row.author_handle,
  displayName: row.author_name,
  avatarUrl: row.author_avatar,
});

export class SqlitePublishStore extends SqliteSocialStore {
  async getPublication(draftId: string): Promise<Publication | null> {
    return this.#publication(draftId);
  }

  #publication(draftId: string): Publication | null {
    const row = this.sql(`${PUBLICATION_SELECT} WHERE p.draft_id = ?`).get(draftId) as PublicationRow | undefined;
    return row ? toPublication(row) : null;
  }

  async findSeriesForAuthor(authorId: string, title: string): Promise<SeriesChoice | null> {
    const row = this.sql(`SELECT s.id, s.slug, s.title, s.author_id FROM series s
      WHERE lower(s.title) = lower(@title)
        AND (s.author_id = @authorId OR EXISTS (SELECT 1 FROM series_authors sa
             WHERE sa.series_id = s.id AND sa.user_id = @authorId AND sa.status = 'accepted'))
      ORDER BY s.author_id = @authorId DESC, s.id LIMIT 1`).get({ authorId, title: title.trim() }) as
      | SeriesRow
      | undefined;
    return row ? toSeriesChoice(row) : null;
  }

  async getSeriesChoice(seriesId: string): Promise<SeriesChoice | null> {
    const row = this.sql('SELECT id, slug, title, author_id FROM series WHERE id = ?').get(seriesId) as
      | SeriesRow
      | undefined;
    return row ? toSeriesChoice(row) : null;
  }

  async publishDraft(op: OpRecord, publication: NewPublication): Promise<PublishOutcome> {
    return this.once(op, (): Applied<PublishResult, 'part-taken'> => this.#publish(publication));
  }

  #publish(pub: NewPublication): Applied<PublishResult, 'part-taken'> {
    const existing = this.#publication(pub.draftId);
    const seriesId = this.#seriesFor(pub);
    const part = seriesId ? this.#partFor(seriesId, pub.part, existing) : null;
    if (seriesId && part !== null && this.#partHolder(seriesId, part, existing?.postId ?? null)) return 'part-taken';
    for (const tag of pub.tags) {
      this.sql("INSERT INTO tags (slug, name, description) VALUES (?, ?, '') ON CONFLICT (slug) DO NOTHING").run(
        tag.slug,
        tag.name,
      );
    }
    const postId = existing?.postId ?? pub.newPostId;
    const fields = {
      id: postId,
      title: pub.title,
      excerpt: pub.excerpt,
      seriesId,
      part,
      contentJson: pub.contentJson,
      images: JSON.stringify(pub.images),
      minutes: pub.readingMinutes,
      cover: pub.coverUrl,
      at: pub.at,
    };
    if (existing) {
      this.sql(`UPDATE posts SET title = @title, excerpt = @excerpt, series_id = @seriesId, series_part = @part,
          content_json = @contentJson, images_json = @images, reading_minutes = @minutes, cover_url = @cover,
          updated_at = @at, unpublished = 0
        WHERE id = @id`).run(fields);
    } else {
      const slug = uniqueSlug(
        pub.title,
        'post',
        (s) => this.sql('SELECT 1 FROM posts WHERE slug = ?').get(s) !== undefined,
      );
      this.sql(`INSERT INTO posts (id, slug, title, excerpt, author_id, series_id, series_part, content_json, images_json,
          reading_minutes, cover_url, published_at, updated_at, draft_id, unpublished)
        VALUES (@id, @slug, @title, @excerpt, @authorId, @seriesId, @part, @contentJson, @images, @minutes, @cover,
          @at, @at, @draftId, 0)`).run({ ...fields, slug, authorId: pub.authorId, draftId: pub.draftId });
    }
    this.sql('DELETE FROM post_tags WHERE post_id = ?').run(postId);
    pub.tags.forEach((tag, position) => {
      this.sql('INSERT INTO post_tags (post_id, tag_slug, position) VALUES (?, ?, ?)').run(postId, tag.slug, position);
    });
    const revision = existing ? existing.revision + 1 : 1;
    this.sql(`INSERT INTO post_revisions (post_id, revision, title, content_json, excerpt, published_at, published_by)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      postId,
      revision,
      pub.title,
      pub.contentJson,
      pub.excerpt,
      pub.at,
      pub.publishedBy,
    );
    const row = this.sql(`${summarySelect()} WHERE p.id = ?`).get(postId) as SummaryRow;
    return { result: { post: toSummary(row), revision, stripped: pub.stripped } };
  }

  #seriesFor(pub: NewPublication): string | null {
    if (!pub.series) return null;
    if ('id' in pub.series) return pub.series.id;
    const { id, title } = pub.series.create;
    const slug = uniqueSlug(
      title,
      'series',
      (s) => this.sql('SELECT 1 FROM series WHERE slug = ?').get(s) !== undefined,
    );
    this.sql("INSERT INTO series (id, slug, title, description, author_id) VALUES (?, ?, ?, '', ?)").run(
      id,
      slug,
      title,
      pub.authorId,
    );
    return id;
  }

  /** The part asked for; else the post's part when it stays in the series; else the next after the last. */
  #partFor(seriesId: string, asked: number | null, existing: Publication | null): number {
    if (asked !== null) return asked;
    if (existing?.seriesId === seriesId && existing.seriesPart !== null) return existing.seriesPart;
    const last = this.sql('SELECT MAX(series_part) FROM posts WHERE series_id = ?').pluck().get(seriesId) as
      | number
      | null;
    return (last ?? 0) + 1;
  }

  #partHolder(seriesId: string, part: number, postId: string | null): boolean {
    const holder = this.sql('SELECT id FROM posts WHERE series_id = ? AND series_part = ?')
      .pluck()
      .get(seriesId, part) as string | undefined;
    return holder !== undefined && holder !== postId;
  }

  async setPostUnpublished(draftId: string, unpublished: boolean): Promise<Publication | null> {
    this.sql('UPDATE posts SET unpublished = ? WHERE draft_id = ?').run(unpublished ? 1 : 0, draftId);
    return this.#publication(draftId);
  }

  async listRevisions(draftId: string): Promise<RevisionSummary[]> {
    const rows = this.sql(`SELECT r.revision, r.title, r.published_at, ${AUTHOR_COLUMNS}
      FROM post_revisions r JOIN posts p ON p.id = r.post_id LEFT JOIN users u ON u.id = r.published_by
      WHERE p.draft_id = ? ORDER BY r.revision DESC`).all(draftId) as ({
      revision: number;
      title: string;
      published_at: string;
    } & AuthorColumns)[];
    return rows.map((row) => ({
      revision: row.revision,
      title: row.title,
      publishedAt: row.published_at,
      publishedBy: toAuthorRef(row),
    }));
  }
}
