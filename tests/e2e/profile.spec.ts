import { expect, test } from '@playwright/test';
import { authorByHandle, newestPost } from './support/catalog.ts';

test('"Copy profile link" copies the permanent /u/<id> link, which opens the profile', async ({
  page,
  context,
  request,
}) => {
  const post = await newestPost(request);
  const author = await authorByHandle(request, post.author.handle);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  await page.goto(`/@${author.handle}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(author.displayName);
  for (const label of ['Followers', 'Following', 'Posts', 'Comments']) {
    await expect(page.getByRole('main').getByText(label, { exact: true }).first()).toBeVisible();
  }
  if (author.supportUrl) {
    await expect(page.getByRole('link', { name: new RegExp(`Support ${author.displayName}`) })).toHaveAttribute(
      'href',
      author.supportUrl,
    );
  }

  await page.getByRole('button', { name: 'Copy profile link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${new URL(page.url()).origin}/u/${author.id}`);

  await page.goto(copied);
  await expect(page).toHaveURL(new RegExp(`/@${author.handle}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(author.displayName);
});
