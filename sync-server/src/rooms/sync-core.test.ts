/**
 * SyncCore with in-memory sockets: the ordering and batching rules that are hard to observe through a
 * real network (tests/sync/SPEC.md: SYNC-3, SYNC-7, PERSIST-8, LIMIT-1…LIMIT-4, LIFE-1).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_REASONS, CloseCode } from '../../../shared/src/protocol/close-codes.ts';
import {
  decodeServerMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  type ServerMessage,
} from '../../../shared/src/protocol/messages.ts';
import { waitFor } from '../../../tests/sync/support/wait.ts';
import { DocumentAccessPolicy } from '../auth/access.ts';
import type { AppendEntry, DocStore } from '../storage/doc-store.ts';
import { openSqliteDocStore, type SqliteDocStore } from '../storage/sqlite/sqlite-doc-store.ts';
import type { Connection, SyncSocket } from './connection.ts';
import type { SyncOptions } from './options.ts';
import { SyncCore } from './sync-core.ts';

/** A real TCP socket's is 16 KiB; small here so a few frames cross it. */
const FAKE_HIGH_WATER_MARK = 256;

class FakeSocket implements SyncSocket {
  readonly received: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;
  /** Wall-clock time of close(). */
  closedAt = 0;
  terminated = false;
  bufferedAmount = 0;
  /** The client stopped reading: what is sent stays in the buffer. */
  stalled = false;
  /** Calls of send or sendAll: one per write to the network. */
  writes = 0;
  send(frame: Uint8Array) {
    return this.sendAll([frame]);
  }
  sendAll(frames: readonly Uint8Array[]) {
    this.writes += 1;
    for (const frame of frames) {
      this.received.push(decodeServerMessage(frame));
      if (this.stalled) this.bufferedAmount += frame.byteLength;
    }
    return this.bufferedAmount < FAKE_HIGH_WATER_MARK;
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
    this.closedAt = Date.now();
  }
  terminate() {
    this.terminated = true;
  }
  acks() {
    return this.received.flatMap((m) => (m.type === 'persisted-ack' ? [m.counter] : []));
  }
  has(type: ServerMessage['type']) {
    return this.received.some((m) => m.type === type);
  }
}

type Gate = { hold(): void; release(): void; readonly batches: AppendEntry[][]; failNext(): void; failLoads: number };

function gatedStore(store: DocStore): DocStore & Gate {
  let held: Promise<void> | null = null;
  let resume = () => {};
  let fail = false;
  const gate = {
    batches: [] as AppendEntry[][],
    failLoads: 0,
    hold() {
      held = new Promise((r) => {
        resume = r;
      });
    },
    release() {
      held = null;
      resume();
    },
    failNext() {
      fail = true;
    },
    loadDoc: async (name: string) => {
      if (gate.failLoads > 0) {
        gate.failLoads -= 1;
        throw new Error('disk on fire');
      }
      return store.loadDoc(name);
    },
    appendUpdates: (name: string, updates: readonly Uint8Array[]) => store.appendUpdates(name, updates),
    compact: (name: string, snapshot: Uint8Array, upTo: number) => store.compact(name, snapshot, upTo),
    close: () => store.close(),
    appendBatch: async (entries: readonly AppendEntry[]) => {
      gate.batches.push([...entries]);
      if (held) await held;
      if (fail) {
        fail = false;
        throw new Error('write failed');
      }
      return store.appendBatch(entries);
    },
  };
  return gate;
}

function textUpdate(doc: Y.Doc, change: (d: Y.Doc) => void): Uint8Array {
  let update: Uint8Array = new Uint8Array([0, 0]);
  const listener = (u: Uint8Array) => {
    update = u;
  };
  doc.on('update', listener);
  change(doc);
  doc.off('update', listener);
  return update;
}

