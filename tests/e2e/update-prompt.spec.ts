import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startServerProcess } from '../support/server-process.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';

/**
 * `npm run test:e2e` builds the client twice: dist/client and dist/client-next (a later build with a new
 * build id). A reader with the first version open is offered the second once the server serves it.
 */
const NEXT = 'dist/client-next';
const PORT = 8098;

const precacheOf = (dir: string) => readFileSync(`${dir}/sw.js`, 'utf8');

test('"A new version is available — Reload" appears after a new build and reloads into it', async ({ page }) => {
  expect(existsSync(`${NEXT}/index.html`), `${NEXT} is built by npm run test:e2e`).toBe(true);
  expect(precacheOf(NEXT), 'the two builds must differ').not.toBe(precacheOf('dist/client'));

  let server = await startServerProcess({ port: PORT, clientDir: 'dist/client' });
  const dataDir = server.dataDir;
  try {
    await page.goto(`${server.url}/`);
    await waitForServiceWorkerControl(page);
    const firstBuild = await page.locator('meta[name="sdp-build"]').getAttribute('content');
    await expect(page.getByText('A new version is available')).toHaveCount(0);

    await server.stop();
    server = await startServerProcess({ port: PORT, clientDir: NEXT, dataDir });
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });

    const prompt = page.getByRole('alert').filter({ hasText: 'A new version is available' });
    await expect(prompt).toBeVisible({ timeout: 20_000 });
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await expect
      .poll(async () => page.locator('meta[name="sdp-build"]').getAttribute('content'), { timeout: 20_000 })
      .not.toBe(firstBuild);
    await expect(page.getByText('A new version is available')).toHaveCount(0);
  } finally {
    await server.stop();
  }
});
