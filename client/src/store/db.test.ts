import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_VERSION, openDb, type SdpDb } from './db.ts';
import { uniqueDbName } from './test-fixtures.ts';

const open: SdpDb[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});

describe('local database schema', () => {
  it('has the stores and indexes the repositories use', async () => {
    const database = openDb(uniqueDbName());
    open.push(database);
    const connection = await database.connection();
    expect(connection.version).toBe(DB_VERSION);
    expect([...connection.objectStoreNames].sort()).toEqual([
      'answers',
      'authors',
      'lists',
      'outbox',
      'posts',
      'saved',
      'series',
      'session',
      'tags',
    ]);
    const tx = connection.transaction(['posts', 'authors', 'saved', 'tags', 'series', 'lists']);
    const posts = tx.objectStore('posts');
    expect(posts.keyPath).toBe('slug');
    expect([...posts.indexNames].sort()).toEqual(['authorId', 'id', 'publishedAt', 'tags']);
    expect(posts.index('tags').multiEntry).toBe(true);
    const authors = tx.objectStore('authors');
    expect(authors.keyPath).toBe('id');
    expect(authors.index('handle').unique).toBe(true);
    const saved = tx.objectStore('saved');
    expect(saved.keyPath).toBe('key');
    expect([...saved.indexNames].sort()).toEqual(['kind', 'savedAt']);
    expect(tx.objectStore('tags').keyPath).toBe('slug');
    expect(tx.objectStore('series').keyPath).toBe('slug');
    expect(tx.objectStore('lists').keyPath).toBe('key');
    const outbox = connection.transaction('outbox').objectStore('outbox');
    expect(outbox.keyPath).toBe('id');
    expect([...outbox.indexNames]).toEqual(['key']);
  });
});

describe('schema upgrades', () => {
  it('v1 → current adds the session and outbox stores and keeps what v1 held', async () => {
    const { openDB } = await import('idb');
    const name = uniqueDbName();
    const v1 = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore('posts', { keyPath: 'slug' });
        database.createObjectStore('saved', { keyPath: 'key' });
      },
    });
    await v1.put('saved', { key: 'latest', kind: 'latest' });
    v1.close();

    const database = openDb(name);
    open.push(database);
    const connection = await database.connection();
    expect(connection.version).toBe(DB_VERSION);
    expect(connection.objectStoreNames.contains('session')).toBe(true);
    expect(connection.objectStoreNames.contains('outbox')).toBe(true);
    expect(await connection.get('saved', 'latest')).toMatchObject({ kind: 'latest' });
  });
});
