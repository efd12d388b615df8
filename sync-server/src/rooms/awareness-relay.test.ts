import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { ProtocolError } from '../../../shared/src/protocol/messages.ts';
import { AwarenessRelay, decodeAwarenessUpdate, encodeAwarenessUpdate } from './awareness-relay.ts';

describe('awareness relay', () => {
  it('decodes what y-protocols encodes, and y-protocols applies what it encodes', () => {
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalStateField('user', { name: 'Ann' });
    const entries = decodeAwarenessUpdate(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    expect(entries).toEqual([{ clientId: doc.clientID, clock: 1, state: '{"user":{"name":"Ann"}}' }]);
    const other = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(other, encodeAwarenessUpdate(entries), 'server');
    expect(other.getStates().get(doc.clientID)).toEqual({ user: { name: 'Ann' } });
    awareness.destroy();
    other.destroy();
  });

  it('rejects malformed updates and states that are not JSON', () => {
    expect(() => decodeAwarenessUpdate(new Uint8Array([5, 1]))).toThrow(ProtocolError);
    expect(() => decodeAwarenessUpdate(encodeAwarenessUpdate([{ clientId: 1, clock: 1, state: '{x' }]))).toThrow(
      ProtocolError,
    );
  });

  it('SYNC-4: keeps the newest state per client and removes an owner’s clients on disconnect', () => {
    const relay = new AwarenessRelay<string>(4);
    expect(relay.apply('a', [{ clientId: 1, clock: 2, state: '{"n":2}' }])).toHaveLength(1);
    expect(relay.apply('a', [{ clientId: 1, clock: 1, state: '{"n":1}' }])).toEqual([]); // stale
    expect(relay.apply('b', [{ clientId: 2, clock: 1, state: '{}' }])).toHaveLength(1);
    expect(relay.entries()).toHaveLength(2);
    expect(relay.removeOwner('a')).toEqual([{ clientId: 1, clock: 2, state: 'null' }]);
    expect(relay.entries()).toEqual([{ clientId: 2, clock: 1, state: '{}' }]);
  });

  it('the newest announcer owns a client id (a reconnect before the old socket times out)', () => {
    const relay = new AwarenessRelay<string>(4);
    relay.apply('old-socket', [{ clientId: 9, clock: 1, state: '{}' }]);
    relay.apply('new-socket', [{ clientId: 9, clock: 2, state: '{}' }]);
    expect(relay.removeOwner('old-socket')).toEqual([]); // the cursor stays
    expect(relay.removeOwner('new-socket')).toEqual([{ clientId: 9, clock: 2, state: 'null' }]);
    expect(relay.size).toBe(0);
  });

  it('a client removing itself is relayed and forgotten', () => {
    const relay = new AwarenessRelay<string>(4);
    relay.apply('a', [{ clientId: 3, clock: 1, state: '{}' }]);
    expect(relay.apply('a', [{ clientId: 3, clock: 2, state: 'null' }])).toHaveLength(1);
    expect(relay.size).toBe(0);
    expect(relay.removeOwner('a')).toEqual([]);
  });

  it('limits how many client ids one connection may announce', () => {
    const relay = new AwarenessRelay<string>(2);
    relay.apply('a', [
      { clientId: 1, clock: 1, state: '{}' },
      { clientId: 2, clock: 1, state: '{}' },
    ]);
    expect(() => relay.apply('a', [{ clientId: 3, clock: 1, state: '{}' }])).toThrow(ProtocolError);
  });
});
