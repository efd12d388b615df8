import { expect, test } from '@playwright/test';
import { firstParagraph, fullPost, latestPosts } from './support/catalog.ts';

test('a reader goes home → post → tag → author and sees real content at each step', async ({ page, request }) => {
  const [newest] = await latestPosts(request, 1);
  if (!newest) throw new Error('the seeded catalog is empty');
  const post = await fullPost(request, newest.slug);

  await page.goto('/');
  await expect(page).toHaveTitle(/SysDesPro/);
  const latest = page.getByRole('region', { name: 'Latest posts' });
  await expect(latest.getByRole('link', { name: newest.title })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Popular posts' }).getByRole('article').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Popular tags' }).getByRole('link').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Popular authors' }).getByRole('link').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Become an author' }).first()).toBeVisible();

  await latest.getByRole('link', { name: newest.title }).click();
  await expect(page).toHaveURL(new RegExp(`/p/${newest.slug}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(newest.title);
  await expect(page.getByText(firstParagraph(post), { exact: false }).first()).toBeVisible();
  await expect(page.getByText(`${post.readingMinutes} min read`)).toBeVisible();

  const tag = post.tags[0];
  if (!tag) throw new Error(`post ${post.slug} has no tags`);
  await page
    .getByRole('main')
    .getByRole('link', { name: `#${tag}`, exact: true })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`/t/${tag}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(new RegExp(tag.replace('-', '.'), 'i'));
  await expect(page.getByRole('main').getByRole('article').first()).toBeVisible();

  await page.goto(`/p/${newest.slug}`);
  await page.getByRole('main').getByRole('link', { name: post.author.displayName }).first().click();
  await expect(page).toHaveURL(new RegExp(`/@${post.author.handle}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(post.author.displayName);
  await expect(page.getByText(`@${post.author.handle}`).first()).toBeVisible();
  await expect(page.getByText(/Joined /)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy profile link' })).toBeVisible();
});

test('a post in a series shows every part with previous and next links', async ({ page, request }) => {
  const posts = await latestPosts(request, 50);
  const second = posts.find((p) => p.series?.part === 2);
  if (!second?.series) throw new Error('no part 2 of a series in the seeded catalog');
  await page.goto(`/p/${second.slug}`);
  const box = page.getByRole('navigation', { name: /series/i });
  await expect(box.getByRole('listitem')).toHaveCount(second.series.partCount);
  await expect(box.locator('[aria-current="page"]')).toContainText(second.title);
  await expect(box.getByRole('link', { name: /previous/i })).toBeVisible();
  await expect(box.getByRole('link', { name: /next/i })).toBeVisible();
});

test('unknown pages show a 404 page, not a blank screen', async ({ page }) => {
  await page.goto('/p/this-post-does-not-exist');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i);
});

test('the storage notice stays dismissed once dismissed', async ({ page }) => {
  await page.goto('/');
  const notice = page.getByRole('region', { name: 'Storage notice' });
  await expect(notice).toBeVisible();
  await notice.getByRole('button').click();
  await expect(notice).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Storage notice' })).toHaveCount(0);
});
