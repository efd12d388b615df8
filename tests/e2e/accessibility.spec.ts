import { expect, test } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';
import { newestPost } from './support/catalog.ts';
import { signUp } from './support/sign-up.ts';

for (const scheme of ['light', 'dark'] as const) {
  test(`home, post and profile have no serious or critical axe violations (${scheme})`, async ({ page, request }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const post = await newestPost(request);
    const pages = ['/', `/p/${post.slug}`, `/@${post.author.handle}`];
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await seriousViolations(page), `axe on ${path}`).toEqual([]);
    }
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`signed in: Following feed, follow lists, pending and refused follows pass axe (${scheme})`, async ({
    page,
    context,
    request,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const post = await newestPost(request);
    await signUp(page);
    const main = page.getByRole('main');
    const check = async (what: string) => {
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      expect(await seriousViolations(page), `axe on ${what}`).toEqual([]);
    };

    await page.goto('/?feed=following');
    await expect(main.getByRole('heading', { level: 2, name: 'Following' })).toBeVisible();
    await check('the Following feed');
    await page.goto(`/u/${post.author.id}/followers`);
    await expect(main.getByRole('heading', { level: 1 })).toHaveText(`People following ${post.author.displayName}`);
    await check('a followers list');

    await page.goto(`/@${post.author.handle}`);
    await context.setOffline(true);
    await main.getByRole('button', { name: `Follow ${post.author.displayName}`, exact: true }).click();
    await expect(main.getByText('Pending')).toBeVisible();
    await check('a pending follow');
    await page.route('**/api/me/follows/**', (route) =>
      route.fulfill({ status: 422, contentType: 'application/json', body: '{"error":"invalid","message":"Refused."}' }),
    );
    await context.setOffline(false);
    await expect(main.getByRole('alert').filter({ hasText: 'Refused.' })).toBeVisible();
    await check('a refused follow');
  });
}

test('home is usable at 360 px wide and keyboard focus is visible', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  await expect(focused).toHaveText(/skip to content/i);
  const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});
