/**
 * A bare protocol client for tests that need to see or send exact frames: it records every server
 * message and the close event, and (optionally) keeps a Y.Doc in sync like a provider would.
 */
import * as Y from 'yjs';
import {
  decodeServerMessage,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  type ServerMessage,
} from '../../../shared/src/protocol/messages.ts';
import { WebSocket, type WebSocketType } from '../../../sync-server/src/rooms/ws-module.ts';
import { waitFor } from './wait.ts';

export type CloseInfo = { code: number; reason: string };

export class RawClient {
  readonly messages: ServerMessage[] = [];
  readonly doc = new Y.Doc();
  closed: CloseInfo | null = null;
  private readonly closedPromise: Promise<CloseInfo>;

  private constructor(readonly ws: WebSocketType) {
    ws.binaryType = 'nodebuffer';
    this.closedPromise = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        resolve(this.closed);
      });
    });
    ws.on('error', () => {});
    ws.on('message', (data: Buffer) => {
      let message: ServerMessage;
      try {
        message = decodeServerMessage(new Uint8Array(data));
      } catch {
        return;
      }
      this.messages.push(message);
      if (message.type === 'sync-step1')
        this.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, message.stateVector)));
      if (message.type === 'sync-step2' || message.type === 'sync-update')
        Y.applyUpdate(this.doc, message.update, 'server');
    });
  }

  /** Opens a socket; resolves once open (or closed, for rejections). Sends sync step 1 like a provider. */
  static async connect(
    url: string,
    options: { hello?: boolean; headers?: Record<string, string> } = {},
  ): Promise<RawClient> {
    const ws = new WebSocket(url, options.headers ? { headers: options.headers } : {});
    const client = new RawClient(ws);
    await new Promise<void>((resolve) => {
      ws.once('open', () => resolve());
      ws.once('close', () => resolve());
      ws.once('error', () => resolve());
    });
    if (options.hello !== false && ws.readyState === ws.OPEN)
      client.send(encodeSyncStep1(Y.encodeStateVector(client.doc)));
    return client;
  }

  send(frame: Uint8Array | Buffer): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame);
  }

  /** Edits the local doc and sends the update, as a provider would. Returns the update. */
  edit(change: (doc: Y.Doc) => void): Uint8Array {
    let update: Uint8Array | null = null;
    const listener = (u: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, u]) : u;
    };
    this.doc.on('update', listener);
    this.doc.transact(() => change(this.doc));
    this.doc.off('update', listener);
    if (update) this.send(encodeSyncUpdate(update));
    return update ?? new Uint8Array([0, 0]);
  }

  waitForClose(timeout = 5_000): Promise<CloseInfo> {
    return waitFor(() => this.closed ?? false, { timeout, message: 'socket did not close' });
  }

  whenClosed(): Promise<CloseInfo> {
    return this.closedPromise;
  }

  lastAck(): number {
    let ack = 0;
    for (const m of this.messages) if (m.type === 'persisted-ack') ack = m.counter;
    return ack;
  }

  has(type: ServerMessage['type']): boolean {
    return this.messages.some((m) => m.type === type);
  }

  close(): void {
    this.ws.close();
  }
}
