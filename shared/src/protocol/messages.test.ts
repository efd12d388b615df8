import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  decodeClientMessage,
  decodeServerMessage,
  encodeAwareness,
  encodePermissionDenied,
  encodePersistedAck,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
} from './messages.ts';

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

describe('messages', () => {
  it('decodes what y-protocols encodes (the stock provider uses these writers)', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hi');
    const step1 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep1(e, doc);
    });
    expect(decodeClientMessage(step1)).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });
    const step2 = frame((e) => {
      encoding.writeVarUint(e, 0);
      syncProtocol.writeSyncStep2(e, doc);
    });
    expect(decodeClientMessage(step2)).toEqual({ type: 'sync-step2', update: Y.encodeStateAsUpdate(doc) });
    const awareness = new awarenessProtocol.Awareness(doc);
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    expect(decodeClientMessage(encodeAwareness(update))).toEqual({ type: 'awareness', update });
    awareness.destroy();
  });

  it('round-trips every server message', () => {
    const u = new Uint8Array([1, 2, 3]);
    expect(decodeServerMessage(encodeSyncStep1(u))).toEqual({ type: 'sync-step1', stateVector: u });
    expect(decodeServerMessage(encodeSyncStep2(u))).toEqual({ type: 'sync-step2', update: u });
    expect(decodeServerMessage(encodeSyncUpdate(u))).toEqual({ type: 'sync-update', update: u });
    expect(decodeServerMessage(encodeQueryAwareness())).toEqual({ type: 'query-awareness' });
    expect(decodeServerMessage(encodePermissionDenied('read only'))).toEqual({
      type: 'permission-denied',
      reason: 'read only',
    });
    expect(decodeServerMessage(encodePersistedAck(2 ** 40))).toEqual({ type: 'persisted-ack', counter: 2 ** 40 });
  });

  it('encodes frames byte for byte as lib0 does, across varUint length boundaries', () => {
    for (const size of [0, 1, 127, 128, 129, 16_383, 16_384, 70_000]) {
      const payload = Uint8Array.from({ length: size }, (_, i) => (i * 31) & 0xff);
      const lib0 = (type: number, step?: number) =>
        frame((e) => {
          encoding.writeVarUint(e, type);
          if (step !== undefined) encoding.writeVarUint(e, step);
          encoding.writeVarUint8Array(e, payload);
        });
      expect(encodeSyncStep1(payload)).toEqual(lib0(0, 0));
      expect(encodeSyncStep2(payload)).toEqual(lib0(0, 1));
      expect(encodeSyncUpdate(payload)).toEqual(lib0(0, 2));
      expect(encodeAwareness(payload)).toEqual(lib0(1));
    }
  });

  it('returns unknown types instead of throwing', () => {
    expect(decodeClientMessage(new Uint8Array([77, 1, 2]))).toEqual({ type: 'unknown', messageType: 77 });
  });

  it.each([
    ['empty frame', []],
    ['truncated varint', [0x80]],
    ['sync without step', [0]],
    ['unknown sync step', [0, 9, 0]],
    ['huge declared length', [0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2]],
    ['length past the end', [1, 5, 1, 2]],
    ['auth without reason', [2, 0]],
  ])('throws ProtocolError on %s', (_name, bytes) => {
    expect(() => decodeClientMessage(new Uint8Array(bytes))).toThrow(ProtocolError);
  });
});
