/**
 * The `ws` package's Node entry, loaded by file path. Under vitest, vite-plugin-solid adds the `browser`
 * export condition (for the client's tests) and vitest passes it on to Node, so both `import 'ws'` and
 * `require('ws')` resolve to ws's browser stub ("ws does not work in the browser"). Loading index.js by
 * path skips the exports map and gives the real server in tests and in production alike. Once server
 * tests run without the `browser` condition (a vitest project of their own), this can become
 * `import { WebSocketServer, WebSocket } from 'ws'`.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as ws from 'ws';

const require = createRequire(import.meta.url);
const loaded = require(join(dirname(require.resolve('ws/package.json')), 'index.js')) as typeof ws;

export const WebSocketServer = loaded.WebSocketServer;
export const WebSocket = loaded.WebSocket;
export type { RawData, WebSocket as WebSocketType } from 'ws';
