/**
 * A storm of 500 connects/disconnects — accepted, refused and failed loads mixed — after which the
 * server holds no documents, connections, awareness, pending writes, scheduled work or timers beyond
 * its baseline, and its heap is back near where it was (tests/sync/SPEC.md: LIFE-2). No timing
 * assertions: only "returns to baseline".
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeAwareness } from '../../shared/src/protocol/messages.ts';
import { encodeAwarenessUpdate } from '../../sync-server/src/rooms/awareness-relay.ts';
import { startTestServer, type TestServer } from './support/harness.ts';
import { random } from './support/prng.ts';
import { RawClient } from './support/raw-client.ts';
import { failingLoads } from './support/store-gates.ts';
import { waitFor } from './support/wait.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const CYCLES = 500;
const WAVE = 50;

const timers = () =>
  process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout' || kind === 'Immediate').length;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

describe('connection storm', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      wrapStore: failingLoads('draft:broken'),
      options: { unloadGraceMs: 50, compactIdleMs: 20 },
    });
    for (let d = 0; d < 10; d++) {
      await server.access.setDraftMember(`s${d}`, 'eve', 'editor');
      await server.access.setDraftMember(`broken${d}`, 'eve', 'editor');
    }
  });
  afterAll(async () => {
    await server.close();
  });

  const settled = () =>
    waitFor(
      () => {
        const stats = server.sync.stats();
        return (
          stats.connections === 0 &&
          stats.loadedDocs === 0 &&
          stats.awarenessStates === 0 &&
          stats.pendingWrites === 0 &&
          stats.unpersistedBytes === 0 &&
          stats.scheduledWork === 0 &&
          stats.rateLimiterKeys === 0 &&
          stats
        );
      },
      { timeout: 10_000, interval: 20, message: `server did not settle: ${JSON.stringify(server.sync.stats())}` },
    );

  async function cycle(rng: ReturnType<typeof random>, i: number): Promise<void> {
    const roll = rng.next();
    const doc = roll < 0.1 ? `draft:broken${i % 10}` : `draft:s${i % 10}`;
    const token = roll > 0.9 ? 'bad-token' : roll > 0.85 ? server.token('stranger') : server.token('eve');
    const client = await RawClient.connect(`${server.url}/${doc}?token=${token}&acks=1`);
    if (rng.chance(0.7)) {
      await Promise.race([waitFor(() => client.has('sync-step2'), { timeout: 2_000 }), client.whenClosed()]).catch(
        () => {},
      );
      if (!client.closed && rng.chance(0.5)) client.edit((d) => d.getArray('a').push([i]));
      if (!client.closed && rng.chance(0.5)) {
        client.send(encodeAwareness(encodeAwarenessUpdate([{ clientId: 10_000 + i, clock: 1, state: '{"x":1}' }])));
      }
    }
    if (rng.chance(0.2)) client.ws.terminate();
    else client.close();
    await client.whenClosed();
  }

  it('LIFE-2: 500 connects/disconnects leave no documents, timers or memory behind', async () => {
    const rng = random(99);
    // Warm up once so lazily created module state is in the baseline.
    for (let i = 0; i < WAVE; i++) await cycle(rng, i);
    await settled();
    const baselineTimers = timers();
    const baselineHeap = heapAfterGc();

    for (let start = 0; start < CYCLES; start += WAVE) {
      await Promise.all(Array.from({ length: WAVE }, (_, k) => cycle(rng, start + k)));
    }
    await settled();
    await waitFor(() => timers() <= baselineTimers, {
      timeout: 5_000,
      message: `timers ${timers()} > baseline ${baselineTimers}`,
    });
    const heapGrowth = heapAfterGc() - baselineHeap;
    // Roughly: the storm moved ~500 sockets and documents through; what stays must be far less.
    expect(heapGrowth).toBeLessThan(16 * 1024 * 1024);
    // And the documents are intact in storage.
    const stored = await server.storedDoc('draft:s0');
    expect(stored.getArray('a').length).toBeGreaterThan(0);
  });
});
