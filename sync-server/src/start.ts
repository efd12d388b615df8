/**
 * What `npm start` runs: build the client when its build is missing or older than its sources, then
 * start the server and print its URL.
 */
import { ensureClientBuilt } from './client-build.ts';
import { loadConfigOrExit, runUntilSignalled } from './lifecycle.ts';
import { startServer } from './server.ts';

const config = loadConfigOrExit();
ensureClientBuilt(config.clientDir);
void runUntilSignalled(() => startServer(config), config);
