-- Social: comment threads and moderation, idempotent writes, notifications, series follows and co-authors.

-- Threads. parent_id is the comment replied to; root_id the top-level comment of the thread (NULL for a
-- top-level one), so a page of top-level comments fetches its replies with one indexed query.
-- depth: 0 for top-level. body stays the Markdown as written; body_json is its structured content
-- (NULL for rows written before this migration: converted when read).
ALTER TABLE comments ADD COLUMN parent_id TEXT REFERENCES comments (id) ON DELETE CASCADE;
ALTER TABLE comments ADD COLUMN root_id TEXT REFERENCES comments (id) ON DELETE CASCADE;
ALTER TABLE comments ADD COLUMN depth INTEGER NOT NULL DEFAULT 0 CHECK (depth >= 0);
ALTER TABLE comments ADD COLUMN body_json TEXT;
ALTER TABLE comments ADD COLUMN edited_at TEXT;
-- Deleted by its writer but kept (body wiped) because it has replies; one without replies is removed.
ALTER TABLE comments ADD COLUMN deleted_at TEXT;
-- Hidden by the post's author.
ALTER TABLE comments ADD COLUMN hidden_at TEXT;
CREATE INDEX comments_top_level ON comments (post_id, parent_id, created_at, id);
CREATE INDEX comments_by_root ON comments (root_id, created_at, id);
CREATE INDEX comments_by_parent ON comments (parent_id);

CREATE TABLE comment_reports (
  comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason     TEXT NOT NULL CHECK (reason IN ('spam', 'harassment', 'off-topic', 'misinformation', 'other')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (comment_id, user_id)
) STRICT;
CREATE INDEX comment_reports_by_time ON comment_reports (created_at);

-- Every reaction/comment/moderation change received, by its client-generated id (the outbox entry's):
-- a replay returns the stored result. `request` is what was asked, to refuse an id reused for another change.
-- (Follows keep their own follow_ops, which also hold last-intent ordering.)
-- subject: the comment a stored result shows, so deleting the comment wipes its text from the results too.
CREATE TABLE write_ops (
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  op_id       TEXT NOT NULL,
  request     TEXT NOT NULL,
  result_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  subject     TEXT,
  PRIMARY KEY (user_id, op_id)
) STRICT;
CREATE INDEX write_ops_by_time ON write_ops (received_at);
CREATE INDEX write_ops_by_subject ON write_ops (subject) WHERE subject IS NOT NULL;

-- In-app notifications. The id is derived from what caused it, so the same cause never notifies twice.
-- The referenced post/comment/series may be gone later; the row stays and shows what is left.
CREATE TABLE notifications (
  id         TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('new-follower', 'comment-on-post', 'reply-to-comment', 'series-part', 'coauthor-invitation')),
  actor_id   TEXT REFERENCES users (id) ON DELETE SET NULL,
  post_id    TEXT,
  comment_id TEXT,
  series_id  TEXT,
  created_at TEXT NOT NULL,
  read_at    TEXT,
  CHECK (actor_id IS NULL OR actor_id <> user_id)
) STRICT;
CREATE INDEX notifications_by_user ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;

-- user → series
CREATE TABLE series_follows (
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  series_id  TEXT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, series_id)
) STRICT;
CREATE INDEX series_follows_by_series ON series_follows (series_id);


-- Who may write parts of a series besides its owner: invited by the owner, then accepted or declined.
CREATE TABLE series_authors (
  series_id    TEXT NOT NULL REFERENCES series (id) ON DELETE CASCADE,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  invited_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
  status       TEXT NOT NULL CHECK (status IN ('invited', 'accepted', 'declined')),
  invited_at   TEXT NOT NULL,
  responded_at TEXT,
  PRIMARY KEY (series_id, user_id)
) STRICT;
CREATE INDEX series_authors_by_user ON series_authors (user_id, status);
