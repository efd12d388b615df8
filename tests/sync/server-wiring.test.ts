/**
 * The sync endpoint as `npm start` runs it: the real startServer, tokens signed with the configured
 * secret, metrics and readiness on the HTTP side.
 */
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode } from '../../shared/src/protocol/close-codes.ts';
import { mintToken } from '../../sync-server/src/auth/tokens.ts';
import { loadConfig } from '../../sync-server/src/config.ts';
import { type RunningServer, startServer } from '../../sync-server/src/server.ts';
import { tempDir } from '../../sync-server/src/testing/fixtures.ts';
import { connectProvider, destroyProviders } from './support/harness.ts';
import { RawClient } from './support/raw-client.ts';
import { waitFor } from './support/wait.ts';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
let running: RunningServer | null = null;
let cleanup: (() => void) | null = null;

const token = (user: string) => mintToken(Buffer.from(SECRET), user);
const wsUrlOf = (server: RunningServer) => `${server.url.replace('http', 'ws')}/sync`;

async function startOn(dataDir: string): Promise<RunningServer> {
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, SEED: '0', SESSION_SECRET: SECRET, LOG_LEVEL: 'silent' });
  running = await startServer(config, { logger: pino({ level: 'silent' }) });
  return running;
}

async function start(): Promise<{ server: RunningServer; wsUrl: string; dataDir: string }> {
  const { dir, remove } = tempDir();
  cleanup = remove;
  const server = await startOn(dir);
  return { server, wsUrl: wsUrlOf(server), dataDir: dir };
}

afterEach(async () => {
  await running?.close();
  running = null;
  cleanup?.();
  cleanup = null;
});

describe('the sync endpoint in the real server', () => {
  it('SYNC-WIRE-1: two devices of one user sync their private doc through /sync, and it is stored', async () => {
    const { server, wsUrl, dataDir } = await start();
    const target = { url: wsUrl, token };
    const a = connectProvider(target, 'user:alice', 'alice');
    const b = connectProvider(target, 'user:alice', 'alice');
    try {
      a.doc.getText('t').insert(0, 'read later: raft');
      await waitFor(() => b.doc.getText('t').toString() === 'read later: raft');
    } finally {
      destroyProviders(a, b);
    }
    await server.close();
    running = null;
    // Everything acknowledged is on disk: a restarted server on the same data serves it.
    const restarted = await startOn(dataDir);
    const c = connectProvider({ url: wsUrlOf(restarted), token }, 'user:alice', 'alice', { doc: new Y.Doc() });
    try {
      await waitFor(() => c.doc.getText('t').toString() === 'read later: raft');
    } finally {
      destroyProviders(c);
    }
  });

  it("SYNC-WIRE-2: another user's private doc and a forged token are refused with their close codes", async () => {
    const { wsUrl } = await start();
    const intruder = await RawClient.connect(`${wsUrl}/user:alice?token=${encodeURIComponent(token('mallory'))}`);
    expect((await intruder.waitForClose()).code).toBe(CloseCode.Forbidden);
    const forged = mintToken(Buffer.from('another-secret-of-sufficient-length-000000'), 'alice');
    const impostor = await RawClient.connect(`${wsUrl}/user:alice?token=${encodeURIComponent(forged)}`);
    expect((await impostor.waitForClose()).code).toBe(CloseCode.Unauthenticated);
  });

  it('SYNC-WIRE-3: /readyz and /metrics describe the sync endpoint', async () => {
    const { server } = await start();
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await metrics.text();
    for (const name of ['connections_open', 'docs_loaded', 'updates_total', 'persist_duration_seconds']) {
      expect(text).toContain(name);
    }
  });
});
