import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Connection } from './connection.ts';
import type { SyncCore } from './sync-core.ts';
import type { WebSocketType as WebSocket } from './ws-module.ts';
import { type Live, socketListeners, WsSyncSocket } from './ws-transport.ts';

/** Records what the shared listeners hand to the core, per connection. */
function recordingCore() {
  const calls: Array<[string, number, number?]> = [];
  const core = {
    receive: (connection: Connection, data: Uint8Array) => calls.push(['receive', connection.id, data.byteLength]),
    disconnected: (connection: Connection) => calls.push(['disconnected', connection.id]),
    frameTooBig: (connection: Connection) => calls.push(['frameTooBig', connection.id]),
  };
  return { calls, core: core as unknown as SyncCore };
}

const fakeConnection = (id: number) => ({ id }) as unknown as Connection;
const fakeSocket = () => new EventEmitter() as unknown as WebSocket;

describe('socketListeners', () => {
  it('routes each socket’s events to its own connection through one shared set of listeners', () => {
    const { calls, core } = recordingCore();
    const sockets = new Map<WebSocket, Live>();
    const listen = socketListeners(core, sockets);
    const [a, b] = [fakeSocket(), fakeSocket()];
    sockets.set(a, { connection: fakeConnection(1), alive: false });
    sockets.set(b, { connection: fakeConnection(2), alive: false });
    listen(a);
    listen(b);
    expect(a.listeners('message')).toEqual(b.listeners('message')); // shared, not per socket

    b.emit('message', Buffer.from([1, 2, 3]), true);
    a.emit('message', [Buffer.from([1]), Buffer.from([2])], true);
    b.emit('pong');
    expect(sockets.get(b)?.alive).toBe(true);
    expect(sockets.get(a)?.alive).toBe(false);
    a.emit('error', Object.assign(new Error('too big'), { code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' }));
    b.emit('close');
    expect(sockets.has(b)).toBe(false);
    expect(sockets.has(a)).toBe(true);
    b.emit('message', Buffer.from([9]), true); // after close: nobody to hand it to
    expect(calls).toEqual([
      ['receive', 2, 3],
      ['receive', 1, 2],
      ['frameTooBig', 1],
      ['disconnected', 2],
    ]);
  });

  it('WsSyncSocket forwards to the ws socket', () => {
    const sent: unknown[] = [];
    const ws = {
      bufferedAmount: 42,
      send: (frame: Uint8Array) => sent.push(['send', frame.byteLength]),
      close: (code: number, reason: string) => sent.push(['close', code, reason]),
      terminate: () => sent.push(['terminate']),
    } as unknown as WebSocket;
    const socket = new WsSyncSocket(ws);
    socket.send(new Uint8Array(5));
    socket.close(4401, 'expired');
    socket.terminate();
    expect(socket.bufferedAmount).toBe(42);
    expect(sent).toEqual([['send', 5], ['close', 4401, 'expired'], ['terminate']]);
  });
});
