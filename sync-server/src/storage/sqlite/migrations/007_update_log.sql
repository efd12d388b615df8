-- The update log becomes one append-only table keyed by row id alone. The UNIQUE (doc_name, seq) index
-- of document_updates made every commit write one index page per document it touched (about a page per
-- stored edit with many busy documents); which rows belong to which document is now kept in memory
-- (update-log-index.ts), rebuilt from this table at start. Rows a snapshot covers are dead and are
-- deleted in bulk from the front of the log.
CREATE TABLE update_log (
  id       INTEGER PRIMARY KEY,
  doc_name TEXT NOT NULL,
  seq      INTEGER NOT NULL CHECK (seq > 0),
  data     BLOB NOT NULL
) STRICT;

INSERT INTO update_log (doc_name, seq, data)
  SELECT u.doc_name, u.seq, u.data
    FROM document_updates u
   WHERE u.seq > coalesce((SELECT s.seq FROM document_snapshots s WHERE s.doc_name = u.doc_name), 0)
   ORDER BY u.doc_name, u.seq;

-- documents.last_seq must cover every seq handed out so far, now that no index can answer max(seq).
UPDATE documents
   SET last_seq = max(last_seq, coalesce((SELECT max(u.seq) FROM document_updates u WHERE u.doc_name = documents.name), 0));

DROP TABLE document_updates;
