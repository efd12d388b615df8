/**
 * The y-websocket wire protocol, plus one extension. Every frame is binary: `varUint type` then a body.
 *
 * | Type | Name           | Body                                                  | Direction          |
 * | ---- | -------------- | ----------------------------------------------------- | ------------------ |
 * | 0    | sync           | varUint step (0 step1: varUint8Array stateVector,     | both               |
 * |      |                |   1 step2 / 2 update: varUint8Array Yjs update v1)    |                    |
 * | 1    | awareness      | varUint8Array awareness update                        | both               |
 * | 2    | auth           | varUint 0 (permission denied), varString reason       | server → client    |
 * | 3    | queryAwareness | (none)                                                | both               |
 * | 100  | persistedAck   | varUint counter                                       | server → client    |
 *
 * persistedAck is ours: the server counts the update-carrying sync messages (step2 and update) it
 * receives on a connection, 1, 2, 3…, and acknowledges counter N once messages 1..N are all in storage
 * (or carried nothing new). It is sent only to connections opened with `?acks=1`, because the stock
 * provider logs an error for types it does not know.
 *
 * Decoding is pure and throws only `ProtocolError`, so a malformed frame maps to one close code.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
  PersistedAck: 100,
} as const;

export const SyncStep = { Step1: 0, Step2: 1, Update: 2 } as const;

export const AuthMessage = { PermissionDenied: 0 } as const;

/** The URL parameter that asks the server for persistedAck messages: `?acks=1`. */
export const ACKS_PARAM = 'acks';

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }
  | { type: 'auth'; reason: string }
  | { type: 'unknown'; messageType: number };

export type ServerMessage =
  | ClientMessage
  | { type: 'persisted-ack'; counter: number }
  | { type: 'permission-denied'; reason: string };

export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

function read<T>(what: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError(`truncated or malformed ${what}`);
  }
}

/**
 * Decodes a frame sent by a client. The returned byte arrays are views into `frame`; copy what you keep.
 * An unknown type is returned, not thrown, so the caller decides (the server ignores it, as the
 * reference server does).
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame);
  const type = read('message type', () => decoding.readVarUint(decoder));
  switch (type) {
    case MessageType.Sync: {
      const step = read('sync step', () => decoding.readVarUint(decoder));
      const payload = read('sync payload', () => decoding.readVarUint8Array(decoder));
      if (step === SyncStep.Step1) return { type: 'sync-step1', stateVector: payload };
      if (step === SyncStep.Step2) return { type: 'sync-step2', update: payload };
      if (step === SyncStep.Update) return { type: 'sync-update', update: payload };
      throw new ProtocolError(`unknown sync step ${step}`);
    }
    case MessageType.Awareness:
      return { type: 'awareness', update: read('awareness update', () => decoding.readVarUint8Array(decoder)) };
    case MessageType.QueryAwareness:
      return { type: 'query-awareness' };
    case MessageType.Auth: {
      const sub = read('auth message', () => decoding.readVarUint(decoder));
      const reason = read('auth message', () => decoding.readVarString(decoder));
      if (sub !== AuthMessage.PermissionDenied) throw new ProtocolError(`unknown auth message ${sub}`);
      return { type: 'auth', reason };
    }
    default:
      return { type: 'unknown', messageType: type };
  }
}

/** Decodes a frame the server sends (used by tests and by light clients). */
export function decodeServerMessage(frame: Uint8Array): ServerMessage {
  const decoder = decoding.createDecoder(frame);
  const type = read('message type', () => decoding.readVarUint(decoder));
  if (type === MessageType.PersistedAck) {
    return { type: 'persisted-ack', counter: read('ack counter', () => decoding.readVarUint(decoder)) };
  }
  const message = decodeClientMessage(frame);
  return message.type === 'auth' ? { type: 'permission-denied', reason: message.reason } : message;
}

const build = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/**
 * `prefix` (type bytes, each below 128 so one varUint byte each), then `payload` as a varUint8Array,
 * in ONE allocation of the exact size. The server encodes a frame per broadcast and per sync reply;
 * lib0's growing encoder would allocate three or four buffers for each, and on a busy server those
 * short-lived buffers are what the allocator's heap grows with.
 */
function payloadFrame(prefix: readonly number[], payload: Uint8Array): Uint8Array {
  let lengthBytes = 1;
  for (let n = payload.byteLength; n > 0x7f; n = Math.floor(n / 0x80)) lengthBytes += 1;
  const frame = new Uint8Array(prefix.length + lengthBytes + payload.byteLength);
  frame.set(prefix);
  let at = prefix.length;
  let n = payload.byteLength;
  while (n > 0x7f) {
    frame[at++] = 0x80 | (n & 0x7f);
    n = Math.floor(n / 0x80);
  }
  frame[at++] = n;
  frame.set(payload, at);
  return frame;
}

const SYNC_STEP1_PREFIX = [MessageType.Sync, SyncStep.Step1];
const SYNC_STEP2_PREFIX = [MessageType.Sync, SyncStep.Step2];
const SYNC_UPDATE_PREFIX = [MessageType.Sync, SyncStep.Update];
const AWARENESS_PREFIX = [MessageType.Awareness];

export const encodeSyncStep1 = (stateVector: Uint8Array) => payloadFrame(SYNC_STEP1_PREFIX, stateVector);

export const encodeSyncStep2 = (update: Uint8Array) => payloadFrame(SYNC_STEP2_PREFIX, update);

export const encodeSyncUpdate = (update: Uint8Array) => payloadFrame(SYNC_UPDATE_PREFIX, update);

export const encodeAwareness = (update: Uint8Array) => payloadFrame(AWARENESS_PREFIX, update);

export const encodeQueryAwareness = () => build((e) => encoding.writeVarUint(e, MessageType.QueryAwareness));

/** y-protocols' auth message: the stock provider logs the reason with `console.warn`. */
export const encodePermissionDenied = (reason: string) =>
  build((e) => {
    encoding.writeVarUint(e, MessageType.Auth);
    encoding.writeVarUint(e, AuthMessage.PermissionDenied);
    encoding.writeVarString(e, reason);
  });

export const encodePersistedAck = (counter: number) =>
  build((e) => {
    encoding.writeVarUint(e, MessageType.PersistedAck);
    encoding.writeVarUint(e, counter);
  });
