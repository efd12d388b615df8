/**
 * What `npm start` runs: build the client when its build is missing or older than its sources, then
 * start the server and print its URL.
 */
import { ensureClientBuilt } from './client-build.ts';
import { type Config, loadConfig } from './config.ts';
import { exitWithStartupError, runUntilSignalled } from './lifecycle.ts';
import { startServer } from './server.ts';

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  exitWithStartupError(error);
}
ensureClientBuilt(config.clientDir);
void runUntilSignalled(() => startServer(config));
