import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutablePath } from './tests/support/chromium.ts';

const port = Number(process.env.E2E_PORT ?? 8097);
// Playwright loads this file in every worker: create the data folder once and hand it down.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'sdp-e2e-'));

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumExecutablePath, args: chromiumArgs },
  },
  webServer: {
    command: 'node --import tsx sync-server/src/server.ts',
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: process.env.E2E_DATA_DIR,
      LOG_LEVEL: 'warn',
      // Every spec signs up its own users from 127.0.0.1, more than one address may at once by default.
      SIGNUP_BURST: '500',
      SIGNIN_BURST: '500',
    },
  },
});
