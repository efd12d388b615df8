import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { Connection } from './connection.ts';
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
    expect(socket.send(new Uint8Array(5))).toBe(false); // 42 bytes still buffered
    socket.close(4401, 'expired');
    socket.terminate();
    expect(socket.bufferedAmount).toBe(42);
    expect(sent).toEqual([['send', 5], ['close', 4401, 'expired'], ['terminate']]);
  });
});

/** A ws server with one accepted socket wrapped as the core sees it, and a real client. */
async function connectedPair() {
  const { createServer } = await import('node:http');
  const { WebSocket: Client, WebSocketServer } = await import('./ws-module.ts');
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as { port: number };
  const accepted = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  const client = new Client(`ws://127.0.0.1:${port}`);
  const received: Buffer[] = [];
  client.on('message', (data: Buffer) => received.push(data));
  const server = new WsSyncSocket(await accepted);
  await new Promise((resolve) => (client.readyState === client.OPEN ? resolve(null) : client.once('open', resolve)));
  const close = async () => {
    client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
  return { client, received, server, close };
}

describe('WsSyncSocket.send', () => {
  it('delivers every frame whole and in order, alone or several together, small ones pre-framed and large ones through ws', async () => {
    const { received, server, close } = await connectedPair();
    try {
      const small = Uint8Array.from([0, 2, 1, 9]);
      const medium = new Uint8Array(300).map((_, i) => i & 0xff); // 16-bit length header
      const large = new Uint8Array(70_000).fill(5); // over the pre-framed limit: ws frames it
      const sent = [small, small, medium, large, Uint8Array.from([7])];
      for (const frame of sent) server.send(frame);
      // Several frames in one write, pre-framed together, and (over the limit in all) through ws.
      const together = [medium, small, Uint8Array.from([8])];
      const tooLargeTogether = [new Uint8Array(40_000).fill(6), new Uint8Array(40_000).fill(7)];
      server.sendAll(together);
      server.sendAll(tooLargeTogether);
      sent.push(...together, ...tooLargeTogether);
      expect(server.bufferedAmount).toBeGreaterThanOrEqual(0);
      await new Promise<void>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`got ${received.length} of ${sent.length}`)), 5_000);
        const check = setInterval(() => {
          if (received.length < sent.length) return;
          clearInterval(check);
          clearTimeout(deadline);
          resolve();
        }, 5);
      });
      expect(received.map((data) => new Uint8Array(data))).toEqual(sent);
    } finally {
      await close();
    }
  });

  it('LIMIT-3 on a real socket: a client that stops reading is dropped before the limit is buffered', async () => {
    const { client, server, close } = await connectedPair();
    try {
      // The client's kernel buffers fill first; then ws's socket buffers in user space.
      (client as unknown as { _socket: { pause(): void } })._socket.pause();
      const connection = new Connection(
        server,
        { docName: 'user:u1', token: null, wantsAcks: false, ip: '127.0.0.1' },
        { capacity: 1, perSecond: 1 },
        0,
      );
      const maxBufferedBytes = 256 * 1024;
      const frame = new Uint8Array(1000).fill(1);
      let sent = 0;
      while (sent < 20_000 && connection.send(frame, maxBufferedBytes)) sent += 1;
      expect(sent).toBeLessThan(20_000);
      expect(server.bufferedAmount).toBeGreaterThan(maxBufferedBytes - frame.byteLength);
      expect(server.bufferedAmount).toBeLessThanOrEqual(maxBufferedBytes);
    } finally {
      await close();
    }
  });
});
