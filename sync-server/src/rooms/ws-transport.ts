/**
 * The WebSocket transport: takes `upgrade` requests for `${path}/<docName>?token=…[&acks=1]` on the
 * HTTP server, and hands each socket to the core. Everything else about sync lives in SyncCore.
 *
 * Rejections complete the upgrade and then close with a code and reason (tests/sync/SPEC.md, SYNC-1),
 * because a browser cannot read the HTTP status of a refused upgrade — only a close event.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ACKS_PARAM } from '../../../shared/src/protocol/messages.ts';
import type { AccessPolicy } from '../auth/access.ts';
import type { Authenticate } from '../auth/tokens.ts';
import type { Logger } from '../logger.ts';
import type { SyncMetrics } from '../metrics/sync-metrics.ts';
import type { DocStore } from '../storage/doc-store.ts';
import { clientAddress } from './client-address.ts';
import type { Connection, SyncSocket } from './connection.ts';
import type { SyncOptions } from './options.ts';
import { SyncCore, type SyncStats } from './sync-core.ts';
import { type RawData, type WebSocketType as WebSocket, WebSocketServer } from './ws-module.ts';

export type SyncDeps = {
  docStore: DocStore;
  access: AccessPolicy;
  authenticate: Authenticate;
  logger: Logger;
  options?: Partial<SyncOptions>;
  /** See SyncCoreDeps.onDocumentsStored. */
  onDocumentsStored?: (names: readonly string[]) => void;
};

export type SyncHandle = {
  /** Stop accepting, store pending updates, snapshot, close sockets with 1001. Call before server.close(). */
  close(): Promise<void>;
  /** For /readyz: false once closing. */
  isReady(): boolean;
  /** Prometheus text of the sync metrics, and its content type. */
  metricsText(): Promise<string>;
  metrics: SyncMetrics;
  stats(): SyncStats;
  core: SyncCore;
};

export type Live = { connection: Connection; alive: boolean };

export function attachSync(httpServer: Server, deps: SyncDeps): SyncHandle {
  const core = new SyncCore(deps);
  const { options } = core;
  const prefix = `${options.path}/`;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const sockets = new Map<WebSocket, Live>();
  const listen = socketListeners(core, sockets);

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(prefix)) {
      // Not ours. If nobody else listens for upgrades, answer instead of leaving the socket hanging.
      if (httpServer.listenerCount('upgrade') === 1) refuse(socket, 404, 'Not Found');
      return;
    }
    socket.on('error', () => {}); // a reset during the handshake must not crash the process
    if (core.isClosing) {
      refuse(socket, 503, 'Service Unavailable');
      return;
    }
    let docName: string;
    try {
      docName = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      docName = url.pathname.slice(prefix.length); // malformed escapes: the core rejects it (4400)
    }
    const token = url.searchParams.get('token');
    const wantsAcks = url.searchParams.get(ACKS_PARAM) === '1';
    const ip = clientAddress(request, options.trustProxy);
    wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = core.accept(new WsSyncSocket(ws), { docName, token, wantsAcks, ip });
      sockets.set(ws, { connection, alive: true });
      listen(ws);
    });
  };
  httpServer.on('upgrade', onUpgrade);

  // One interval for all sockets: a client that vanished without a close (network loss) is dropped.
  const pinger =
    options.pingIntervalMs > 0
      ? setInterval(() => {
          for (const [ws, live] of sockets) {
            if (!live.alive) {
              ws.terminate();
              continue;
            }
            live.alive = false;
            ws.ping();
          }
        }, options.pingIntervalMs)
      : null;
  pinger?.unref();

  let closing: Promise<void> | null = null;
  return {
    core,
    metrics: core.metrics,
    metricsText: () => core.metrics.text(),
    isReady: () => !core.isClosing,
    stats: () => core.stats(),
    close: () => {
      closing ??= (async () => {
        httpServer.off('upgrade', onUpgrade);
        if (pinger) clearInterval(pinger);
        await core.close();
        // Sockets got a 1001 close frame; give clients a moment to answer, then cut the rest.
        const deadline = Date.now() + options.closeTimeoutMs;
        while (sockets.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        for (const ws of sockets.keys()) ws.terminate();
        sockets.clear();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        deps.logger.info('sync: stopped');
      })();
      return closing;
    },
  };
}

/** The core's view of a ws socket: methods on one prototype, not four closures per connection. */
export class WsSyncSocket implements SyncSocket {
  constructor(private readonly ws: WebSocket) {}

  /**
   * A broadcast sends one frame to every reader of a document. ws would build the frame header and
   * write header and payload (cork, two writes, writev) for each of them; here the finished wire
   * frame is built once and written to each socket in one call — the largest share of the server's
   * time per edit is these writes. Written straight to ws's socket, which keeps the order of frames:
   * with perMessageDeflate off (attachSync), ws writes every frame synchronously too, so nothing of
   * its own can be queued ahead. Large frames go through ws, which does not copy the payload.
   */
  send(frame: Uint8Array): boolean {
    const socket = this.rawSocket(frame.byteLength);
    if (!socket) return this.sendThroughWs([frame]);
    return socket.write(wireFrames.of(frame));
  }

