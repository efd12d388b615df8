-- Placeholder: version 004 belongs to another branch's migration. Delete this file when that one is merged.
SELECT 1;
