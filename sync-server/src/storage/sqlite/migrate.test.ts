import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/fixtures.ts';
import { loadMigrations, migrate } from './migrate.ts';

describe('migrations', () => {
  it('applies each numbered migration once, in order', () => {
    const db = new Database(':memory:');
    const migrations = [
      { version: 1, name: 'a', sql: 'CREATE TABLE a (x INTEGER)' },
      { version: 2, name: 'b', sql: 'ALTER TABLE a ADD COLUMN y INTEGER' },
    ];
    expect(migrate(db, migrations.slice(0, 1))).toEqual([1]);
    expect(migrate(db, migrations)).toEqual([2]);
    expect(migrate(db, migrations)).toEqual([]);
    db.close();
  });

  it('rolls back a failing migration without recording it', () => {
    const db = new Database(':memory:');
    const bad = [{ version: 1, name: 'bad', sql: 'CREATE TABLE t (x INTEGER); NOT SQL' }];
    expect(() => migrate(db, bad)).toThrow();
    expect(db.prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 't'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM schema_migrations').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database from a newer server', () => {
    const db = new Database(':memory:');
    migrate(db, [
      { version: 1, name: 'a', sql: 'SELECT 1' },
      { version: 2, name: 'b', sql: 'SELECT 1' },
    ]);
    expect(() => migrate(db, [{ version: 1, name: 'a', sql: 'SELECT 1' }])).toThrow(/schema version 2/);
    db.close();
  });

  it('loads NNN_name.sql files and rejects gaps', () => {
    expect(loadMigrations()[0]).toMatchObject({ version: 1, name: 'catalog' });
    const { dir, remove } = tempDir();
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '001_a.sql'), 'SELECT 1');
    writeFileSync(join(dir, '003_c.sql'), 'SELECT 1');
    writeFileSync(join(dir, 'README.txt'), 'ignored');
    expect(() => loadMigrations(dir)).toThrow(/without gaps/);
    remove();
  });
});