describe('SyncCore', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setup(
    options: Partial<SyncOptions> = {},
    extra: {
      expiresAt?: (user: string) => number | undefined;
      wallClock?: () => number;
      onDocumentsStored?: (names: readonly string[]) => void;
    } = {},
  ) {
    const dir = mkdtempSync(join(tmpdir(), 'sdp-core-'));
    const sqlite: SqliteDocStore = openSqliteDocStore({ dataDir: dir });
    const store = gatedStore(sqlite);
    const access = new DocumentAccessPolicy(sqlite);
    let now = 0;
    const core = new SyncCore({
      docStore: store,
      access,
      authenticate: (token) => {
        if (!token) return { ok: false, reason: 'missing' };
        const expiresAt = extra.expiresAt?.(token);
        return expiresAt === undefined ? { ok: true, userId: token } : { ok: true, userId: token, expiresAt };
      },
      logger: pino({ level: 'silent' }),
      options: { connectBurst: 1000, messageBurst: 1000, sweepIntervalMs: 10_000, ...options },
      now: () => now,
      ...(extra.wallClock ? { wallClock: extra.wallClock } : {}),
      ...(extra.onDocumentsStored ? { onDocumentsStored: extra.onDocumentsStored } : {}),
    });
    cleanups.push(async () => {
      await core.close();
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const connect = async (user: string, doc = `user:${user}`, acks = true) => {
      const socket = new FakeSocket();
      const connection = core.accept(socket, { docName: doc, token: user, wantsAcks: acks, ip: '10.0.0.1' });
      return { socket, connection };
    };
    const ready = (socket: FakeSocket) => waitFor(() => socket.has('sync-step1'));
    return {
      core,
      store,
      sqlite,
      access,
      connect,
      ready,
      advance: (ms: number) => {
        now += ms;
      },
    };
  }

  const send = (core: SyncCore, connection: Connection, frame: Uint8Array) => core.receive(connection, frame, true);

  it('SYNC-3: all updates of one turn are stored in one transaction, across documents', async () => {
    const { core, store, connect, ready } = await setup();
    const a = await connect('alice');
    const b = await connect('bob');
    await ready(a.socket);
    await ready(b.socket);
    const docA = new Y.Doc();
    const docB = new Y.Doc();
    for (let i = 0; i < 5; i++) {
      send(core, a.connection, encodeSyncUpdate(textUpdate(docA, (d) => d.getText('t').insert(0, `${i}`))));
      send(core, b.connection, encodeSyncUpdate(textUpdate(docB, (d) => d.getText('t').insert(0, `${i}`))));
    }
    await waitFor(() => a.socket.acks().at(-1) === 5 && b.socket.acks().at(-1) === 5);
    expect(store.batches).toHaveLength(1);
    expect(store.batches[0]!.map((e) => [e.name, e.updates.length])).toEqual([
      ['user:alice', 5],
      ['user:bob', 5],
    ]);
  });

  it('SYNC-3: a document’s updates of one turn reach each reader as separate messages, in one write', async () => {
    const { core, connect, ready } = await setup();
    const [writer, other, reader] = [await connect('alice'), await connect('alice'), await connect('alice')];
    for (const { socket } of [writer, other, reader]) await ready(socket);
    const updatesOf = (socket: FakeSocket) =>
      socket.received.flatMap((m) => (m.type === 'sync-update' ? [m.update] : []));
    const writes = () => [writer, other, reader].map(({ socket }) => socket.writes);

    const doc = new Y.Doc();
    const sent = ['a', 'b', 'c'].map((char, i) => textUpdate(doc, (d) => d.getText('t').insert(i, char)));
    let before = writes();
    for (const update of sent) send(core, writer.connection, encodeSyncUpdate(update));
    await waitFor(() => writer.socket.acks().at(-1) === 3 && updatesOf(reader.socket).length === 3);
    expect(updatesOf(reader.socket)).toEqual(sent); // each as it came, in order, not merged
    expect(updatesOf(writer.socket)).toEqual([]); // one sender: not echoed
    // One write for the three updates per reader; the writer gets one for its ack.
    expect(writes().map((n, i) => n - before[i]!)).toEqual([1, 1, 1]);

    // Two senders in one turn: everyone gets the turn's updates, the senders their own back too.
    const second = new Y.Doc();
    const fromOther = textUpdate(second, (d) => d.getText('u').insert(0, 'x'));
    const fromWriter = textUpdate(doc, (d) => d.getText('t').insert(3, 'd'));
    before = writes();
    send(core, writer.connection, encodeSyncUpdate(fromWriter));
    send(core, other.connection, encodeSyncUpdate(fromOther));
    await waitFor(() => updatesOf(reader.socket).length === 5 && writer.socket.acks().at(-1) === 4);
    for (const { socket } of [writer, other, reader])
      expect(updatesOf(socket).slice(-2)).toEqual([fromWriter, fromOther]);
    expect(writes().map((n, i) => n - before[i]!)).toEqual([2, 2, 1]); // updates, then the ack
    const copy = new Y.Doc();
    for (const update of updatesOf(reader.socket)) Y.applyUpdate(copy, update);
    expect([copy.getText('t').toString(), copy.getText('u').toString()]).toEqual(['abcd', 'x']);
  });

  it('DRAFT-1/2: names the documents each batch stored, and gives the stored state of a loaded one', async () => {
    const stored: string[][] = [];
    const { core, connect, ready } = await setup({}, { onDocumentsStored: (names) => stored.push([...names]) });
    expect(core.storedState('user:alice')).toBeNull();
    const a = await connect('alice');
    await ready(a.socket);
    const doc = new Y.Doc();
    send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(0, 'hi'))));
    await waitFor(() => a.socket.acks().at(-1) === 1);
    expect(stored).toEqual([['user:alice']]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, core.storedState('user:alice')!);
    expect(copy.getText('t').toString()).toBe('hi');
  });

  it('SYNC-3: an update arriving while a save runs is not acked by that save', async () => {
    const { core, store, connect, ready } = await setup();
    const a = await connect('alice');
    await ready(a.socket);
    const doc = new Y.Doc();
    store.hold();
    send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(0, 'a'))));
    await waitFor(() => store.batches.length === 1);
    send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(1, 'b'))));
    await new Promise((r) => setImmediate(r));
    expect(core.unpersistedBytes).toBeGreaterThan(0);
    store.release();
    await waitFor(() => a.socket.acks().includes(2));
    // Two saves of one update each, and ack 1 on its own: the first save did not cover message 2.
    expect(store.batches.map((batch) => batch[0]!.updates.length)).toEqual([1, 1]);
    expect(a.socket.acks()).toEqual([1, 2]);
    expect(core.unpersistedBytes).toBe(0);
  });

  it('SYNC-7: messages wait for the load; a failed load closes with 4500 and leaves no document', async () => {
    const { core, store, sqlite, connect } = await setup();
    const seed = new Y.Doc();
    await sqlite.appendUpdates('user:alice', [textUpdate(seed, (d) => d.getText('t').insert(0, 'stored'))]);
    store.failLoads = 1;
    const first = await connect('alice');
    send(core, first.connection, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => first.socket.closed);
    expect(first.socket.closed).toEqual({
      code: CloseCode.LoadFailed,
      reason: 'document could not be loaded, retry later',
    });
    expect(first.socket.has('sync-step2')).toBe(false); // never an empty document
    expect(core.stats().loadedDocs).toBe(0);
    // The next connection loads for real, and its early step 1 is answered with the stored content.
    const second = await connect('alice');
    send(core, second.connection, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
    await waitFor(() => second.socket.has('sync-step2'));
    const step2 = second.socket.received.find((m) => m.type === 'sync-step2');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (step2 as { update: Uint8Array }).update);
    expect(doc.getText('t').toString()).toBe('stored');
  });

  it('SYNC-3: a malformed update closes its sender with 4409 and touches nothing', async () => {
    const { core, store, connect, ready } = await setup();
    await (async () => {})();
    const a = await connect('alice');
    await ready(a.socket);
    send(core, a.connection, encodeSyncUpdate(new Uint8Array([1, 1, 200, 3, 0, 4, 1, 1, 116, 1, 48])));
    expect(a.socket.closed?.code).toBe(CloseCode.ProtocolError);
    expect(store.batches).toHaveLength(0);
  });

  it('PERSIST-8: a failed write closes the senders with 4503; nothing is applied or broadcast', async () => {
    const { core, store, access, connect, ready, sqlite } = await setup();
    await access.setDraftMember('d', 'alice', 'owner');
    await access.setDraftMember('d', 'bob', 'editor');
    const a = await connect('alice', 'draft:d');
    const b = await connect('bob', 'draft:d');
    await ready(a.socket);
    await ready(b.socket);
    store.failNext();
    send(core, a.connection, encodeSyncUpdate(textUpdate(new Y.Doc(), (d) => d.getText('t').insert(0, 'lost'))));
    await waitFor(() => a.socket.closed);
    expect(a.socket.closed?.code).toBe(CloseCode.StorageFailed);
    expect(b.socket.has('sync-update')).toBe(false);
    expect(b.socket.closed).toBeNull();
    expect((await sqlite.loadDoc('draft:d')).updates).toHaveLength(0);
    expect(core.stats().pendingWrites).toBe(0);
  });

  it('PERSIST-8: writes queued behind a failed one are dropped and forgotten (the room can still unload)', async () => {
    const { core, store, connect, ready } = await setup();
    const a = await connect('alice');
    await ready(a.socket);
    const doc = new Y.Doc();
    store.hold();
    send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(0, 'a'))));
    await waitFor(() => store.batches.length === 1);
    send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(1, 'b'))));
    store.failNext();
    store.release();
    await waitFor(() => a.socket.closed);
    expect(a.socket.closed?.code).toBe(CloseCode.StorageFailed);
    await waitFor(() => core.stats().scheduledWork === 0);
    expect(store.batches).toHaveLength(1); // the second update was never written
    expect(core.stats()).toMatchObject({ pendingWrites: 0, unpersistedBytes: 0 });
  });

  it('PERSIST-9: compacts after N updates and after T idle; the log is replaced by a snapshot', async () => {
    const { core, connect, ready, sqlite, advance } = await setup({ compactAfterUpdates: 5, compactIdleMs: 1000 });
    const a = await connect('alice');
    await ready(a.socket);
    const doc = new Y.Doc();
    for (let i = 0; i < 5; i++) {
      send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(i, `${i}`))));
    }
    await waitFor(async () => (await sqlite.loadDoc('user:alice')).snapshotSeq === 5);
    expect((await sqlite.loadDoc('user:alice')).updates).toHaveLength(0);
    send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(0, 'x'))));
    await waitFor(async () => (await sqlite.loadDoc('user:alice')).lastSeq === 6);
    advance(1500);
    core.maintain();
    await waitFor(async () => (await sqlite.loadDoc('user:alice')).snapshotSeq === 6);
    const stored = await sqlite.loadDoc('user:alice');
    const check = new Y.Doc();
    Y.applyUpdate(check, stored.snapshot!);
    expect(check.getText('t').toString()).toBe('x01234');
  });

  it('PERSIST-9: documents that reach the threshold together are compacted one per event-loop turn', async () => {
    const { core, store, connect, ready, sqlite } = await setup({ compactAfterUpdates: 1 });
    const users = ['alice', 'bob', 'carol', 'dave'];
    const clients = await Promise.all(users.map((user) => connect(user)));
    for (const client of clients) await ready(client.socket);
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const turns: number[] = [];
    const compact = store.compact;
    store.compact = (name, snapshot, upTo) => {
      turns.push(turn);
      return compact(name, snapshot, upTo);
    };
    for (const client of clients) {
      send(core, client.connection, encodeSyncUpdate(textUpdate(new Y.Doc(), (d) => d.getText('t').insert(0, 'hi'))));
    }
    await waitFor(async () => {
      const stored = await Promise.all(users.map((user) => sqlite.loadDoc(`user:${user}`)));
      return stored.every((doc) => doc.snapshotSeq === 1);
    });
    ticking = false;
    expect(turns).toHaveLength(users.length);
    expect(new Set(turns).size).toBe(users.length); // never two in the same turn
  });

  it('PERSIST-10: a client that reconnects with nothing new adds nothing to the log', async () => {
    const { core, connect, ready, sqlite } = await setup();
    const a = await connect('alice');
    await ready(a.socket);
    const doc = new Y.Doc();
    send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(0, 'abc'))));
    send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').delete(0, 1))));
    await waitFor(() => a.socket.acks().at(-1) === 2);
    const again = await connect('alice');
    await ready(again.socket);
    send(core, again.connection, encodeSyncStep2(Y.encodeStateAsUpdate(doc))); // full delete set, nothing new
    await waitFor(() => again.socket.acks().at(-1) === 1);
    expect((await sqlite.loadDoc('user:alice')).lastSeq).toBe(2);
  });

  it('LIMIT-1: frames over the limit close with 1009; text frames with 4409', async () => {
    const { core, connect, ready } = await setup({ maxMessageBytes: 1000, maxBufferedBytes: 4000 });
    const a = await connect('alice');
    await ready(a.socket);
    core.receive(a.connection, new Uint8Array(1001), true);
    expect(a.socket.closed?.code).toBe(CloseCode.MessageTooBig);
    const b = await connect('alice');
    await ready(b.socket);
    core.receive(b.connection, new Uint8Array([0, 0, 0]), false);
    expect(b.socket.closed?.code).toBe(CloseCode.ProtocolError);
  });

  it('LIMIT-2: per-connection message rate and per-IP connection rate close with 4429', async () => {
    const { core, connect, ready, advance } = await setup({
      messageBurst: 5,
      messagesPerSecond: 1,
      connectBurst: 3,
      connectsPerSecond: 1,
    });
    const a = await connect('alice');
    await ready(a.socket);
    for (let i = 0; i < 5; i++) core.receive(a.connection, encodeSyncStep1(new Uint8Array([0])));
    expect(a.socket.closed).toBeNull();
    core.receive(a.connection, encodeSyncStep1(new Uint8Array([0])));
    expect(a.socket.closed?.code).toBe(CloseCode.RateLimited);
    const more = [await connect('alice'), await connect('alice'), await connect('alice')];
    expect(more.map((c) => c.socket.closed?.code)).toEqual([undefined, undefined, CloseCode.RateLimited]);
    advance(1000);
    expect((await connect('alice')).socket.closed).toBeNull();
  });

  it('LIMIT-3: a client that stops reading is dropped, not buffered', async () => {
    const { core, access, connect, ready } = await setup({ maxMessageBytes: 1000, maxBufferedBytes: 1000 });
    await access.setDraftMember('d', 'alice', 'owner');
    await access.setDraftMember('d', 'bob', 'editor');
    const a = await connect('alice', 'draft:d');
    const slow = await connect('bob', 'draft:d');
    await ready(a.socket);
    await ready(slow.socket);
    slow.socket.stalled = true;
    const doc = new Y.Doc();
    // One update per batch, each ~300 bytes: the buffer passes the high-water mark, then the limit.
    for (let i = 1; i <= 8 && !slow.socket.terminated; i++) {
      send(core, a.connection, encodeSyncUpdate(textUpdate(doc, (d) => d.getText('t').insert(0, 'x'.repeat(300)))));
      await waitFor(() => a.socket.acks().at(-1) === i);
    }
    expect(slow.socket.terminated).toBe(true);
    // Dropped before its buffer went past the limit: 1000 bytes, of which it had taken three updates.
    expect(slow.socket.bufferedAmount).toBeLessThanOrEqual(1000);
    expect(slow.socket.received.filter((m) => m.type === 'sync-update')).toHaveLength(3);
    expect(core.stats().connections).toBe(1);
    expect(a.socket.closed).toBeNull();
  });

  it('LIFE-1: close() stores pending updates, acks them, then closes sockets with 1001', async () => {
    const { core, store, connect, ready, sqlite } = await setup();
    const a = await connect('alice');
    await ready(a.socket);
    store.hold();
    send(core, a.connection, encodeSyncUpdate(textUpdate(new Y.Doc(), (d) => d.getText('t').insert(0, 'last words'))));
    const closing = core.close();
    const late = await connect('bob');
    expect(late.socket.closed?.code).toBe(CloseCode.GoingAway);
    store.release();
    await closing;
    expect(a.socket.acks()).toEqual([1]);
    expect(a.socket.closed).toEqual({ code: CloseCode.GoingAway, reason: 'server going away' });
    const stored = await sqlite.loadDoc('user:alice');
    const doc = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const u of stored.updates) Y.applyUpdate(doc, u);
    expect(doc.getText('t').toString()).toBe('last words');
    expect(core.stats()).toMatchObject({ connections: 0, loadedDocs: 0, scheduledWork: 0 });
  });

  it('SYNC-4: awareness of a closed connection is removed for the others, batched per turn', async () => {
    const { core, access, connect, ready } = await setup();
    await access.setDraftMember('d', 'alice', 'owner');
    await access.setDraftMember('d', 'bob', 'editor');
    const a = await connect('alice', 'draft:d');
    const b = await connect('bob', 'draft:d');
    await ready(a.socket);
    await ready(b.socket);
    const { encodeAwareness } = await import('../../../shared/src/protocol/messages.ts');
    const { encodeAwarenessUpdate, decodeAwarenessUpdate } = await import('./awareness-relay.ts');
    for (let clock = 1; clock <= 3; clock++) {
      send(
        core,
        a.connection,
        encodeAwareness(encodeAwarenessUpdate([{ clientId: 7, clock, state: `{"n":${clock}}` }])),
      );
    }
    await waitFor(() => b.socket.has('awareness'));
    const relayed = b.socket.received.filter((m) => m.type === 'awareness');
    expect(relayed).toHaveLength(1); // three updates in one turn → one message with the latest state
    expect(decodeAwarenessUpdate((relayed[0] as { update: Uint8Array }).update)).toEqual([
      { clientId: 7, clock: 3, state: '{"n":3}' },
    ]);
    expect(a.socket.has('awareness')).toBe(false); // not echoed to its sender
    core.disconnected(a.connection);
    await waitFor(() => b.socket.received.filter((m) => m.type === 'awareness').length === 2);
    const removal = b.socket.received.filter((m) => m.type === 'awareness')[1] as { update: Uint8Array };
    expect(decodeAwarenessUpdate(removal.update)).toEqual([{ clientId: 7, clock: 3, state: 'null' }]);
  });
  it('ACCESS-6: a token that expires while connected closes it with 4401 "expired" at the expiry time', async () => {
    const ttlMs = 150;
    let expiresAt = 0;
    const { core, access, connect, ready } = await setup(
      {},
      {
        expiresAt: (user) => {
          if (user !== 'bob') return undefined;
          expiresAt = Date.now() + ttlMs;
          return expiresAt;
        },
      },
    );
    await access.setDraftMember('d', 'alice', 'owner');
    await access.setDraftMember('d', 'bob', 'editor');
    const a = await connect('alice', 'draft:d');
    const b = await connect('bob', 'draft:d');
    await ready(a.socket);
    await ready(b.socket);
    expect(core.stats().scheduledWork).toBe(1); // bob's expiry timer; alice's identity does not expire
    await waitFor(() => b.socket.closed, { timeout: 2_000 });
    expect(b.socket.closed).toEqual({
      code: CloseCode.Unauthenticated,
      reason: 'missing, invalid or expired token: expired',
    });
    expect(b.socket.closedAt).toBeGreaterThanOrEqual(expiresAt);
    expect(b.socket.closedAt - expiresAt).toBeLessThan(1_000);
    // Only that connection: the other stays open and writing, and no timer is left behind.
    expect(a.socket.closed).toBeNull();
    send(core, a.connection, encodeSyncUpdate(textUpdate(new Y.Doc(), (d) => d.getText('t').insert(0, 'still here'))));
    await waitFor(() => a.socket.acks().at(-1) === 1);
    expect(core.stats()).toMatchObject({ connections: 1, scheduledWork: 0 });
  });

  it('ACCESS-6: the expiry timer re-checks the wall clock (early or capped timers re-arm)', async () => {
    let wall = 1_000_000;
    const { core, connect, ready } = await setup({}, { expiresAt: () => wall + 30, wallClock: () => wall });
    const a = await connect('alice');
    await ready(a.socket);
    // The timer fires after ~30 ms, but the injected clock has not moved: still valid, so it re-arms.
    await new Promise((r) => setTimeout(r, 80));
    expect(a.socket.closed).toBeNull();
    expect(core.stats().scheduledWork).toBe(1);
    wall += 30;
    await waitFor(() => a.socket.closed, { timeout: 1_000 });
    expect(a.socket.closed?.reason).toBe(`${CLOSE_REASONS[CloseCode.Unauthenticated]}: expired`);
    expect(core.stats().scheduledWork).toBe(0);
  });

  it('ACCESS-6: a token that expires during authorization is refused with 4401 "expired"; closing clears the timer', async () => {
    const { core, connect, ready } = await setup(
      {},
      { expiresAt: (user) => (user === 'late' ? Date.now() - 1 : Date.now() + 60_000) },
    );
    const late = await connect('late');
    await waitFor(() => late.socket.closed);
    expect(late.socket.closed).toEqual({
      code: CloseCode.Unauthenticated,
      reason: 'missing, invalid or expired token: expired',
    });
    const a = await connect('alice');
    await ready(a.socket);
    expect(core.stats().scheduledWork).toBe(1);
    core.disconnected(a.connection);
    expect(core.stats()).toMatchObject({ connections: 0, scheduledWork: 0 });
  });

  describe('LIMIT-5: the document size cap', () => {
    const big = (n: number, doc = new Y.Doc()) => textUpdate(doc, (d) => d.getText('t').insert(0, 'x'.repeat(n)));

    it('refuses an update that would take the document past the cap: 4413, not stored, not broadcast', async () => {
      const { core, access, connect, ready, sqlite } = await setup({ maxDocBytes: 2_000 });
      await access.setDraftMember('d', 'alice', 'owner');
      await access.setDraftMember('d', 'bob', 'editor');
      const a = await connect('alice', 'draft:d');
      const b = await connect('bob', 'draft:d');
      await ready(a.socket);
      await ready(b.socket);
      const docA = new Y.Doc();
      send(core, a.connection, encodeSyncUpdate(textUpdate(docA, (d) => d.getText('t').insert(0, 'small'))));
      await waitFor(() => a.socket.acks().at(-1) === 1 && b.socket.has('sync-update'));
      const updatesBefore = b.socket.received.filter((m) => m.type === 'sync-update').length;
      send(core, a.connection, encodeSyncUpdate(big(2_500, docA)));
      expect(a.socket.closed).toEqual({
        code: CloseCode.DocumentTooLarge,
        reason: 'document too large: this change would take it past 2000 bytes',
      });
      await new Promise((r) => setTimeout(r, 20));
      expect(a.socket.acks()).toEqual([1]);
      expect(b.socket.received.filter((m) => m.type === 'sync-update')).toHaveLength(updatesBefore);
      expect((await sqlite.loadDoc('draft:d')).updates).toHaveLength(1);
      // The document still loads and the others keep working.
      expect(b.socket.closed).toBeNull();
      send(core, b.connection, encodeSyncUpdate(textUpdate(new Y.Doc(), (d) => d.getText('u').insert(0, 'bob'))));
      await waitFor(() => b.socket.acks().at(-1) === 1);
      const c = await connect('alice', 'draft:d');
      send(core, c.connection, encodeSyncStep1(Y.encodeStateVector(new Y.Doc())));
      await waitFor(() => c.socket.has('sync-step2'));
      const loaded = new Y.Doc();
      Y.applyUpdate(loaded, (c.socket.received.find((m) => m.type === 'sync-step2') as { update: Uint8Array }).update);
      expect([loaded.getText('t').toString(), loaded.getText('u').toString()]).toEqual(['small', 'bob']);
    });

    it('counts updates queued for storage: two that fit alone but not together', async () => {
      const { core, connect, ready, sqlite } = await setup({ maxDocBytes: 2_000 });
      const a = await connect('alice');
      await ready(a.socket);
      send(core, a.connection, encodeSyncUpdate(big(1_200)));
      send(core, a.connection, encodeSyncUpdate(big(1_200)));
      expect(a.socket.closed?.code).toBe(CloseCode.DocumentTooLarge);
      await waitFor(async () => (await sqlite.loadDoc('user:alice')).lastSeq === 1);
      expect(core.stats()).toMatchObject({ pendingWrites: 0, unpersistedBytes: 0 });
    });

    it('a document already over the cap refuses additions but accepts deletions (so it can be trimmed)', async () => {
      const { core, connect, ready, sqlite } = await setup({ maxDocBytes: 2_000 });
      const seed = new Y.Doc();
      await sqlite.appendUpdates('user:alice', [big(3_000, seed)]);
      const a = await connect('alice');
      await ready(a.socket);
      send(core, a.connection, encodeSyncUpdate(textUpdate(seed, (d) => d.getText('t').delete(0, 2_900))));
      await waitFor(() => a.socket.acks().at(-1) === 1);
      expect(a.socket.closed).toBeNull();
      send(core, a.connection, encodeSyncUpdate(textUpdate(seed, (d) => d.getText('t').insert(0, 'more'))));
      expect(a.socket.closed?.code).toBe(CloseCode.DocumentTooLarge);
      expect((await sqlite.loadDoc('user:alice')).lastSeq).toBe(2);
    });
  });
});
