/**
 * One synced document on this device (the user's private `user:<id>` doc, a `draft:<id>`): a Y.Doc kept in
 * IndexedDB (y-indexeddb, loaded before connecting so it shows offline at once) and synced through the
 * server with the stock y-websocket provider, with persisted-update acks for "synced". Its status says
 * where the data stands: on the device (or why not: IndexedDB missing or full), and on the server.
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
import { type DeviceCopy, trackDeviceWrites } from './device-writes.ts';
import { unstoredJournalKey } from './journal-key.ts';
import { ackParams, PersistedAcks } from './persisted-acks.ts';

export type { DeviceCopy } from './device-writes.ts';

/** `offline`: not connected (by choice or waiting to reconnect); `refused`: the server will not sync it. */
export type SyncedDocConnection = 'offline' | 'connecting' | 'connected' | 'refused';
export type SyncedDocStatus = {
  connection: SyncedDocConnection;
  /** Every change made here is stored on the server. */
  synced: boolean;
  /** Changes made here the server has not confirmed yet. */
  pending: number;
  /** When the server last confirmed holding every change made here (ms); null before it first did. */
  lastSyncedAt: number | null;
  /** Whether this device keeps a copy, and whether every change is in it yet. */
  device: DeviceCopy;
  /** Why the server would not sync (its close code and reason) once `connection` is 'refused'. */
  refusal: { code: number; reason: string } | null;
};

export type SyncedDocOptions = {
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

export type SyncedDoc = {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  status(): SyncedDocStatus;
  /** Calls `listener` whenever the status changes; returns the disposer. */
  onStatus(listener: (status: SyncedDocStatus) => void): () => void;
  /** Connects with a fresh token (after coming online). */
  connect(): Promise<void>;
  /** Closes the socket and stays disconnected until `connect` (the browser went offline). */
  disconnect(): void;
  /** Resolves once every change made so far is stored on this device (at once when it keeps no copy). */
  whenStoredOnDevice(): Promise<void>;
  /** Closes everything; the device's copy stays in IndexedDB. */
  destroy(): void;
};

/** This site's sync endpoint, ws: or wss: like the page. */
export const siteSyncUrl = () => `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/sync`;

/** localStorage when this page may use it (not in Node tests, nor when the browser blocks it). */
function localStore(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

const RENEW_EVERY_MS = 40 * 60_000;
/** Renewing the token again this soon after a 4401 means it is not the token: stop rather than loop. */
const MIN_RENEW_GAP_MS = 30_000;

export async function openSyncedDoc(options: SyncedDocOptions): Promise<SyncedDoc> {
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
  const persistence =
    options.persist !== false && typeof indexedDB !== 'undefined'
      ? new IndexeddbPersistence(options.docName, doc)
      : null;
  const device = trackDeviceWrites({
    doc,
    persistence,
    onChange: () => notify(),
    journal: { key: unstoredJournalKey(options.docName), skip: (origin) => origin === provider, storage: localStore() },
  });

  let connection: SyncedDocConnection = 'offline';
  let destroyed = false;
  let lastRenewAt = Number.NEGATIVE_INFINITY;
  const listeners = new Set<(status: SyncedDocStatus) => void>();
  let refusal: SyncedDocStatus['refusal'] = null;
  const status = (): SyncedDocStatus => ({
    connection,
    synced: acks.synced,
    pending: acks.pending,
    lastSyncedAt: acks.lastSyncedAt,
    device: device.state(),
    refusal,
  });
  const notify = () => {
    const now = status();
    for (const listener of [...listeners]) listener(now);
  };
  const setConnection = (next: SyncedDocConnection) => {
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
  const onClosed = ({ code, reason }: { code: number; reason: string }) => {
    const expired = code === CloseCode.Unauthenticated && Date.now() - lastRenewAt > MIN_RENEW_GAP_MS;
    if (expired) return void connect(true);
    refusal = { code, reason };
    setConnection('refused');
  };
  provider.on('status', onProviderStatus);
  provider.on('closed', onClosed);
  const stopAcks = acks.subscribe(notify);

  // Ahead of expiry, so the provider's own reconnects (after a network blip) use a valid token.
  const renewTimer = setInterval(() => void useToken(true), options.renewEveryMs ?? RENEW_EVERY_MS);

  await device.loaded;

  return {
    doc,
    provider,
    status,
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connect: () => {
      refusal = null;
      return connect(false);
    },
    whenStoredOnDevice: () => device.whenStored(),
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
      device.destroy();
      provider.destroy();
      provider.awareness.destroy();
      void persistence?.destroy();
      doc.destroy();
      listeners.clear();
    },
  };
}
