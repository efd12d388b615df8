/**
 * Hocuspocus v4 with its SQLite extension on DATA_DIR/hocuspocus.sqlite, for the sync benchmark.
 * Defaults otherwise (debounce 2 s, maxDebounce 10 s); SIGTERM stores pending documents and exits.
 */
import { join } from 'node:path';
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const dataDir = process.env.DATA_DIR;
if (!dataDir) throw new Error('DATA_DIR is required');
const server = new Server({
  address: '127.0.0.1',
  port: Number(process.env.PORT ?? 0),
  quiet: true,
  extensions: [new SQLite({ database: join(dataDir, 'hocuspocus.sqlite') })],
});
await server.listen();
