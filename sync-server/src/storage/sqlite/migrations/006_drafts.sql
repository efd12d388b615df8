-- Drafts (issue 6): who owns which draft, what a publication made of it, and named versions.
-- A draft's content is its Yjs document `draft:<id>` (documents, document_updates); who may open it is
-- draft_members (002). The title here is a cache of the document's title as of its last stored change.

CREATE TABLE drafts (
  id         TEXT PRIMARY KEY, -- made by the client, as in `draft:<id>`
  owner_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title      TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, -- the last change stored for its document
  deleted_at TEXT           -- soft delete: kept (with its document) so the owner can restore it
) STRICT;
CREATE INDEX drafts_by_owner ON drafts (owner_id, updated_at DESC);

-- A post made by publishing a draft keeps the link, so publishing again updates the same post.
-- Unpublished posts keep their revisions and their slug but appear nowhere a reader looks.
ALTER TABLE posts ADD COLUMN draft_id TEXT REFERENCES drafts (id) ON DELETE SET NULL;
ALTER TABLE posts ADD COLUMN unpublished INTEGER NOT NULL DEFAULT 0 CHECK (unpublished IN (0, 1));
ALTER TABLE posts ADD COLUMN cover_url TEXT;
CREATE UNIQUE INDEX posts_by_draft ON posts (draft_id) WHERE draft_id IS NOT NULL;

-- Every publication of a post, the first one included (revision 1): what readers saw from then on.
CREATE TABLE post_revisions (
  post_id      TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  revision     INTEGER NOT NULL CHECK (revision >= 1),
  title        TEXT NOT NULL,
  content_json TEXT NOT NULL,
  excerpt      TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (post_id, revision)
) STRICT;

-- Named versions a writer saved: the whole Yjs state of that moment (Y.encodeStateAsUpdate).
CREATE TABLE draft_versions (
  id         TEXT PRIMARY KEY,
  draft_id   TEXT NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
  state      BLOB NOT NULL
) STRICT;
CREATE INDEX draft_versions_by_draft ON draft_versions (draft_id, created_at DESC, id DESC);

-- Notifications learn a new kind (an invitation to co-author a draft) and which draft it is about.
-- SQLite cannot change a CHECK constraint in place, so the table is copied. Nothing references it.
CREATE TABLE notifications_006 (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('new-follower', 'comment-on-post', 'reply-to-comment', 'series-part', 'coauthor-invitation', 'draft-invitation')),
  actor_id   TEXT REFERENCES users (id) ON DELETE SET NULL,
  post_id    TEXT,
  comment_id TEXT,
  series_id  TEXT,
  draft_id   TEXT,
  created_at TEXT NOT NULL,
  read_at    TEXT,
  CHECK (actor_id IS NULL OR actor_id <> user_id)
) STRICT;
INSERT INTO notifications_006 (id, user_id, kind, actor_id, post_id, comment_id, series_id, created_at, read_at)
  SELECT id, user_id, kind, actor_id, post_id, comment_id, series_id, created_at, read_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_006 RENAME TO notifications;
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
