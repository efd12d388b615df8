/**
 * Bad input (tests/sync/SPEC.md: FUZZ-1, FUZZ-2, LIMIT-1): random and mutated frames from an
 * authenticated editor — random bytes, truncated varints, unknown message types, garbage and mutated
 * updates, huge declared lengths, bad awareness, oversized frames. The server never crashes, closes
 * only the sender (4409, 1009), never answers with an internal error, and two stock providers on the
 * same document keep syncing. Seeded (`SYNC_SEED`) and bounded.
 */
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/close-codes.ts';
import {
  encodeAwareness,
  encodeQueryAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from '../../shared/src/protocol/messages.ts';
import { connectProvider, destroyProviders, startTestServer, type TestServer } from './support/harness.ts';
import { type Random, random } from './support/prng.ts';
import { RawClient } from './support/raw-client.ts';
import { waitFor } from './support/wait.ts';

const SEED = Number(process.env.SYNC_SEED ?? 7);
const FRAMES = 600;
const MAX_MESSAGE = 256 * 1024;

function realUpdates(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 30; i++) {
    doc.getText('t').insert(Math.floor(doc.getText('t').length / 2), `fuzz${i}`);
    if (i % 4 === 0) doc.getText('t').delete(0, 2);
    doc.getMap('m').set(`k${i % 3}`, i);
  }
  updates.push(Y.encodeStateAsUpdate(doc));
  return updates;
}

function mutate(rng: Random, bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  if (out.length === 0) return out;
  switch (rng.int(3)) {
    case 0:
      for (let i = 0; i <= rng.int(4); i++) out[rng.int(out.length)] = rng.int(256);
      return out;
    case 1:
      return out.slice(0, rng.int(out.length));
    default:
      out[rng.int(out.length)]! ^= 1 << rng.int(8);
      return out;
  }
}

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** One bad (or occasionally valid) frame; the label says which generator made it. */
function badFrame(rng: Random, updates: Uint8Array[]): [string, Uint8Array] {
  switch (rng.int(11)) {
    case 0:
      return ['random bytes', rng.bytes(rng.int(64))];
    case 1:
      return ['truncated varint', Uint8Array.from({ length: 1 + rng.int(6) }, () => 0x80 | rng.int(128))];
    case 2:
      return [
        'unknown type',
        frame((e) => {
          encoding.writeVarUint(e, 4 + rng.int(5000));
          encoding.writeUint8Array(e, rng.bytes(rng.int(16)));
        }),
      ];
    case 3:
      return ['garbage update', encodeSyncUpdate(rng.bytes(1 + rng.int(48)))];
    case 4:
      return ['mutated update', encodeSyncUpdate(mutate(rng, rng.pick(updates)))];
    case 5:
      return ['mutated step 2', encodeSyncStep2(mutate(rng, rng.pick(updates)))];
    case 6:
      return ['mutated frame', mutate(rng, encodeSyncUpdate(rng.pick(updates)))];
    case 7:
      return ['huge declared length', Uint8Array.from([0, rng.int(3), 0xff, 0xff, 0xff, 0xff, 0x0f, ...rng.bytes(4)])];
    case 8:
      return ['bad state vector', encodeSyncStep1(rng.bytes(rng.int(12)))];
    case 9:
      return [
        'bad awareness',
        rng.chance(0.5)
          ? encodeAwareness(rng.bytes(rng.int(24)))
          : encodeAwareness(
              frame((e) => {
                encoding.writeVarUint(e, 1);
                encoding.writeVarUint(e, rng.int(1e6));
                encoding.writeVarUint(e, rng.int(10));
                encoding.writeVarString(e, '{not json');
              }),
            ),
      ];
    default:
      return ['query awareness', encodeQueryAwareness()];
  }
}

