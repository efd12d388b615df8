/**
 * One server process per data directory. The SQLite update log keeps in memory which of its rows belong
 * to which document (sqlite-update-log.ts), so a second process appending to the same file would number
 * its updates without seeing the first's. A lock file holds the owner's PID; a lock left by a process
 * that is gone (a crash, SIGKILL) is taken over. Several server instances use PostgreSQL instead.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE_NAME = 'server.lock';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data directory ${dataDir} is in use by process ${pid}. Stop that server first or give this one ` +
        `another DATA_DIR. If no server is running there, delete ${join(dataDir, LOCK_FILE_NAME)}.`,
    );
    this.name = 'DataDirInUseError';
  }
}

export type DataDirLock = { release(): void };

export function lockDataDir(dataDir: string, pid: number = process.pid): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(file);
      if (owner !== null && (owner === pid || isRunning(owner))) throw new DataDirInUseError(dataDir, owner);
      rmSync(file, { force: true }); // left by a process that is gone
      continue;
    }
    try {
      writeSync(fd, String(pid));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        if (readOwner(file) === pid) rmSync(file, { force: true });
      },
    };
  }
  throw new DataDirInUseError(dataDir, readOwner(file) ?? -1);
}

function readOwner(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
