/**
 * Process plumbing shared by server.ts and start.ts: detecting "run directly", reporting start-up
 * failures without a stack trace when they are the operator's to fix, and stopping cleanly on signals.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { keepHelperThreadsLow } from './helper-threads.ts';
import { SeedError } from './seed/read-seed.ts';

export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(resolve(entry)).href === moduleUrl;
}

/** Prints why start-up failed and exits 1. Known, fixable problems get their message only. */
export function exitWithStartupError(error: unknown): never {
  if (error instanceof ConfigError || error instanceof SeedError) {
    console.error(error.message);
  } else if ((error as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`${(error as Error).message}. Another process uses that port: stop it or set PORT to a free one.`);
  } else {
    console.error('The server could not start:', error);
  }
  process.exit(1);
}

/** The configuration from the environment, or a message naming what is wrong and exit 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    exitWithStartupError(error);
  }
}

type Closable = { url: string; close(): Promise<void> };

/**
 * Starts, prints the URL, and on SIGTERM/SIGINT stops accepting, closes the store and exits 0. As the
 * process's owner, it also runs the helper threads below the event loop (helper-threads.ts).
 */
export async function runUntilSignalled(
  start: () => Promise<Closable>,
  { helperThreadNice }: Pick<Config, 'helperThreadNice'>,
): Promise<void> {
  let running: Closable;
  try {
    running = await start();
  } catch (error) {
    exitWithStartupError(error);
  }
  keepHelperThreadsLow(helperThreadNice);
  console.log(`SysDesPro is running at ${running.url}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C means "now".
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal} received, shutting down…`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown did not complete cleanly:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