describe('bad input fuzz', () => {
  let server: TestServer;
  let a: WebsocketProvider;
  let b: WebsocketProvider;

  beforeAll(async () => {
    server = await startTestServer({ options: { maxMessageBytes: MAX_MESSAGE, maxBufferedBytes: 4 * MAX_MESSAGE } });
    for (const [user, role] of [
      ['alice', 'owner'],
      ['bob', 'editor'],
      ['mallory', 'editor'],
    ] as const) {
      await server.access.setDraftMember('f', user, role);
    }
    a = connectProvider(server, 'draft:f', 'alice');
    b = connectProvider(server, 'draft:f', 'bob');
    await waitFor(() => a.synced && b.synced);
  });
  afterAll(async () => {
    destroyProviders(a, b);
    await server.close();
  });

  it(`FUZZ-1: ${FRAMES} seeded bad frames close only their sender; others keep syncing (seed ${SEED})`, async () => {
    const rng = random(SEED);
    const updates = realUpdates();
    const closes = new Map<number, number>();
    let fuzzer = await RawClient.connect(`${server.url}/draft:f?token=${server.token('mallory')}`);
    const sent = new Map<string, number>();
    for (let i = 0; i < FRAMES; i++) {
      if (fuzzer.closed || fuzzer.ws.readyState !== fuzzer.ws.OPEN) {
        const closed = await fuzzer.whenClosed();
        closes.set(closed.code, (closes.get(closed.code) ?? 0) + 1);
        fuzzer = await RawClient.connect(`${server.url}/draft:f?token=${server.token('mallory')}`);
      }
      const [kind, bytes] = badFrame(rng, updates);
      sent.set(kind, (sent.get(kind) ?? 0) + 1);
      // Each bad frame is followed by a query the server answers, so we know it was handled (or the
      // socket closed) before the next one goes out.
      const replies = fuzzer.messages.length;
      const probe = fuzzer;
      probe.send(bytes);
      probe.send(encodeQueryAwareness());
      await waitFor(() => probe.closed || probe.messages.length > replies, {
        message: `no reply after ${kind}`,
        interval: 1,
      });
      if (i % 100 === 99) {
        // The honest clients still sync, both ways, mid-fuzz.
        a.doc.getText('honest').insert(0, `a${i};`);
        b.doc.getText('honest').insert(0, `b${i};`);
        await waitFor(() => a.doc.getText('honest').toString() === b.doc.getText('honest').toString());
      }
    }
    fuzzer.close();
    expect([...sent.values()].reduce((x, y) => x + y, 0)).toBe(FRAMES);
    expect(sent.size).toBe(11);
    expect(closes.get(CloseCode.ProtocolError) ?? 0).toBeGreaterThan(10);
    expect(closes.has(CloseCode.InternalError)).toBe(false); // no server bug path was hit
    expect(a.ws).not.toBeNull();
    expect(b.ws).not.toBeNull();

    // What was stored still loads, and equals what the honest clients hold.
    await waitFor(() => server.sync.stats().pendingWrites === 0);
    const stored = await server.storedDoc('draft:f');
    expect(stored.getText('honest').toString()).toBe(a.doc.getText('honest').toString());
    expect(stored.getText('t').toString()).toBe(a.doc.getText('t').toString());
  });

  it('LIMIT-1: an oversized frame closes its sender with 1009; a large valid update is fine', async () => {
    const big = await RawClient.connect(`${server.url}/draft:f?token=${server.token('mallory')}`);
    big.send(new Uint8Array(MAX_MESSAGE + 1));
    expect((await big.waitForClose()).code).toBe(CloseCode.MessageTooBig);

    const writer = new Y.Doc();
    const large = await RawClient.connect(`${server.url}/draft:f?token=${server.token('mallory')}&acks=1`);
    await waitFor(() => large.has('sync-step2'));
    large.edit((doc) => doc.getText('large').insert(0, 'x'.repeat(MAX_MESSAGE / 2)));
    await waitFor(() => a.doc.getText('large').length === MAX_MESSAGE / 2, { timeout: 10_000 });
    await waitFor(() => large.lastAck() >= 2);
    large.close();
    writer.destroy();
  });
});
