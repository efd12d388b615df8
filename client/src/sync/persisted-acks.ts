/**
 * "Synced" that means stored: tracks this tab's local changes to a Y.Doc and the server's
 * persistedAck messages (shared/src/protocol/messages.ts), so `synced` is true only when every local
 * change is in the server's storage — never merely because the socket is open.
 *
 * It wraps a stock y-websocket WebsocketProvider created with `params: ackParams(token)` and extends
 * its `messageHandlers` (per-instance in y-websocket v3): one handler reads the ack, and the sync
 * handler is wrapped to notice when the provider answers the server's sync step 1 with step 2.
 *
 * Counting, mirrored on the server: each update-carrying message sent on the current socket gets the
 * next number (local updates while the socket is open; the step-2 reply that carries offline changes).
 * Ack N means messages 1..N are stored, so every local change made before message N was sent is.
 * A new socket starts again at 1: what the old one did not get acked is in the new step-2 reply.
 *
 * Create it right after the provider (before its socket opens) and before loading local persistence
 * (y-indexeddb), so changes restored from disk count as not yet stored until the server has them.
 */
import * as decoding from 'lib0/decoding';
import type { WebsocketProvider } from 'y-websocket';
import { ACKS_PARAM, MessageType, SyncStep } from '../../../shared/src/protocol/messages.ts';

export type PersistedAcksState = {
  /** Every local change is stored on the server. */
  synced: boolean;
  /** Local changes not yet confirmed stored. */
  pending: number;
  /** When `synced` last became (or was confirmed) true, from `now()`; null before the first ack. */
  lastSyncedAt: number | null;
};

export type PersistedAcksListener = (state: PersistedAcksState) => void;

export class PersistedAcksError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersistedAcksError';
  }
}

/** URL parameters for a provider that wants acks: `new WebsocketProvider(url, name, doc, { params: ackParams(token) })`. */
export function ackParams(token: string): Record<string, string> {
  return { token, [ACKS_PARAM]: '1' };
}

type Handler = WebsocketProvider['messageHandlers'][number];
type Mark = { message: number; version: number };

export class PersistedAcks {
  private localVersion = 0;
  private storedVersion = 0;
  private sentOnSocket = 0;
  private marks: Mark[] = [];
  private last: number | null = null;
  private readonly listeners = new Set<PersistedAcksListener>();
  private readonly disposers: Array<() => void> = [];
  private readonly now: () => number;

  constructor(
    private readonly provider: WebsocketProvider,
    options: { now?: () => number } = {},
  ) {
    this.now = options.now ?? Date.now;
    if (provider.params[ACKS_PARAM] !== '1') {
      throw new PersistedAcksError('create the provider with params: ackParams(token) so the server sends acks');
    }
    if (provider.wsconnected) {
      throw new PersistedAcksError('attach PersistedAcks before the provider connects');
    }
    const doc = provider.doc;

    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return; // from the server: not ours to confirm
      this.localVersion += 1;
      // The provider's own update handler (registered first) has just sent it if the socket is open.
      if (this.socketOpen()) this.markSent();
      this.notify();
    };
    doc.on('update', onUpdate);
    this.disposers.push(() => doc.off('update', onUpdate));

    const onStatus = ({ status }: { status: string }) => {
      if (status === 'connected') this.resetSocket();
    };
    const onClose = () => this.resetSocket();
    provider.on('status', onStatus);
    provider.on('connection-close', onClose);
    this.disposers.push(() => {
      provider.off('status', onStatus);
      provider.off('connection-close', onClose);
    });

    this.installHandler(MessageType.Sync, (original) => (encoder, decoder, p, fromSocket, type) => {
      const step = decoding.peekVarUint(decoder);
      original?.(encoder, decoder, p, fromSocket, type);
      // The provider now sends the step-2 reply on the socket (not for BroadcastChannel messages).
      if (fromSocket && step === SyncStep.Step1) this.markSent();
    });
    this.installHandler(MessageType.PersistedAck, () => (_encoder, decoder, _p, fromSocket) => {
      if (!fromSocket) return;
      this.confirm(decoding.readVarUint(decoder));
    });
  }

  get synced(): boolean {
    return this.pending === 0;
  }

  get pending(): number {
    return this.localVersion - this.storedVersion;
  }

  get lastSyncedAt(): number | null {
    return this.last;
  }

  get state(): PersistedAcksState {
    return { synced: this.synced, pending: this.pending, lastSyncedAt: this.last };
  }

  /** Calls `listener` on every change; returns the disposer. */
  subscribe(listener: PersistedAcksListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Undoes the constructor: handlers restored, listeners removed. Does not destroy the provider. */
  destroy(): void {
    for (const dispose of this.disposers.splice(0).reverse()) dispose();
    this.listeners.clear();
  }

  private installHandler(type: number, wrap: (original: Handler | undefined) => Handler) {
    const handlers = this.provider.messageHandlers;
    const original = handlers[type];
    handlers[type] = wrap(original);
    this.disposers.push(() => {
      if (original) handlers[type] = original;
      else delete handlers[type];
    });
  }

  private socketOpen(): boolean {
    const ws = this.provider.ws;
    return this.provider.wsconnected && ws !== null && ws.readyState === ws.OPEN;
  }

  private markSent() {
    this.sentOnSocket += 1;
    this.marks.push({ message: this.sentOnSocket, version: this.localVersion });
  }

  private resetSocket() {
    this.sentOnSocket = 0;
    this.marks = [];
  }

  private confirm(counter: number) {
    let version = this.storedVersion;
    while (this.marks.length > 0 && this.marks[0]!.message <= counter) {
      version = Math.max(version, this.marks.shift()!.version);
    }
    const advanced = version !== this.storedVersion;
    this.storedVersion = version;
    // The first ack also stamps lastSyncedAt when there was nothing local to store.
    if (this.synced && (advanced || this.last === null)) {
      this.last = this.now();
      this.notify();
    } else if (advanced) {
      this.notify();
    }
  }

  private notify() {
    const state = this.state;
    for (const listener of [...this.listeners]) listener(state);
  }
}
