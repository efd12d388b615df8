/**
 * The signed-in user's private document (`user:<id>`, owner only) on this device: a Y.Doc kept in
 * IndexedDB (y-indexeddb, loaded before connecting so the reading list shows offline at once) and synced
 * through the server with the stock y-websocket provider, with persisted-update acks for "synced".
 *
 * The sync token lasts an hour: a new one is fetched for every connection and ahead of expiry, and when
 * the server closes with 4401 (token expired) the doc connects again with a renewed token. Other refusals
 * (4403 no permission, …) stop it; `status` says so.
 *
 * This module pulls in Yjs and the providers: only load it with a dynamic import.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/src/protocol/close-codes.ts';
import { ackParams, PersistedAcks } from './persisted-acks.ts';

/** `offline`: not connected (by choice or waiting to reconnect); `refused`: the server will not sync it. */
export type UserDocConnection = 'offline' | 'connecting' | 'connected' | 'refused';
export type UserDocStatus = {
  connection: UserDocConnection;
  /** Every change made here is stored on the server. */
  synced: boolean;
  /** Changes made here the server has not confirmed yet. */
  pending: number;
};

export type UserDocOptions = {
  docName: string;
  /** The sync endpoint, e.g. `wss://example.org/sync`. */
  serverUrl: string;
  /** A sync token for the signed-in user; `renew` asks for a new one. null: signed out or unreachable. */
  token: (options: { renew: boolean }) => Promise<string | null>;
  /** Keep a copy on this device with y-indexeddb (default true; Node tests without IndexedDB turn it off). */
  persist?: boolean;
  /** Fetch a new token this often while open, ahead of the hour it lasts (default 40 minutes). */
  renewEveryMs?: number;
  WebSocketPolyfill?: typeof WebSocket;
  /** Tabs of one browser share changes over BroadcastChannel unless this is set (Node tests). */
  disableBc?: boolean;
  maxBackoffTime?: number;
};

export type UserDoc = {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  status(): UserDocStatus;
  /** Calls `listener` whenever the status changes; returns the disposer. */
  onStatus(listener: (status: UserDocStatus) => void): () => void;
  /** Connects with a fresh token (after coming online). */
  connect(): Promise<void>;
  /** Closes the socket and stays disconnected until `connect` (the browser went offline). */
  disconnect(): void;
  /** Closes everything; the device's copy stays in IndexedDB. */
  destroy(): void;
};

const RENEW_EVERY_MS = 40 * 60_000;
/** Renewing the token again this soon after a 4401 means it is not the token: stop rather than loop. */
const MIN_RENEW_GAP_MS = 30_000;

export async function openUserDoc(options: UserDocOptions): Promise<UserDoc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(options.serverUrl, options.docName, doc, {
    connect: false,
    params: ackParams(''),
    ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    ...(options.disableBc ? { disableBc: true } : {}),
    ...(options.maxBackoffTime ? { maxBackoffTime: options.maxBackoffTime } : {}),
  });
  // Before local persistence loads, so changes restored from disk count as not yet stored.
  const acks = new PersistedAcks(provider);
  const persistence = options.persist === false ? null : new IndexeddbPersistence(options.docName, doc);

  let connection: UserDocConnection = 'offline';
  let destroyed = false;
  let lastRenewAt = Number.NEGATIVE_INFINITY;
  const listeners = new Set<(status: UserDocStatus) => void>();
  const status = (): UserDocStatus => ({ connection, synced: acks.synced, pending: acks.pending });
  const notify = () => {
    const now = status();
    for (const listener of [...listeners]) listener(now);
  };
  const setConnection = (next: UserDocConnection) => {
    connection = next;
    notify();
  };

  async function useToken(renew: boolean): Promise<boolean> {
    const token = await options.token({ renew }).catch(() => null);
    if (token === null || destroyed) return false;
    provider.params = ackParams(token);
    return true;
  }

  async function connect(renew = false): Promise<void> {
    // Already connected or on its way (a second `online` event): nothing to do.
    if (destroyed || (!renew && (provider.wsconnected || provider.wsconnecting))) return;
    if (renew) lastRenewAt = Date.now();
    setConnection('connecting');
    if (!(await useToken(renew))) {
      if (!destroyed) setConnection('offline');
      return;
    }
    provider.connect();
  }

  const onProviderStatus = ({ status: next }: { status: string }) => {
    if (next === 'connected') setConnection('connected');
    else if (next === 'disconnected' && connection === 'connected') {
      setConnection(provider.shouldConnect ? 'connecting' : 'offline');
    }
  };
  const onClosed = ({ code }: { code: number }) => {
    const expired = code === CloseCode.Unauthenticated && Date.now() - lastRenewAt > MIN_RENEW_GAP_MS;
    if (expired) void connect(true);
    else setConnection('refused');
  };
  provider.on('status', onProviderStatus);
  provider.on('closed', onClosed);
  const stopAcks = acks.subscribe(notify);

  // Ahead of expiry, so the provider's own reconnects (after a network blip) use a valid token.
  const renewTimer = setInterval(() => void useToken(true), options.renewEveryMs ?? RENEW_EVERY_MS);

  if (persistence) await persistence.whenSynced;

  return {
    doc,
    provider,
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect: () => connect(false),
    disconnect() {
      provider.disconnect();
      setConnection('offline');
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearInterval(renewTimer);
      stopAcks();
      provider.off('status', onProviderStatus);
      provider.off('closed', onClosed);
      acks.destroy();
      provider.destroy();
      provider.awareness.destroy();
      void persistence?.destroy();
      doc.destroy();
      listeners.clear();
    },
  };
}
