-- The published catalog: people, posts and what readers do with them.
-- Counts are never stored: they are computed from follows, reactions, comments and post_tags.
-- Timestamps are ISO-8601 UTC text (YYYY-MM-DDTHH:MM:SS.sssZ), so text order is time order.

CREATE TABLE users (
  id           TEXT PRIMARY KEY,
  handle       TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  headline     TEXT NOT NULL DEFAULT '',
  bio          TEXT NOT NULL DEFAULT '',
  website      TEXT,
  github       TEXT,
  support_url  TEXT,
  location     TEXT,
  joined_at    TEXT NOT NULL
) STRICT;

CREATE TABLE tags (
  slug        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE series (
  id          TEXT PRIMARY KEY,
  slug        TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  author_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE
) STRICT;

CREATE TABLE posts (
  id              TEXT PRIMARY KEY,
  slug            TEXT NOT NULL UNIQUE,
  title           TEXT NOT NULL,
  excerpt         TEXT NOT NULL,
  author_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  series_id       TEXT REFERENCES series (id) ON DELETE SET NULL,
  series_part     INTEGER,
  content_json    TEXT NOT NULL,
  images_json     TEXT NOT NULL DEFAULT '[]',
  reading_minutes INTEGER NOT NULL,
  published_at    TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (series_id, series_part),
  CHECK ((series_id IS NULL) = (series_part IS NULL))
) STRICT;
CREATE INDEX posts_latest ON posts (published_at DESC, id DESC);
CREATE INDEX posts_by_author ON posts (author_id, published_at DESC, id DESC);

CREATE TABLE post_tags (
  post_id  TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  tag_slug TEXT NOT NULL REFERENCES tags (slug) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (post_id, tag_slug)
) STRICT;
CREATE INDEX post_tags_by_tag ON post_tags (tag_slug, post_id);

-- user → author
CREATE TABLE follows (
  follower_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  author_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  TEXT NOT NULL,
  PRIMARY KEY (follower_id, author_id),
  CHECK (follower_id <> author_id)
) STRICT;
CREATE INDEX follows_by_author ON follows (author_id);

-- user → tag
CREATE TABLE tag_follows (
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  tag_slug   TEXT NOT NULL REFERENCES tags (slug) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, tag_slug)
) STRICT;
CREATE INDEX tag_follows_by_tag ON tag_follows (tag_slug);

CREATE TABLE reactions (
  post_id    TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind IN ('like', 'insightful', 'bookmark')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (post_id, user_id, kind)
) STRICT;
CREATE INDEX reactions_by_time ON reactions (created_at);

CREATE TABLE comments (
  id         TEXT PRIMARY KEY,
  post_id    TEXT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX comments_by_post ON comments (post_id, created_at);
CREATE INDEX comments_by_user ON comments (user_id);
