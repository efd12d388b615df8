import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { encodePersistedAck, MessageType } from '../../../shared/src/protocol/messages.ts';
import { ackParams, PersistedAcks, PersistedAcksError } from './persisted-acks.ts';

// Never connects: the behaviour over a real server is in tests/sync/conformance.test.ts (ACK-1…3).
const offlineProvider = (params: Record<string, string>) =>
  new WebsocketProvider('ws://127.0.0.1:9/sync', 'user:u', new Y.Doc(), {
    connect: false,
    params,
    disableBc: true,
    // Node 20 has no global WebSocket; this one is never constructed.
    WebSocketPolyfill: class NeverOpened {} as unknown as typeof globalThis.WebSocket,
  });

describe('PersistedAcks', () => {
  it('requires a provider that asked for acks and has not connected yet', () => {
    const provider = offlineProvider({ token: 't' });
    expect(() => new PersistedAcks(provider)).toThrow(PersistedAcksError);
    provider.destroy();
  });

  it('counts local changes as pending, ignores the provider’s own and acks not from the socket', () => {
    const provider = offlineProvider(ackParams('t'));
    const acks = new PersistedAcks(provider);
    const seen: number[] = [];
    const dispose = acks.subscribe((state) => seen.push(state.pending));
    provider.doc.getText('t').insert(0, 'local');
    Y.applyUpdate(provider.doc, Y.encodeStateAsUpdate(remoteDoc()), provider); // as if from the server
    expect(acks.state).toEqual({ synced: false, pending: 1, lastSyncedAt: null });
    // An ack arriving through BroadcastChannel (fromSocket false) confirms nothing.
    const handler = provider.messageHandlers[MessageType.PersistedAck]!;
    const frame = decoding.createDecoder(encodePersistedAck(5));
    decoding.readVarUint(frame);
    handler(encoding.createEncoder(), frame, provider, false, MessageType.PersistedAck);
    expect(acks.pending).toBe(1);
    expect(seen).toEqual([1]);
    dispose();
    acks.destroy();
    provider.destroy();
  });

  it('destroy() puts the provider’s handlers back', () => {
    const provider = offlineProvider(ackParams('t'));
    const sync = provider.messageHandlers[MessageType.Sync];
    const acks = new PersistedAcks(provider);
    expect(provider.messageHandlers[MessageType.Sync]).not.toBe(sync);
    acks.destroy();
    expect(provider.messageHandlers[MessageType.Sync]).toBe(sync);
    expect(provider.messageHandlers[MessageType.PersistedAck]).toBeUndefined();
    provider.destroy();
  });
});

function remoteDoc() {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'remote');
  return doc;
}
