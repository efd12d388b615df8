/**
 * Which Chromium the browser tests and benchmarks launch, and with which flags: CHROMIUM_PATH, else Debian's
 * /usr/bin/chromium where it exists (CI, these machines), else Playwright's own browser (a laptop).
 * The network flags keep Chromium from calling out at start, which this sandbox refuses.
 */
import { existsSync } from 'node:fs';

export const chromiumExecutablePath =
  process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
