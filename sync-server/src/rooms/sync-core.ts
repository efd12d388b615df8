/**
 * The sync server's core: authorizes connections, speaks the y-websocket protocol, and stores every
 * update before applying, broadcasting or acknowledging it. Loading, compacting and unloading documents
 * is RoomRegistry's; storing in batches is WriteBatcher's. It knows sockets only through `SyncSocket`,
 * so the WebSocket transport (ws-transport.ts) is thin and tests drive it with in-memory sockets.
 *
 * The path of an update (SYNC-3 in tests/sync/SPEC.md):
 *   size check (transport) → rate check → decode + validate (bad: close 4409, nothing touched)
 *   → permission (read-only: refused, client told) → document size cap (over: close 4413)
 *   → queued for storage (one transaction per turn)
 *   → stored → added to memory → broadcast (one write per reader per turn) → acked.
 */
import * as Y from 'yjs';
import { CloseCode, type CloseCodeValue } from '../../../shared/src/protocol/close-codes.ts';
import { type DocName, parseDocName } from '../../../shared/src/protocol/doc-name.ts';
import {
  decodeClientMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodePersistedAck,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
} from '../../../shared/src/protocol/messages.ts';
import { type AccessChange, type AccessPolicy, canWrite, type Permission } from '../auth/access.ts';
import type { Authenticate } from '../auth/tokens.ts';
import type { Logger } from '../logger.ts';
import { createSyncMetrics, type RejectReason, type SyncMetrics } from '../metrics/sync-metrics.ts';
import type { AppendResult, DocStore } from '../storage/doc-store.ts';
import { type AwarenessEntry, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness-relay.ts';
import { Connection, type ConnectionRequest, type SyncSocket } from './connection.ts';
import { DEFAULT_SYNC_OPTIONS, type SyncOptions } from './options.ts';
import { KeyedRateLimiter } from './rate-limit.ts';
import type { Room } from './room.ts';
import { RoomRegistry } from './room-registry.ts';
import { isEmptyUpdate, validateUpdate } from './update-validation.ts';
import { type ItemsByDoc, WriteBatcher } from './write-batcher.ts';

export type SyncCoreDeps = {
  docStore: DocStore;
  access: AccessPolicy;
  authenticate: Authenticate;
  logger: Logger;
  options?: Partial<SyncOptions>;
  /** Milliseconds, monotonic. Injectable for rate-limit tests. */
  now?: () => number;
  /** Milliseconds since the epoch, for token expiry (AuthResult.expiresAt). Injectable for tests. */
  wallClock?: () => number;
  /**
   * Told the names of the documents a batch just stored, after it is in memory (drafts keep their title
   * and last-edit time from this). Must be cheap: it runs on the write path.
   */
  onDocumentsStored?: (names: readonly string[]) => void;
};

export type SyncStats = {
  connections: number;
  loadedDocs: number;
  /** Awareness states held across documents. */
  awarenessStates: number;
  pendingWrites: number;
  unpersistedBytes: number;
  /** Timers and immediates the core has scheduled right now (intervals excluded). */
  scheduledWork: number;
  rateLimiterKeys: number;
};

type PendingAwareness = { entries: Map<number, AwarenessEntry>; senders: Set<Connection | null> };

type PendingWrite = {
  docName: string;
  update: Uint8Array;
  /** The client's sync update message, when it can be relayed as it came. */
  frame: Uint8Array | null;
  room: Room;
  connection: Connection;
  index: number;
};

/** setTimeout's longest delay; a later expiry is re-armed when this one fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Once per connection is enough: the stock provider logs it with console.warn. */
const READ_ONLY_NOTICE = 'read-only access: your changes to this document are not saved';

export class SyncCore {
  readonly options: SyncOptions;
  readonly metrics: SyncMetrics;
  private readonly rooms: RoomRegistry;
  private readonly connections = new Set<Connection>();
  private readonly connectLimiter: KeyedRateLimiter;
  private readonly batcher: WriteBatcher<PendingWrite>;
  private readonly now: () => number;
  private readonly wallClock: () => number;
  private readonly logger: Logger;
  private readonly disposers: Array<() => void> = [];
  /** Awareness changes of this turn per room: latest per client id, and who sent them (null: the server). */
  private readonly awarenessRooms = new Map<Room, PendingAwareness>();
  private awarenessFlush: NodeJS.Immediate | null = null;
  private sweeper: NodeJS.Timeout | null = null;
  private closing: Promise<void> | null = null;
  private queuedBytes = 0;
  /** Bumped on every access change, so an authorization in flight can tell it may be stale. */
  private accessEpoch = 0;

  constructor(private readonly deps: SyncCoreDeps) {
    this.options = { ...DEFAULT_SYNC_OPTIONS, ...deps.options };
    this.now = deps.now ?? (() => performance.now());
    this.wallClock = deps.wallClock ?? Date.now;
    this.logger = deps.logger;
    this.connectLimiter = new KeyedRateLimiter({
      capacity: this.options.connectBurst,
      perSecond: this.options.connectsPerSecond,
    });
    this.metrics = createSyncMetrics({
      connections: () => this.connections.size,
      loadedDocs: () => this.rooms.size,
      unpersistedBytes: () => this.unpersistedBytes,
    });
    this.batcher = new WriteBatcher<PendingWrite>(deps.docStore, {
      stored: (byDoc, count, lastSeq, seconds) => this.onStored(byDoc, count, lastSeq, seconds),
      failed: (items, error) => this.onStoreFailed(items, error),
      keep: (item) => !item.connection.discardPendingWrites,
      dropped: (items) => this.forgetWrites(items),
      crashed: (error) => this.logger.error({ err: error }, 'sync: bug in the write path'),
    });
    this.rooms = new RoomRegistry({
      docStore: deps.docStore,
      options: this.options,
      metrics: this.metrics,
      logger: this.logger,
      now: this.now,
      exclusive: (task) => this.batcher.exclusive(task),
      events: {
        loaded: (room) => {
          for (const connection of [...room.connections]) this.open(room, connection);
        },
        loadFailed: (room) => {
          for (const connection of [...room.connections]) this.reject(connection, CloseCode.LoadFailed, 'load-failed');
          room.connections.clear();
        },
        unloaded: (room) => this.awarenessRooms.delete(room),
      },
    });
    this.disposers.push(deps.access.onChange((change) => this.onAccessChange(change)));
    this.sweeper = setInterval(() => this.maintain(), this.options.sweepIntervalMs);
    this.sweeper.unref();
  }

  get isClosing(): boolean {
    return this.closing !== null;
  }

  get unpersistedBytes(): number {
    return this.queuedBytes + this.batcher.pendingBytes;
  }

  /** Idle compaction, unloading, forgetting full rate-limit buckets. Runs on an interval. */
  maintain(): void {
    this.connectLimiter.sweep(this.now());
    this.rooms.sweep();
  }

  stats(): SyncStats {
    let pendingWrites = 0;
    let awarenessStates = 0;
    let expiryTimers = 0;
    for (const connection of this.connections) if (connection.expiryTimer) expiryTimers += 1;
    for (const room of this.rooms.values()) {
      pendingWrites += room.pendingWrites;
      awarenessStates += room.awareness.size;
    }
    return {
      connections: this.connections.size,
      loadedDocs: this.rooms.size,
      awarenessStates,
      pendingWrites,
      unpersistedBytes: this.unpersistedBytes,
      scheduledWork: this.batcher.pendingWork + (this.awarenessFlush ? 1 : 0) + expiryTimers,
      rateLimiterKeys: this.connectLimiter.size,
    };
  }

  /**
   * The stored state of a document that is loaded (one merged update), or null when it is not in memory
   * (read it from storage then). Holds only stored updates, so it is never ahead of storage.
   */
  storedState(name: string): Uint8Array | null {
    const room = this.rooms.get(name);
    return room?.isReady ? room.doc!.current() : null;
  }

  // ── Connections ────────────────────────────────────────────────────────────────────────────────────

  /**
   * Takes a freshly opened socket. Rejections close it with a documented code; otherwise frames can
   * be passed to `receive` at once (they wait until the document is ready).
   */
  accept(socket: SyncSocket, request: ConnectionRequest): Connection {
    const now = this.now();
    const connection = new Connection(
      socket,
      request,
      { capacity: this.options.messageBurst, perSecond: this.options.messagesPerSecond },
      now,
    );
    this.connections.add(connection);
    if (this.closing) {
      this.reject(connection, CloseCode.GoingAway, 'server-closing');
      return connection;
    }
    if (!this.connectLimiter.take(request.ip, now)) {
      this.reject(connection, CloseCode.RateLimited, 'rate-limited', 'too many connections');
      return connection;
    }
    const parsed = parseDocName(request.docName);
    if (!parsed.ok) {
      if (parsed.error === 'unknown-kind') this.reject(connection, CloseCode.UnknownDocKind, 'unknown-kind');
      else this.reject(connection, CloseCode.MalformedDocName, 'malformed-name', parsed.message);
      return connection;
    }
    void this.authorize(connection, { kind: parsed.kind, id: parsed.id });
    return connection;
  }

  /** A frame from the transport. Never throws: whatever is wrong closes that connection only. */
  receive(connection: Connection, frame: Uint8Array, isBinary = true): void {
    if (connection.isClosed || this.closing) return;
    this.metrics.bytesIn.inc(frame.byteLength);
    if (frame.byteLength > this.options.maxMessageBytes) {
      this.rejectMessage(connection, CloseCode.MessageTooBig, 'too-big');
      return;
    }
    if (!isBinary) {
      this.rejectMessage(connection, CloseCode.ProtocolError, 'text-frame', 'text frames are not supported');
      return;
    }
    if (!connection.allowMessage(this.now())) {
      this.rejectMessage(connection, CloseCode.RateLimited, 'rate-limited', 'too many messages');
      return;
    }
    if (!connection.isOpen) {
      if (connection.queuedBytes + frame.byteLength > this.options.maxBufferedBytes) {
        this.rejectMessage(connection, CloseCode.RateLimited, 'rate-limited', 'too much data before sync');
        return;
      }
      // Copied (not Buffer#slice, which is a view): ws may hand out views into a shared receive buffer.
      connection.enqueue(new Uint8Array(frame));
      this.queuedBytes += frame.byteLength;
      return;
    }
    const room = this.roomOf(connection);
    if (room) this.handle(room, connection, frame);
  }

  /** The transport saw the socket close (or error out). Idempotent. */
  disconnected(connection: Connection): void {
    if (!connection.isClosed) {
      this.queuedBytes -= connection.queuedBytes;
      connection.state = 'closed';
    }
    this.detach(connection);
  }

  /** The transport refused an oversized frame itself (ws closes with 1009). */
  frameTooBig(connection: Connection): void {
    this.metrics.rejectMessage('too-big');
    this.disconnected(connection);
  }

  private async authorize(connection: Connection, docName: DocName): Promise<void> {
    try {
      const auth = await this.deps.authenticate(connection.request.token);
      if (connection.isClosed) return;
      if (!auth.ok) {
        this.reject(connection, CloseCode.Unauthenticated, 'unauthenticated', auth.reason);
        return;
      }
      // Re-ask if membership changed while we waited: the change event could not reach this
      // connection yet (it is not in a room), so it must not keep a permission that was just revoked.
      let permission: Permission;
      let epoch: number;
      do {
        epoch = this.accessEpoch;
        permission = await this.deps.access.permission(docName, auth.userId);
        if (connection.isClosed) return;
      } while (epoch !== this.accessEpoch);
      if (permission === 'none') {
        this.reject(connection, CloseCode.Forbidden, 'forbidden');
        return;
      }
      if (this.closing) {
        this.reject(connection, CloseCode.GoingAway, 'server-closing');
        return;
      }
      if (auth.expiresAt !== undefined && !this.armExpiry(connection, auth.expiresAt)) return;
      connection.userId = auth.userId;
      connection.permission = permission;
      connection.state = 'waiting';
      const room = this.rooms.acquire(connection.request.docName, docName);
      room.connections.add(connection);
      if (room.isReady) this.open(room, connection);
    } catch (error) {
      this.logger.error({ err: error, doc: connection.request.docName }, 'sync: authorization failed');
      this.reject(connection, CloseCode.LoadFailed, 'load-failed', 'authorization unavailable');
    }
  }

  /** Sends the server's sync step 1 and the current awareness, then handles what was queued. */
  private open(room: Room, connection: Connection): void {
    if (connection.isClosed) return;
    connection.state = 'open';
    this.send(connection, encodeSyncStep1(room.doc!.stateVector()));
    const awareness = room.awareness.entries();
    if (awareness.length > 0) this.send(connection, encodeAwareness(encodeAwarenessUpdate(awareness)));
    const frames = connection.drainQueue();
    for (const frame of frames) {
      this.queuedBytes -= frame.byteLength;
      if (connection.isOpen) this.handle(room, connection, frame);
    }
  }

  /**
   * Closes the connection with 4401 "…: expired" when its token expires (ACCESS-6): one timer per
   * connection, cleared when it closes. Returns false (and closes it) if it has expired already.
   */
  private armExpiry(connection: Connection, expiresAt: number): boolean {
    const left = expiresAt - this.wallClock();
    if (left <= 0) {
      this.reject(connection, CloseCode.Unauthenticated, 'unauthenticated', 'expired');
      return false;
    }
    connection.expiryTimer = setTimeout(
      () => {
        connection.expiryTimer = null;
        // Timers may fire a little early, and long delays are capped: check, and re-arm if still valid.
        if (!connection.isClosed) this.armExpiry(connection, expiresAt);
      },
      Math.min(left, MAX_TIMER_MS),
    );
    connection.expiryTimer.unref();
    return true;
  }

  private detach(connection: Connection): void {
    if (connection.expiryTimer) {
      clearTimeout(connection.expiryTimer);
      connection.expiryTimer = null;
    }
    if (!this.connections.delete(connection)) return;
    const room = this.roomOf(connection);
    if (!room?.connections.delete(connection)) return;
    const removals = room.awareness.removeOwner(connection);
    if (removals.length > 0) this.queueAwareness(room, null, removals);
    if (room.connections.size === 0) room.emptySince = this.now();
  }

  private roomOf(connection: Connection): Room | undefined {
    const room = this.rooms.get(connection.request.docName);
    return room?.connections.has(connection) ? room : undefined;
  }

  // ── Messages ───────────────────────────────────────────────────────────────────────────────────────

  private handle(room: Room, connection: Connection, frame: Uint8Array): void {
    try {
      const message = decodeClientMessage(frame);
      switch (message.type) {
        case 'sync-step1':
          this.send(connection, encodeSyncStep2(this.diffFor(room, message.stateVector)));
          break;
        case 'sync-step2':
        case 'sync-update':
          this.handleUpdate(room, connection, message.update, message.type === 'sync-step2', frame);
          break;
        case 'awareness':
          this.handleAwareness(room, connection, message.update);
          break;
        case 'query-awareness':
          this.send(connection, encodeAwareness(encodeAwarenessUpdate(room.awareness.entries())));
          break;
        default:
          // Like the reference server: ignore what we do not know (auth from a client, newer types).
          this.metrics.rejectMessage('unknown-type');
      }
    } catch (error) {
      if (error instanceof ProtocolError) {
        this.rejectMessage(connection, CloseCode.ProtocolError, 'protocol-error', error.message);
      } else {
        this.logger.error({ err: error, doc: room.name }, 'sync: failed to handle a message');
        this.rejectMessage(connection, CloseCode.InternalError, 'protocol-error');
      }
    }
  }

  private diffFor(room: Room, stateVector: Uint8Array): Uint8Array {
    try {
      Y.decodeStateVector(stateVector);
    } catch {
      throw new ProtocolError('malformed state vector');
    }
    return room.doc!.diff(stateVector);
  }

  private handleUpdate(
    room: Room,
    connection: Connection,
    update: Uint8Array,
    isSyncReply: boolean,
    frame: Uint8Array,
  ): void {
    const check = validateUpdate(update);
    if (!check.ok) {
      this.rejectMessage(connection, CloseCode.ProtocolError, 'invalid-update', check.reason);
      return;
    }
    const index = connection.acks.next();
    // A client's sync step 2 repeats its whole delete set on every connect; storing it each time
    // would grow the log with nothing. (Checked for step 2 only: it costs a decode of the state.)
    if (isEmptyUpdate(update) || (isSyncReply && room.doc!.contains(update))) {
      this.sendAck(connection);
      return;
    }
    if (!canWrite(connection.permission)) {
      if (!room.doc!.contains(update)) {
        connection.acks.refused(index);
        this.metrics.rejectMessage('read-only');
        if (!connection.toldReadOnly) {
          connection.toldReadOnly = true;
          this.send(connection, encodePermissionDenied(READ_ONLY_NOTICE));
        }
      }
      this.sendAck(connection);
      return;
    }
    if (this.wouldExceedDocLimit(room, update)) {
      this.rejectMessage(
        connection,
        CloseCode.DocumentTooLarge,
        'too-big',
        `this change would take it past ${this.options.maxDocBytes} bytes`,
      );
      return;
    }
    connection.acks.waitForStorage(index);
    room.pendingWrites += 1;
    room.pendingBytes += update.byteLength;
    // A copy that owns its bytes (the frame it came from may share a larger receive buffer). A sync
    // update message is already the frame the others need: keep it whole, and the update is its tail.
    const relayable = !isSyncReply && update.byteOffset + update.byteLength === frame.byteOffset + frame.byteLength;
    const owned = new Uint8Array(relayable ? frame : update);
    this.batcher.enqueue({
      docName: room.name,
      update: relayable ? owned.subarray(owned.byteLength - update.byteLength) : owned,
      frame: relayable ? owned : null,
      room,
      connection,
      index,
    });
  }

  /**
   * LIMIT-5: the stored size (state + unfolded tail + queued writes) plus this update. Deletions alone
   * pass even over the limit, so an oversized document can still be trimmed (compaction then frees
   * the deleted content).
   */
  private wouldExceedDocLimit(room: Room, update: Uint8Array): boolean {
    const size = room.doc!.byteLength + room.pendingBytes + update.byteLength;
    if (size <= this.options.maxDocBytes) return false;
    const { from, to } = Y.parseUpdateMeta(update);
    for (const [client, clock] of to) if (from.get(client) !== clock) return true;
    return false;
  }

  private handleAwareness(room: Room, connection: Connection, update: Uint8Array): void {
    if (update.byteLength > this.options.maxAwarenessBytes) {
      throw new ProtocolError('awareness update too large');
    }
    const changed = room.awareness.apply(connection, decodeAwarenessUpdate(update));
    if (changed.length > 0) this.queueAwareness(room, connection, changed);
  }

  // ── Storage results ────────────────────────────────────────────────────────────────────────────────

  private onStored(byDoc: ItemsByDoc<PendingWrite>, count: number, lastSeq: AppendResult, seconds: number): void {
    this.metrics.persistSeconds.observe(seconds);
    this.metrics.persistBatchSize.observe(count);
    this.metrics.updates.inc(count);
    const now = this.now();
    const toAck = new Set<Connection>();
    for (const [name, items] of byDoc) {
      // A room with writes pending cannot unload, so every item of a document has the same room.
      const room = items[0]!.room;
      room.pendingWrites -= items.length;
      room.persistedSeq = lastSeq.get(name) ?? room.persistedSeq;
      room.updatesSinceSnapshot += items.length;
      room.lastWriteAt = now;
      for (const item of items) {
        room.pendingBytes -= item.update.byteLength;
        room.doc!.append(item.update);
      }
      this.broadcastUpdates(room, items);
      for (const item of items) {
        item.connection.acks.stored(item.index);
        toAck.add(item.connection);
      }
      if (room.updatesSinceSnapshot >= this.options.compactAfterUpdates) this.rooms.requestCompaction(room);
    }
    for (const connection of toAck) this.sendAck(connection);
    if (this.deps.onDocumentsStored) {
      try {
        this.deps.onDocumentsStored([...byDoc.keys()]);
      } catch (error) {
        this.logger.error({ err: error }, 'sync: a stored-documents listener failed');
      }
    }
  }

  private onStoreFailed(items: PendingWrite[], error: unknown): void {
    this.metrics.persistFailures.inc();
    this.logger.error({ err: error, updates: items.length }, 'sync: could not store updates');
    const senders = new Set<Connection>();
    this.forgetWrites(items);
    for (const item of items) senders.add(item.connection);
    // Nothing was applied or acked. Closing with a transient code makes each sender reconnect and
    // resend through sync step 2; its writes still queued are dropped (keep()) so none land out of order.
    for (const connection of senders) {
      connection.discardPendingWrites = true;
      this.rejectMessage(connection, CloseCode.StorageFailed, 'storage-failed');
    }
  }

  /** Writes that will not be stored after all (failed, or dropped with their closed sender). */
  private forgetWrites(items: PendingWrite[]): void {
    for (const item of items) {
      item.room.pendingWrites -= 1;
      item.room.pendingBytes -= item.update.byteLength;
    }
  }

  /**
   * One write per recipient per batch: each update stays its own message (the frame it arrived in),
   * and a room's messages of one turn are written together. With one sender, it is left out; with
   * several, each also gets its own updates back (Yjs ignores known structs). Merging them into one
   * message instead (as before) took 35–45 µs for two keystrokes — Y.mergeUpdates decodes and re-encodes
   * every struct — against 1–2 µs to frame them side by side, and it happened most when the server was
   * already behind (more of a document's updates wait in one turn).
   */
  private broadcastUpdates(room: Room, items: PendingWrite[]): void {
    let exclude: Connection | null = items[0]!.connection;
    for (const item of items) if (item.connection !== exclude) exclude = null;
    const recipients = room.recipients(exclude);
    if (recipients.length === 0) return;
    if (items.length === 1) {
      const frame = items[0]!.frame ?? encodeSyncUpdate(items[0]!.update);
      for (const connection of recipients) this.send(connection, frame);
      return;
    }
    const frames: Uint8Array[] = [];
    let bytes = 0;
    for (const item of items) {
      const frame = item.frame ?? encodeSyncUpdate(item.update);
      frames.push(frame);
      bytes += frame.byteLength;
    }
    for (const connection of recipients) {
      this.delivered(connection, connection.sendAll(frames, bytes, this.options.maxBufferedBytes), bytes);
    }
  }

  private queueAwareness(room: Room, sender: Connection | null, entries: AwarenessEntry[]): void {
    let pending = this.awarenessRooms.get(room);
    if (!pending) {
      pending = { entries: new Map(), senders: new Set() };
      this.awarenessRooms.set(room, pending);
    }
    for (const entry of entries) pending.entries.set(entry.clientId, entry);
    pending.senders.add(sender);
    this.awarenessFlush ??= setImmediate(() => {
      this.awarenessFlush = null;
      for (const [pendingRoom, changes] of this.awarenessRooms) this.flushAwareness(pendingRoom, changes);
      this.awarenessRooms.clear();
    });
  }

  private flushAwareness(room: Room, { entries, senders }: PendingAwareness): void {
    if (entries.size === 0) return;
    const frame = encodeAwareness(encodeAwarenessUpdate([...entries.values()]));
    const exclude = senders.size === 1 ? [...senders][0]! : null;
    for (const connection of room.recipients(exclude)) this.send(connection, frame);
  }

  private sendAck(connection: Connection): void {
    if (!connection.request.wantsAcks || !connection.isOpen) return;
    const ack = connection.acks.take();
    if (ack !== null) this.send(connection, encodePersistedAck(ack));
  }

  private send(connection: Connection, frame: Uint8Array): void {
    this.delivered(connection, connection.send(frame, this.options.maxBufferedBytes), frame.byteLength);
  }

  /** After a send: counts the bytes, or drops a client that stopped reading (the send refused). */
  private delivered(connection: Connection, sent: boolean, bytes: number): void {
    if (sent) {
      this.metrics.bytesOut.inc(bytes);
    } else if (!connection.isClosed) {
      this.metrics.rejectConnection('slow-client');
      this.logger.warn({ doc: connection.request.docName }, 'sync: dropped a client that stopped reading');
      connection.terminate();
      this.disconnected(connection);
    }
  }

  // ── Access changes ─────────────────────────────────────────────────────────────────────────────────

  /** Re-checks the affected user's connections to that document: revoked ones close with 4410. */
  private onAccessChange(change: AccessChange): void {
    this.accessEpoch += 1;
    const room = this.rooms.get(change.docName);
    if (!room) return;
    const affected = [...room.connections].filter((c) => c.userId === change.userId);
    if (affected.length === 0) return;
    void this.deps.access.permission(room.docName, change.userId).then(
      (permission) => {
        for (const connection of affected) {
          if (connection.isClosed) continue;
          if (permission === 'none') {
            this.reject(connection, CloseCode.AccessRevoked, 'access-revoked');
          } else if (permission === 'read') {
            connection.permission = 'read';
          } else if (connection.permission !== 'write') {
            // Its refused updates were never stored, and acks cannot skip them: a reconnect resends
            // them (sync step 2) under the new permission.
            if (connection.acks.hasRefused) {
              this.reject(connection, CloseCode.PermissionsChanged, 'permissions-changed');
            } else connection.permission = 'write';
          }
        }
      },
      (error: unknown) => {
        this.logger.error({ err: error, doc: room.name }, 'sync: could not re-check access; closing');
        for (const connection of affected) this.reject(connection, CloseCode.LoadFailed, 'load-failed');
      },
    );
  }

  // ── Closing ────────────────────────────────────────────────────────────────────────────────────────

  private reject(connection: Connection, code: CloseCodeValue, reason: RejectReason, detail?: string): void {
    if (connection.isClosed) return;
    this.metrics.rejectConnection(reason);
    this.logger.debug({ doc: connection.request.docName, code, reason }, 'sync: closing connection');
    this.queuedBytes -= connection.queuedBytes;
    connection.close(code, detail);
    this.detach(connection);
  }

  private rejectMessage(connection: Connection, code: CloseCodeValue, reason: RejectReason, detail?: string): void {
    this.metrics.rejectMessage(reason);
    this.reject(connection, code, reason, detail);
  }

  /**
   * Graceful stop: refuse new connections and ignore new frames, store what is pending (acks go out),
   * snapshot changed documents, then close every socket with 1001.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.sweeper) clearInterval(this.sweeper);
      this.sweeper = null;
      for (const dispose of this.disposers.splice(0)) dispose();
      await this.batcher.idle();
      await this.rooms.compactAll();
      for (const connection of [...this.connections]) this.reject(connection, CloseCode.GoingAway, 'server-closing');
      if (this.awarenessFlush) clearImmediate(this.awarenessFlush);
      this.awarenessFlush = null;
      this.awarenessRooms.clear();
      this.rooms.clear();
    })();
    return this.closing;
  }
}
