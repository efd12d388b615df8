import { expect, type Page, test } from '@playwright/test';
import { authorByHandle, latestPosts } from './support/catalog.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';
import { signUp } from './support/sign-up.ts';

/** The follower count the profile shows (its "N Followers" link). */
async function shownFollowers(page: Page): Promise<number> {
  const text = await page
    .getByRole('main')
    .getByRole('link', { name: /Followers$/ })
    .textContent();
  return Number((text ?? '').replace(/[^\d]/g, ''));
}

test('follow an author offline: shown at once and after an offline reload as pending, confirmed online', async ({
  page,
  context,
  request,
}) => {
  const [post] = await latestPosts(request, 1);
  if (!post) throw new Error('the seeded catalog is empty');
  const before = await authorByHandle(request, post.author.handle);

  await signUp(page);
  await page.goto(`/@${before.handle}`);
  await waitForServiceWorkerControl(page);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(before.displayName);
  await expect(main.getByRole('link', { name: `${before.followerCount} Followers` })).toBeVisible();
  const follow = main.getByRole('button', { name: `Follow ${before.displayName}`, exact: true });
  const following = main.getByRole('button', { name: `Following ${before.displayName}`, exact: true });
  const pending = main.getByText('Pending', { exact: false });
  await expect(follow).toHaveAttribute('aria-pressed', 'false');

  await context.setOffline(true);
  await follow.click();
  await expect(following).toHaveAttribute('aria-pressed', 'true');
  await expect(pending).toBeVisible();

  await page.reload();
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(before.displayName);
  await expect(following).toHaveAttribute('aria-pressed', 'true');
  await expect(pending).toBeVisible();
  expect(await shownFollowers(page)).toBe(before.followerCount);

  await context.setOffline(false);
  await expect(pending).toBeHidden();
  await expect(following).toHaveAttribute('aria-pressed', 'true');
  await expect(main.getByRole('link', { name: `${before.followerCount + 1} Followers` })).toBeVisible();
  expect((await authorByHandle(request, before.handle)).followerCount).toBe(before.followerCount + 1);

  // The Following feed on the home page holds the author's posts.
  await page.goto('/');
  await main.getByRole('button', { name: 'Following', exact: true }).click();
  const feed = main.getByRole('region', { name: 'Following' });
  await expect(feed.getByRole('heading', { level: 2, name: 'Following' })).toBeVisible();
  await expect(feed.getByRole('link', { name: post.title, exact: true })).toBeVisible();

  // Still following after a reload online; unfollowing shows at once and is confirmed.
  await page.goto(`/@${before.handle}`);
  await following.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await expect(main.getByRole('link', { name: `${before.followerCount} Followers` })).toBeVisible();
  await expect(pending).toBeHidden();
});

test('signed out, Follow leads to sign-in and back', async ({ page, request }) => {
  const [post] = await latestPosts(request, 1);
  if (!post) throw new Error('the seeded catalog is empty');
  await page.goto(`/p/${post.slug}`);
  await page
    .getByRole('main')
    .getByRole('link', { name: `Follow ${post.author.displayName} (sign in first)` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/signin\\?next=${encodeURIComponent(`/p/${post.slug}`)}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});
