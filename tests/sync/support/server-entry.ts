/**
 * A sync server in its own process, for tests that kill it (SIGKILL) and start it again on the same
 * DATA_DIR. Prints one JSON line `{"port":N}` when listening; SIGTERM stops it gracefully.
 *
 *   DATA_DIR=… SESSION_SECRET=… MEMBERS=draft1:alice:owner,draft1:bob:editor \
 *     node --import tsx tests/sync/support/server-entry.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { DocumentAccessPolicy } from '../../../sync-server/src/auth/access.ts';
import { createTokenAuthenticator, loadTokenSecret } from '../../../sync-server/src/auth/tokens.ts';
import { syncOptionsFromEnv } from '../../../sync-server/src/rooms/options.ts';
import { attachSync } from '../../../sync-server/src/rooms/ws-transport.ts';
import type { DraftRole } from '../../../sync-server/src/storage/doc-store.ts';
import { openSqliteDocStore } from '../../../sync-server/src/storage/sqlite/sqlite-doc-store.ts';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
const store = openSqliteDocStore({ dataDir });
const access = new DocumentAccessPolicy(store);
for (const member of (process.env.MEMBERS ?? '').split(',').filter(Boolean)) {
  const [draftId, userId, role] = member.split(':') as [string, string, DraftRole];
  await access.setDraftMember(draftId, userId, role);
}
const http = createServer((_req, res) => {
  res.statusCode = 404;
  res.end();
});
const sync = attachSync(http, {
  docStore: store,
  access,
  authenticate: createTokenAuthenticator(loadTokenSecret({ env: process.env, dataDir })),
  logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
  options: {
    ...syncOptionsFromEnv(process.env),
    connectBurst: 100_000,
    connectsPerSecond: 100_000,
    messageBurst: 100_000,
    messagesPerSecond: 100_000,
  },
});
http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (http.address() as AddressInfo).port })}\n`);
});
process.on('SIGTERM', () => {
  void sync
    .close()
    .then(() => new Promise<void>((resolve) => http.close(() => resolve())))
    .then(() => store.close())
    .then(() => process.exit(0));
});
