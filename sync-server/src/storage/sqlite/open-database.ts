/**
 * One way to open the SQLite file, shared by the catalog store and the document store (each keeps its
 * own connection, so document writes never queue behind catalog reads).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate.ts';

export const SQLITE_FILE_NAME = 'sysdespro.sqlite';

export type SqliteLocation = { dataDir: string } | { file: string };

/** Opens (creating if needed) the database in WAL mode and applies pending migrations. */
export function openSqliteDatabase(
  location: SqliteLocation,
  options: { foreignKeys?: boolean } = {},
): Database.Database {
  let file: string;
  if ('dataDir' in location) {
    mkdirSync(location.dataDir, { recursive: true });
    file = join(location.dataDir, SQLITE_FILE_NAME);
  } else {
    file = location.file;
  }
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    if (options.foreignKeys) db.pragma('foreign_keys = ON');
    // NORMAL with WAL survives a process crash (SIGKILL): a commit is in the OS before the write resolves,
    // which is what an acknowledgement promises. An OS crash may lose the newest commits; sync clients still
    // hold those updates and send them again on their next sync.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
