import { type Browser, expect, type Page, test } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';
import { latestPosts } from './support/catalog.ts';
import { newUser, signUp } from './support/sign-up.ts';

/** A second browser (own storage, own cookies) signed in as `user`. */
async function signedInElsewhere(browser: Browser, user: { email: string; password: string; handle: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/@${user.handle}$`));
  return { context, page };
}

const readingList = (page: Page) => page.getByRole('list', { name: 'Reading list' });

/** Sync sockets the server has open (its Prometheus gauge). */
async function openSyncConnections(page: Page): Promise<number> {
  const text = await (await page.request.get('/metrics')).text();
  return Number(/^sysdespro_sync_connections_open (\d+)/m.exec(text)?.[1] ?? Number.NaN);
}

test('the reading list follows the user between two browsers, also for a bookmark added offline', async ({
  page,
  browser,
  request,
}) => {
  const [first, second] = await latestPosts(request, 2);
  if (!first || !second) throw new Error('the seeded catalog needs two posts');
  const user = newUser();
  await signUp(page, user);
  const other = await signedInElsewhere(browser, user);

  // A: "Read later" on a post.
  await page.goto(`/p/${first.slug}`);
  const readLater = page.getByRole('button', { name: 'Read later' });
  await expect(readLater).toHaveAttribute('aria-pressed', 'false');
  await readLater.click();
  await expect(readLater).toHaveAttribute('aria-pressed', 'true');

  // B sees it in its reading list.
  await other.page.goto('/reading-list');
  await expect(readingList(other.page).getByRole('link', { name: first.title })).toBeVisible();
  await expect(other.page.getByRole('status').filter({ hasText: 'Synced with your other devices.' })).toBeVisible();

  // B goes offline (the app closes its sync socket on `offline`) and adds another post.
  await other.page.goto(`/p/${second.slug}`);
  const otherReadLater = other.page.getByRole('button', { name: 'Read later' });
  await expect(otherReadLater).toHaveAttribute('aria-pressed', 'false');
  await other.context.setOffline(true);
  await otherReadLater.click();
  await expect(otherReadLater).toHaveAttribute('aria-pressed', 'true');
  await other.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reading list' }).click();
  await expect(readingList(other.page).getByRole('link', { name: second.title })).toBeVisible();
  await expect(other.page.getByRole('status').filter({ hasText: 'syncs when online' })).toBeVisible();

  // Not on A while B is offline.
  await page.goto('/reading-list');
  await expect(readingList(page).getByRole('link', { name: first.title })).toBeVisible();
  await expect(readingList(page).getByRole('link', { name: second.title })).toHaveCount(0);

  // B reconnects: A gets it without a reload.
  await other.context.setOffline(false);
  await expect(readingList(page).getByRole('link', { name: second.title })).toBeVisible({ timeout: 15_000 });
  await expect(other.page.getByRole('status').filter({ hasText: 'Synced with your other devices.' })).toBeVisible();

  // Removing on A removes it on B.
  await page.getByRole('button', { name: `Remove ${first.title} from reading list` }).click();
  await expect(readingList(other.page).getByRole('link', { name: first.title })).toHaveCount(0);

  // Signing out closes the sync connection; the list is no longer shown.
  await other.context.close();
  expect(await openSyncConnections(page)).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(readingList(page)).toHaveCount(0);
  await expect.poll(() => openSyncConnections(page)).toBe(0);
});

test('reader settings: a theme chosen in Settings applies to the page and survives a reload', async ({ page }) => {
  await signUp(page);
  await page.goto('/settings');
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Font size').selectOption('large');
  await expect(page.locator('html')).toHaveAttribute('data-font-size', 'large');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(14, 16, 20)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
});

for (const theme of ['light', 'dark'] as const) {
  test(`reading list, settings and edit profile pass axe (${theme} theme chosen in Settings)`, async ({
    page,
    request,
  }) => {
    const [post] = await latestPosts(request, 1);
    if (!post) throw new Error('the seeded catalog is empty');
    await signUp(page);
    await page.goto('/settings');
    await page.getByRole('radio', { name: theme === 'dark' ? 'Dark' : 'Light' }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.goto(`/p/${post.slug}`);
    await page.getByRole('button', { name: 'Read later' }).click();
    await expect(page.getByRole('button', { name: 'Read later' })).toHaveAttribute('aria-pressed', 'true');
    for (const path of ['/reading-list', '/settings', '/settings/profile', `/p/${post.slug}`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await seriousViolations(page), `axe on ${path}`).toEqual([]);
    }
  });
}
