import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing/fixtures.ts';
import { DataDirInUseError, LOCK_FILE_NAME, lockDataDir } from './data-dir-lock.ts';

describe('lockDataDir', () => {
  const removals: Array<() => void> = [];
  const freshDir = () => {
    const { dir, remove } = tempDir('sdp-lock-');
    removals.push(remove);
    return dir;
  };
  afterEach(() => {
    for (const remove of removals.splice(0)) remove();
  });

  it('holds the directory for this process and lets go on release', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
    lock.release();
    lock.release(); // idempotent
    expect(existsSync(join(dir, LOCK_FILE_NAME))).toBe(false);
    lockDataDir(dir).release();
  });

  it('refuses a directory held by another running process, naming it and the way out', () => {
    const dir = freshDir();
    writeFileSync(join(dir, LOCK_FILE_NAME), '1'); // init: always running
    let error: unknown;
    try {
      lockDataDir(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DataDirInUseError);
    expect((error as DataDirInUseError).pid).toBe(1);
    expect((error as Error).message).toContain(join(dir, LOCK_FILE_NAME));
  });

  it('takes over a lock left by a process that is gone, or one that cannot be read', () => {
    const dir = freshDir();
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(dir, LOCK_FILE_NAME), String(gone));
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, LOCK_FILE_NAME), 'utf8')).toBe(String(process.pid));
    lock.release();
    writeFileSync(join(dir, LOCK_FILE_NAME), 'not a pid');
    lockDataDir(dir).release();
  });
});
