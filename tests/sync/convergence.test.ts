/**
 * Convergence under failure (tests/sync/SPEC.md: CONV-1, CONV-2): stock providers make random edits,
 * drop and resume their connections, while the server process is killed with SIGKILL and restarted
 * at random points. At the end every client and a fresh load from storage are identical, and after
 * every kill, every edit acknowledged before it is in storage.
 *
 * Seeded: `SYNC_SEED=<n>` replays a schedule (timing still varies; the decisions do not).
 * `SOAK=1` runs longer with more clients and kills.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { PersistedAcks } from '../../client/src/sync/persisted-acks.ts';
import { mintToken } from '../../sync-server/src/auth/tokens.ts';
import { openSqliteDocStore } from '../../sync-server/src/storage/sqlite/sqlite-doc-store.ts';
import { type ChildServer, startChildServer } from './support/child-server.ts';
import { connectProvider, docFromStore } from './support/harness.ts';
import { random } from './support/prng.ts';
import { sleep, waitFor } from './support/wait.ts';

const SOAK = process.env.SOAK === '1';
const SEED = Number(process.env.SYNC_SEED ?? 20250601);
const CLIENTS = SOAK ? 8 : 5;
const STEPS = SOAK ? 4000 : 1000;
const KILLS = SOAK ? 20 : 5;
const DOC = 'draft:conv';

type Op = { kind: 'insert' | 'delete'; token: string };

type Client = {
  name: string;
  provider: WebsocketProvider;
  acks: PersistedAcks;
  /** Every local edit in order; edit i is stored once `ops.length - acks.pending > i`. */
  ops: Op[];
  live: string[];
  next: number;
};

const items = (doc: Y.Doc) => doc.getArray<string>('items');

describe('convergence with SIGKILLed server', () => {
  it(
    `CONV-1/CONV-2: ${CLIENTS} clients, ${STEPS} steps, ${KILLS} kills (seed ${SEED})`,
    async () => {
      const rng = random(SEED);
      const dataDir = mkdtempSync(join(tmpdir(), 'sdp-conv-'));
      const secret = randomBytes(32).toString('base64url');
      const names = Array.from({ length: CLIENTS }, (_, i) => `c${i}`);
      const env = {
        DATA_DIR: dataDir,
        SESSION_SECRET: secret,
        MEMBERS: names.map((n, i) => `conv:${n}:${i === 0 ? 'owner' : 'editor'}`).join(','),
        // Small thresholds so kills land during compactions too.
        SYNC_COMPACT_AFTER_UPDATES: '40',
        SYNC_COMPACT_IDLE_MS: '200',
        SYNC_UNLOAD_GRACE_MS: '300',
      };
      let server: ChildServer = await startChildServer(env);
      const clients: Client[] = names.map((name) => {
        const provider = connectProvider(
          { url: server.url, token: (user) => mintToken(Buffer.from(secret), user) },
          DOC,
          name,
          { acks: true },
        );
        return { name, provider, acks: new PersistedAcks(provider), ops: [], live: [], next: 0 };
      });
      const killAt = new Set(Array.from({ length: KILLS }, () => 20 + rng.int(STEPS - 40)));
      let kills = 0;
      let checkedOps = 0;

      /** Every acknowledged op must be in storage: inserts present (unless deleted later), deletes applied. */
      const checkAcknowledged = async () => {
        const store = openSqliteDocStore({ dataDir });
        const stored = new Set(items(await docFromStore(store, DOC)).toArray());
        await store.close();
        for (const client of clients) {
          const storedCount = client.ops.length - client.acks.pending;
          const deletedEver = new Set(client.ops.filter((op) => op.kind === 'delete').map((op) => op.token));
          client.ops.slice(0, storedCount).forEach((op) => {
            checkedOps += 1;
            if (op.kind === 'insert' && !deletedEver.has(op.token)) {
              expect(stored.has(op.token), `acked insert ${op.token} lost (seed ${SEED})`).toBe(true);
            }
            if (op.kind === 'delete') {
              expect(stored.has(op.token), `acked delete of ${op.token} undone (seed ${SEED})`).toBe(false);
            }
          });
        }
      };

      try {
        for (let step = 0; step < STEPS; step++) {
          if (killAt.has(step)) {
            await server.kill('SIGKILL');
            kills += 1;
            // The server is dead, so no ack can arrive that was not sent after its commit.
            await checkAcknowledged();
            if (rng.chance(0.5)) await sleep(rng.int(300)); // clients retry against a dead port meanwhile
            server = await startChildServer(env);
            for (const client of clients) client.provider.serverUrl = server.url;
            continue;
          }
          const client = rng.pick(clients);
          const roll = rng.next();
          if (roll < 0.62) {
            const list = items(client.provider.doc);
            if (client.live.length > 0 && rng.chance(0.3)) {
              const token = client.live.splice(rng.int(client.live.length), 1)[0]!;
              const index = list.toArray().indexOf(token);
              if (index >= 0) {
                list.delete(index, 1);
                client.ops.push({ kind: 'delete', token });
              }
            } else {
              const token = `${client.name}-${client.next++}`;
              list.insert(rng.int(list.length + 1), [token]);
              client.ops.push({ kind: 'insert', token });
              client.live.push(token);
            }
          } else if (roll < 0.72) {
            if (client.provider.shouldConnect) client.provider.disconnect();
            else client.provider.connect();
          } else {
            await sleep(rng.int(8));
          }
        }

        for (const client of clients) if (!client.provider.shouldConnect) client.provider.connect();
        await waitFor(
          () => {
            const first = JSON.stringify(items(clients[0]!.provider.doc).toArray());
            return clients.every(
              (c) => c.provider.synced && c.acks.synced && JSON.stringify(items(c.provider.doc).toArray()) === first,
            );
          },
          { timeout: 20_000, interval: 50, message: `clients did not converge (seed ${SEED})` },
        );
        // A clean stop, then storage alone must give the same document.
        await server.kill('SIGTERM');
        const store = openSqliteDocStore({ dataDir });
        const fromStorage = await docFromStore(store, DOC);
        await store.close();
        const expected = items(clients[0]!.provider.doc).toArray();
        expect(items(fromStorage).toArray()).toEqual(expected);
        expect(Y.encodeStateVector(fromStorage)).toEqual(Y.encodeStateVector(clients[0]!.provider.doc));
        await checkAcknowledged();
        expect(kills).toBe(killAt.size);
        expect(checkedOps).toBeGreaterThan(0);
        // Every client's own live tokens are exactly what the shared document holds for it.
        for (const client of clients) {
          expect(expected.filter((t) => t.startsWith(`${client.name}-`)).sort()).toEqual([...client.live].sort());
        }
      } finally {
        for (const client of clients) {
          client.acks.destroy();
          client.provider.destroy();
          client.provider.awareness.destroy();
        }
        await server.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    SOAK ? 600_000 : 60_000,
  );
});
