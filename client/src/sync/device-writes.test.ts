import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import { isQuotaError, trackDeviceWrites } from './device-writes.ts';

let n = 0;
const freshName = () => `device-writes-test-${++n}`;

async function open(name: string) {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  const changes: string[] = [];
  const device = trackDeviceWrites({ doc, persistence, onChange: () => changes.push(device.state()) });
  return { doc, persistence, device, changes };
}

describe('trackDeviceWrites', () => {
  it('goes loading → saved, then saving → saved around a local edit, and the edit is on disk', async () => {
    const name = freshName();
    const first = await open(name);
    expect(first.device.state()).toBe('loading');
    await first.device.loaded;
    expect(first.device.state()).toBe('saved');

    first.doc.getText('title').insert(0, 'Caching at the edge');
    expect(first.device.state()).toBe('saving');
    await first.device.whenStored();
    expect(first.device.state()).toBe('saved');
    expect(first.changes).toContain('saving');
    first.device.destroy();
    await first.persistence.destroy();

    // A second "tab" reads it back from IndexedDB: what was reported stored really is.
    const second = await open(name);
    await second.device.loaded;
    expect(second.doc.getText('title').toString()).toBe('Caching at the edge');
    second.device.destroy();
    await second.persistence.destroy();
  });

  it('resolves whenStored only after every pending write', async () => {
    const { doc, device, persistence } = await open(freshName());
    await device.loaded;
    for (let i = 0; i < 20; i++) doc.getText('body').insert(0, `${i}`);
    let stored = false;
    const waiting = device.whenStored().then(() => {
      stored = true;
    });
    expect(stored).toBe(false);
    await waiting;
    expect(device.state()).toBe('saved');
    device.destroy();
    await persistence.destroy();
  });

  it('replays a journal of changes IndexedDB never got (the page unloaded first), then clears it', async () => {
    const name = freshName();
    const kv = new Map<string, string>();
    const storage = {
      getItem: (k: string) => kv.get(k) ?? null,
      setItem: (k: string, v: string) => void kv.set(k, v),
      removeItem: (k: string) => void kv.delete(k),
    };
    const journal = { key: `j:${name}`, skip: (origin: unknown) => origin === 'server', storage };

    // A page typed this, journaled it synchronously, and unloaded before IndexedDB committed it.
    const lost = new Y.Doc();
    const updates: Uint8Array[] = [];
    lost.on('update', (u: Uint8Array) => updates.push(u));
    lost.getText('title').insert(0, 'Typed just before the reload');
    storage.setItem(journal.key, JSON.stringify(updates.map((u) => btoa(String.fromCharCode(...u)))));

    const doc = new Y.Doc();
    const persistence = new IndexeddbPersistence(name, doc);
    const device = trackDeviceWrites({ doc, persistence, onChange: () => undefined, journal });
    await device.loaded;
    expect(doc.getText('title').toString()).toBe('Typed just before the reload');
    await device.whenStored();
    expect(kv.has(journal.key)).toBe(false);

    // Local edits are journaled until stored; the server's are not journaled at all.
    doc.getText('title').insert(0, '> ');
    expect(kv.has(journal.key)).toBe(true);
    await device.whenStored();
    expect(kv.has(journal.key)).toBe(false);
    const remote = new Y.Doc();
    remote.getText('excerpt').insert(0, 'from the server');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), 'server');
    expect(kv.has(journal.key)).toBe(false);
    device.destroy();
    await persistence.destroy();

    const reopened = await open(name);
    await reopened.device.loaded;
    expect(reopened.doc.getText('title').toString()).toBe('> Typed just before the reload');
    reopened.device.destroy();
    await reopened.persistence.destroy();
  });

  it('says unavailable without persistence, and whenStored does not wait', async () => {
    const device = trackDeviceWrites({ doc: new Y.Doc(), persistence: null, onChange: () => undefined });
    await device.loaded;
    expect(device.state()).toBe('unavailable');
    await expect(device.whenStored()).resolves.toBeUndefined();
  });

  it('recognises quota errors in the shapes IndexedDB wrappers reject with', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new Error('QuotaExceededError: The quota has been exceeded.'))).toBe(true);
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
  });
});
