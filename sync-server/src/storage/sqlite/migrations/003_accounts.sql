-- Accounts: credentials, sessions, handle history and follow intents.
-- A user's public profile stays in `users`; what only the server may read lives here.

-- One password per user. `password_hash` is self-describing (scrypt$N$r$p$salt$hash), so parameters
-- can be raised later and old hashes still verify (and are rehashed at the next sign-in).
CREATE TABLE credentials (
  user_id       TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  email         TEXT NOT NULL UNIQUE, -- trimmed, lower-case
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

-- The cookie holds a random id; only its SHA-256 is stored, so a copy of the database signs nobody in.
CREATE TABLE sessions (
  id_hash    TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- Handles given up by a rename, so old links can say where the author went. One row per old handle;
-- a handle is held for its old owner while its row is recent (see accounts/ for how long).
CREATE TABLE handle_history (
  handle     TEXT PRIMARY KEY,
  user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  changed_at TEXT NOT NULL
) STRICT;
CREATE INDEX handle_history_by_user ON handle_history (user_id);

-- The newest intent per (user, target): follow or not, when (client time) and which op. A change
-- applies only when (at, op_id) is greater than the stored pair, so devices converge to the last intent.
-- target is 'author:<id>' or 'tag:<slug>'.
CREATE TABLE follow_intents (
  user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  target    TEXT NOT NULL,
  following INTEGER NOT NULL CHECK (following IN (0, 1)),
  at        TEXT NOT NULL,
  op_id     TEXT NOT NULL,
  PRIMARY KEY (user_id, target)
) STRICT;

-- Every follow change received, by its client-generated id: a replay returns the stored result.
CREATE TABLE follow_ops (
  user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  op_id       TEXT NOT NULL,
  request     TEXT NOT NULL, -- what was asked, to refuse the same id reused for another change
  result_json TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (user_id, op_id)
) STRICT;
CREATE INDEX follow_ops_by_time ON follow_ops (received_at);
