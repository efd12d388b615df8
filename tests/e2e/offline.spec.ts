import { expect, test } from '@playwright/test';
import { firstParagraph, fullPost, latestPosts } from './support/catalog.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';

test('a saved post can be read offline after a full reload', async ({ page, context, request }) => {
  const posts = await latestPosts(request, 50);
  const saved = posts[3];
  const neverVisited = posts[posts.length - 1];
  if (!saved || !neverVisited) throw new Error('the seeded catalog has too few posts');
  const post = await fullPost(request, saved.slug);

  await page.goto(`/p/${saved.slug}`);
  await waitForServiceWorkerControl(page);
  await page.getByRole('button', { name: 'Save for offline' }).click();
  await expect(page.getByRole('button', { name: /Saved for offline/ })).toBeVisible();

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(saved.title);
  await expect(page.getByText(firstParagraph(post), { exact: false }).first()).toBeVisible();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /offline/i })
      .first(),
  ).toBeVisible();

  await page.goto(`/p/${neverVisited.slug}`);
  await expect(page.getByText("You're offline and this page isn't saved on this device")).toBeVisible();
  await page.getByRole('link', { name: /saved/i }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/saved/i);
  await expect(page.getByRole('main').getByText(saved.title)).toBeVisible();
  await context.setOffline(false);
});

test('a whole tag is made available offline with a progress count', async ({ page, context, request }) => {
  const posts = await latestPosts(request, 50);
  const tag = posts[0]?.tags[0];
  if (!tag) throw new Error('no tagged post');
  const tagged = posts.filter((p) => p.tags.includes(tag));

  await page.goto(`/t/${tag}`);
  await waitForServiceWorkerControl(page);
  await page.getByRole('button', { name: 'Make available offline' }).click();
  await expect(page.getByText(new RegExp(`${tagged.length} of ${tagged.length}`))).toBeVisible({ timeout: 20_000 });

  await page.goto('/saved');
  await expect(
    page
      .getByRole('main')
      .getByText(/storage/i)
      .first(),
  ).toBeVisible();

  await context.setOffline(true);
  const last = tagged[tagged.length - 1];
  if (!last) throw new Error('tag has no posts');
  await page.goto(`/p/${last.slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(last.title);
  await context.setOffline(false);
});