  /** The frames of a document's turn, framed once for all its readers and written in one call. */
  sendAll(frames: readonly Uint8Array[]): boolean {
    let bytes = 0;
    for (const frame of frames) bytes += frame.byteLength;
    const socket = this.rawSocket(bytes);
    if (!socket) return this.sendThroughWs(frames);
    return socket.write(wireFrames.ofAll(frames));
  }

  /** ws's socket, when `bytes` of payload may be written to it directly. */
  private rawSocket(bytes: number): Duplex | null {
    const socket = (this.ws as unknown as { _socket?: Duplex })._socket;
    if (bytes > WIRE_CACHE_MAX_BYTES || !socket || this.ws.readyState !== this.ws.OPEN) return null;
    return socket;
  }

  private sendThroughWs(frames: readonly Uint8Array[]): boolean {
    for (const frame of frames) this.ws.send(frame);
    return this.ws.bufferedAmount === 0;
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  terminate(): void {
    this.ws.terminate();
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }
}

/** Payloads up to this size (in all, for several frames) are framed once per broadcast. */
const WIRE_CACHE_MAX_BYTES = 0xffff;

/**
 * The wire bytes of what was sent last: a broadcast passes the same Uint8Array (or array of them) to
 * every recipient in a row, so one entry is enough, and it holds at most one small write.
 */
class WireFrames {
  private sent: Uint8Array | readonly Uint8Array[] | null = null;
  private wire: Buffer | null = null;

  of(payload: Uint8Array): Buffer {
    if (payload !== this.sent || !this.wire) {
      this.wire = binaryFrame(payload);
      this.sent = payload;
    }
    return this.wire;
  }

  ofAll(payloads: readonly Uint8Array[]): Buffer {
    if (payloads !== this.sent || !this.wire) {
      this.wire = binaryFrames(payloads);
      this.sent = payloads;
    }
    return this.wire;
  }
}
const wireFrames = new WireFrames();

const headerBytes = (length: number) => (length < 126 ? 2 : 4);

/** A final, unmasked binary frame as a server sends it (RFC 6455 §5.2), for payloads up to 65,535 bytes. */
export function binaryFrame(payload: Uint8Array): Buffer {
  const wire = Buffer.allocUnsafe(headerBytes(payload.byteLength) + payload.byteLength);
  writeBinaryFrame(wire, 0, payload);
  return wire;
}

/** Several such frames back to back: the client's WebSocket reads them as separate messages. */
export function binaryFrames(payloads: readonly Uint8Array[]): Buffer {
  let length = 0;
  for (const payload of payloads) length += headerBytes(payload.byteLength) + payload.byteLength;
  const wire = Buffer.allocUnsafe(length);
  let offset = 0;
  for (const payload of payloads) offset = writeBinaryFrame(wire, offset, payload);
  return wire;
}

/** Writes one frame at `offset`; returns where the next one starts. */
function writeBinaryFrame(wire: Buffer, offset: number, payload: Uint8Array): number {
  const length = payload.byteLength;
  wire[offset] = 0x82; // FIN + opcode 2 (binary)
  if (length < 126) wire[offset + 1] = length;
  else {
    wire[offset + 1] = 126;
    wire.writeUInt16BE(length, offset + 2);
  }
  const start = offset + headerBytes(length);
  wire.set(payload, start);
  return start + length;
}

/**
 * One set of listeners shared by every socket (ws calls them with `this` = the socket, which finds
 * its connection in `sockets`): a connection costs a map entry, not four closures and their context.
 * Created once per attachSync, so nothing of an upgrade request stays reachable from a socket.
 */
export function socketListeners(core: SyncCore, sockets: Map<WebSocket, Live>): (ws: WebSocket) => void {
  function onMessage(this: WebSocket, data: RawData, isBinary: boolean) {
    const live = sockets.get(this);
    if (live) core.receive(live.connection, toBytes(data), isBinary);
  }
  function onPong(this: WebSocket) {
    const live = sockets.get(this);
    if (live) live.alive = true;
  }
  function onError(this: WebSocket, error: Error & { code?: string }) {
    const live = sockets.get(this);
    if (!live) return;
    // ws reports protocol violations here and closes the socket itself (1009 for oversized frames).
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') core.frameTooBig(live.connection);
    else core.disconnected(live.connection);
  }
  function onClose(this: WebSocket) {
    const live = sockets.get(this);
    sockets.delete(this);
    if (live) core.disconnected(live.connection);
  }
  return (ws) => {
    ws.on('message', onMessage);
    ws.on('pong', onPong);
    ws.on('error', onError);
    ws.on('close', onClose);
  };
}

function refuse(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
