-- Collaborative documents (Yjs) and who may edit drafts.
-- A document is its newest snapshot plus the updates logged after it (seq > snapshot seq).
-- Compaction writes a snapshot and deletes the updates it covers in one transaction.

CREATE TABLE documents (
  name       TEXT PRIMARY KEY,
  last_seq   INTEGER NOT NULL CHECK (last_seq >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- A rowid table, not WITHOUT ROWID: updates can be megabytes and SQLite stores large rows better here.
CREATE TABLE document_updates (
  id       INTEGER PRIMARY KEY,
  doc_name TEXT NOT NULL,
  seq      INTEGER NOT NULL CHECK (seq > 0),
  data     BLOB NOT NULL,
  UNIQUE (doc_name, seq)
) STRICT;

CREATE TABLE document_snapshots (
  doc_name   TEXT PRIMARY KEY,
  seq        INTEGER NOT NULL CHECK (seq >= 0),
  data       BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- No foreign keys to users or drafts: accounts and drafts arrive in later migrations, and membership
-- must not depend on the catalog's demo users.
CREATE TABLE draft_members (
  draft_id TEXT NOT NULL,
  user_id  TEXT NOT NULL,
  role     TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
  added_at TEXT NOT NULL,
  PRIMARY KEY (draft_id, user_id)
) STRICT;
CREATE INDEX draft_members_by_user ON draft_members (user_id);
