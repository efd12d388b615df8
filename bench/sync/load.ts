/**
 * The load generator's clients: stock providers (y-websocket's WebsocketProvider, Hocuspocus's own
 * provider for Hocuspocus), light readers that only look for edit markers in incoming frames, and
 * raw writers that send prepared updates. Edits carry a marker `~<seq>~` in their inserted text, so
 * any receiver can tell which edit arrived from the bytes of the update alone.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { providerParams, type Target } from './servers.ts';

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;
const HP_AUTH = 2;
const HP_AUTH_TOKEN = 0;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` is true or the time is up; returns whether it became true. */
export async function until(check: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

function build(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export const syncFrame = (step: number, data: Uint8Array) =>
  build((e) => {
    encoding.writeVarUint(e, SYNC);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, data);
  });

/** Wraps a y-websocket message for the target (Hocuspocus wants the document name first). */
export function frameFor(target: Target, doc: number, message: Uint8Array): Uint8Array {
  if (target.framing === 'y-websocket') return message;
  return build((e) => {
    encoding.writeVarString(e, target.docName(doc));
    encoding.writeUint8Array(e, message);
  });
}

/** The y-websocket message inside a frame from the target. */
export function unframe(target: Target, frame: Uint8Array): Uint8Array {
  if (target.framing === 'y-websocket') return frame;
  const d = decoding.createDecoder(frame);
  decoding.readVarString(d);
  return frame.subarray(d.pos);
}

const MARKER = /~(\d+)~/g;
/** The edit sequence numbers whose markers occur in these bytes. */
export function markers(bytes: Uint8Array): number[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return Array.from(text.matchAll(MARKER), (m) => Number(m[1]));
}

/** Records, per edit, when it was sent and how long each receiver took to see it. */
export class Latencies {
  readonly sentAt = new Map<number, number>();
  readonly samples: number[] = [];
  private readonly seen = new Set<string>();

  sent(seq: number): void {
    this.sentAt.set(seq, performance.now());
  }

  received(receiver: number, seqs: number[]): void {
    const now = performance.now();
    for (const seq of seqs) {
      const at = this.sentAt.get(seq);
      const key = `${receiver}:${seq}`;
      if (at === undefined || this.seen.has(key)) continue;
      this.seen.add(key);
      this.samples.push(now - at);
    }
  }
}

export type Socket = WebSocket;

/** Opens a socket (resolves on open, rejects on close/error/timeout); sends the hello a provider would. */
export async function connect(target: Target, doc: number, onMessage?: (m: Uint8Array) => void): Promise<Socket> {
  const ws = new WebSocket(target.wsUrl(doc), { maxPayload: 256 * 1024 * 1024 });
  ws.binaryType = 'nodebuffer';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`connect timeout to ${target.name}`)), 15_000);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  ws.on('error', () => {});
  if (onMessage) {
    ws.on('message', (data: Buffer) => {
      let message: Uint8Array;
      try {
        message = unframe(target, new Uint8Array(data));
      } catch {
        return;
      }
      onMessage(message);
    });
  }
  if (target.framing === 'hocuspocus') {
    ws.send(
      frameFor(
        target,
        doc,
        build((e) => {
          encoding.writeVarUint(e, HP_AUTH);
          encoding.writeVarUint(e, HP_AUTH_TOKEN);
          encoding.writeVarString(e, 'bench');
        }),
      ),
    );
  }
  ws.send(frameFor(target, doc, syncFrame(STEP1, Y.encodeStateVector(new Y.Doc()))));
  return ws;
}

/** A light reader: decodes only the message type and scans sync step 2 / update payloads for markers. */
export function lightReader(target: Target, doc: number, id: number, latencies: Latencies): Promise<Socket> {
  return connect(target, doc, (m) => {
    if (m[0] === SYNC && (m[1] === STEP2 || m[1] === UPDATE)) latencies.received(id, markers(m));
  });
}

/** A raw client that keeps a Y.Doc in sync with the server (answers step 1, applies step 2 and updates). */
export class DocPeer {
  readonly doc = new Y.Doc();
  synced = false;
  private constructor(
    readonly target: Target,
    readonly index: number,
    public ws: Socket,
  ) {}

  static async open(target: Target, index: number): Promise<DocPeer> {
    let peer: DocPeer | undefined;
    const pending: Uint8Array[] = [];
    const ws = await connect(target, index, (m) => (peer ? peer.onMessage(m) : pending.push(m)));
    peer = new DocPeer(target, index, ws);
    for (const m of pending) peer.onMessage(m);
    return peer;
  }

  private onMessage(m: Uint8Array): void {
    if (m[0] !== SYNC) return;
    try {
      this.apply(m);
    } catch {
      // The relay forwards the robustness test's bad frames as they are; a real client would drop them too.
    }
  }

  private apply(m: Uint8Array): void {
    const d = decoding.createDecoder(m);
    decoding.readVarUint(d);
    const step = decoding.readVarUint(d);
    const data = decoding.readVarUint8Array(d);
    if (step === STEP1) this.send(syncFrame(STEP2, Y.encodeStateAsUpdate(this.doc, data)));
    else {
      Y.applyUpdate(this.doc, data, 'server');
      if (step === STEP2) this.synced = true;
    }
  }

  send(message: Uint8Array): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frameFor(this.target, this.index, message));
  }

  sendUpdate(update: Uint8Array): void {
    this.send(syncFrame(UPDATE, update));
  }

  close(): void {
    this.ws.terminate();
  }
}

/** `count` updates of one writer, each inserting `~seq~` at the end, seq = first + i × stride. */
export function markedUpdates(count: number, first: number, stride: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) text.insert(text.length, `~${first + i * stride}~`);
  doc.destroy();
  return updates;
}

/** A stock provider on document i, as an app would open it. */
export type StockClient = { doc: Y.Doc; connected(): boolean; destroy(): void };

export function stockClient(target: Target, i: number): StockClient {
  const doc = new Y.Doc();
  if (target.framing === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({
      url: target.providerUrl,
      WebSocketPolyfill: WebSocket,
    });
    const provider = new HocuspocusProvider({ websocketProvider, name: target.docName(i), document: doc, token: 'b' });
    provider.attach();
    return {
      doc,
      connected: () => provider.synced,
      destroy: () => {
        provider.destroy();
        websocketProvider.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(target.providerUrl, target.docName(i), doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: providerParams(i),
    disableBc: true,
  });
  // The relay answers nothing, so "synced" there only means a peer answered; connected is enough.
  return {
    doc,
    connected: () => (target.stores ? provider.synced : provider.wsconnected),
    destroy: () => provider.destroy(),
  };
}

/**
 * Sends `rate` edits/s for `seconds`, in 10 ms ticks; `send(seq)` does one edit. Bounded: it stops at
 * the deadline even if it fell behind. Returns how many edits were sent.
 */
export async function paced(rate: number, seconds: number, send: (seq: number) => void): Promise<number> {
  const start = performance.now();
  const end = start + seconds * 1000;
  let seq = 0;
  while (performance.now() < end) {
    const due = Math.min(Math.floor(((performance.now() - start) / 1000) * rate), Math.floor(rate * seconds));
    while (seq < due) send(seq++);
    await sleep(10);
  }
  return seq;
}
