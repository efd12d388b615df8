/**
 * One client connection as the core sees it: a socket behind a tiny interface (so tests can inject
 * one and the core never imports `ws`), its identity and permission, the frames that arrived before
 * the document was ready, its message-rate bucket and its ack bookkeeping.
 */
import { type CloseCodeValue, closeReason } from '../../../shared/src/protocol/close-codes.ts';
import type { Permission } from '../auth/access.ts';
import { AckTracker } from './ack-tracker.ts';
import { type RateLimit, TokenBucket } from './rate-limit.ts';

/** What the core needs from a transport socket. */
export interface SyncSocket {
  /**
   * Sends a frame. Returns false when the socket's own buffer is past its high-water mark afterwards
   * (the client reads slower than we write), so the next send checks `bufferedAmount` first.
   */
  send(frame: Uint8Array): boolean;
  /**
   * Sends several frames, in order, as one write (a document's updates of one turn). Same return value
   * as `send`.
   */
  sendAll(frames: readonly Uint8Array[]): boolean;
  close(code: number, reason: string): void;
  /** Drops the connection without a close handshake (for clients that stopped reading). */
  terminate(): void;
  /** Bytes queued but not yet written to the network. */
  readonly bufferedAmount: number;
}

export type ConnectionRequest = {
  /** The raw document name from the URL (decoded, not yet validated). */
  docName: string;
  token: string | null;
  /** The client asked for persistedAck messages (`?acks=1`). */
  wantsAcks: boolean;
  /** Client address, for the per-IP connection rate. */
  ip: string;
};

/**
 * authorizing: token and access being checked; waiting: the document is loading; open: synced and
 * handling messages; closed: nothing more is sent or handled.
 */
export type ConnectionState = 'authorizing' | 'waiting' | 'open' | 'closed';

let nextId = 1;

export class Connection {
  readonly id = nextId++;
  state: ConnectionState = 'authorizing';
  userId: string | null = null;
  permission: Permission = 'none';
  /** Set when the server closed it because a write failed: its queued writes are dropped too. */
  discardPendingWrites = false;
  /** A "permission denied" auth message was sent (once per connection is enough). */
  toldReadOnly = false;
  readonly acks = new AckTracker();
  /** Closes the connection when its token expires (SyncCore arms and clears it). */
  expiryTimer: NodeJS.Timeout | null = null;
  private readonly queue: Uint8Array[] = [];
  private queued = 0;
  /** The last send left the socket's buffer past its high-water mark. */
  private backlogged = false;
  private readonly bucket: TokenBucket;

  constructor(
    readonly socket: SyncSocket,
    readonly request: ConnectionRequest,
    messageLimit: RateLimit,
    now: number,
  ) {
    this.bucket = new TokenBucket(messageLimit, now);
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  get queuedBytes(): number {
    return this.queued;
  }

  allowMessage(now: number): boolean {
    return this.bucket.take(now);
  }

  enqueue(frame: Uint8Array): void {
    this.queue.push(frame);
    this.queued += frame.byteLength;
  }

  drainQueue(): Uint8Array[] {
    const frames = this.queue.splice(0);
    this.queued = 0;
    return frames;
  }

  /**
   * Sends unless the client is not keeping up: then it is dropped and false returned. Dropping, not
   * waiting, is deliberate — one slow reader must not make the server buffer a document's traffic.
   *
   * The buffer is measured only once a send has left it past the socket's high-water mark (16 KiB for
   * a TCP socket): below that it cannot be near the limit, and reading it on every send of every
   * broadcast was a measurable share of the write path.
   */
  send(frame: Uint8Array, maxBufferedBytes: number): boolean {
    if (!this.mayWrite(frame.byteLength, maxBufferedBytes)) return false;
    this.backlogged = !this.socket.send(frame);
    return true;
  }

  /** `send` for several frames written together; `bytes` is their total length. */
  sendAll(frames: readonly Uint8Array[], bytes: number, maxBufferedBytes: number): boolean {
    if (!this.mayWrite(bytes, maxBufferedBytes)) return false;
    this.backlogged = !this.socket.sendAll(frames);
    return true;
  }

  private mayWrite(bytes: number, maxBufferedBytes: number): boolean {
    if (this.state === 'closed') return false;
    if (!this.backlogged) return true;
    // A frame larger than the limit still goes out to a client that has read everything so far:
    // otherwise a document that outgrew the limit could never be synced by anyone.
    const buffered = this.socket.bufferedAmount;
    return buffered === 0 || buffered + bytes <= maxBufferedBytes;
  }

  /** Closes with a documented code; returns false when it was already closed. */
  close(code: CloseCodeValue, detail?: string): boolean {
    if (this.state === 'closed') return false;
    this.state = 'closed';
    this.queue.length = 0;
    this.queued = 0;
    try {
      this.socket.close(code, closeReason(code, detail));
    } catch {
      this.socket.terminate();
    }
    return true;
  }

  terminate(): boolean {
    if (this.state === 'closed') return false;
    this.state = 'closed';
    this.queue.length = 0;
    this.queued = 0;
    this.socket.terminate();
    return true;
  }
}
