import { expect, type Page, test } from '@playwright/test';
import { authorByHandle, firstParagraph, fullPost, newestPost } from './support/catalog.ts';
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
  const post = await newestPost(request);
  const before = await authorByHandle(request, post.author.handle);

  const me = await signUp(page);
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

  // The author's followers list names the new follower.
  await main.getByRole('link', { name: `${before.followerCount + 1} Followers` }).click();
  await expect(main.getByRole('heading', { level: 1, name: `People following ${before.displayName}` })).toBeVisible();
  await expect(main.getByRole('link', { name: me.displayName, exact: true })).toBeVisible();

  // The Following feed on the home page holds the author's posts.
  await page.goto('/');
  await main.getByRole('button', { name: 'Following', exact: true }).click();
  const feed = main.getByRole('region', { name: 'Following' });
  await expect(feed.getByRole('heading', { level: 2, name: 'Following' })).toBeVisible();
  await expect(feed.getByRole('link', { name: post.title, exact: true })).toBeVisible();

  // "Keep followed writing offline" downloads the followed posts: readable after going offline.
  await feed.getByRole('checkbox', { name: 'Keep followed writing offline' }).check();
  await expect(feed.getByText(/\d+ posts? on this device/)).toBeVisible();
  await context.setOffline(true);
  await page.goto(`/p/${post.slug}`);
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(post.title);
  await expect(main.getByText(firstParagraph(await fullPost(request, post.slug)))).toBeVisible();
  await context.setOffline(false);

  // Still following after a reload online; unfollowing shows at once and is confirmed.
  await page.goto(`/@${before.handle}`);
  await following.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await expect(main.getByRole('link', { name: `${before.followerCount} Followers` })).toBeVisible();
  await expect(pending).toBeHidden();
});

test('signed out, Follow leads to sign-in and back', async ({ page, request }) => {
  const post = await newestPost(request);
  await page.goto(`/p/${post.slug}`);
  await page
    .getByRole('main')
    .getByRole('link', { name: `Follow ${post.author.displayName} (sign in first)` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/signin\\?next=${encodeURIComponent(`/p/${post.slug}`)}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('a follow the server refuses is shown with Retry and Drop', async ({ page, request }) => {
  const slug = (await newestPost(request)).tags[0];
  if (!slug) throw new Error('the seeded catalog has no tagged post');
  const tag = (await (await request.get(`/api/tags/${slug}`)).json()) as { name: string };
  await signUp(page);
  await page.goto(`/t/${slug}`);
  const main = page.getByRole('main');
  const follow = main.getByRole('button', { name: `Follow #${tag.name}`, exact: true });
  const refusal = main.getByRole('alert').filter({ hasText: 'Following this tag is paused.' });
  const refuse = '**/api/me/follows/tags/**';
  await page.route(refuse, (route) =>
    route.fulfill({
      status: 422,
      contentType: 'application/json',
      body: JSON.stringify({ error: 'invalid', message: 'Following this tag is paused.' }),
    }),
  );

  await follow.click();
  await expect(refusal).toBeVisible();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await refusal.getByRole('button', { name: 'Drop this change' }).click();
  await expect(refusal).toBeHidden();

  await follow.click();
  await expect(refusal).toBeVisible();
  await page.unroute(refuse);
  await refusal.getByRole('button', { name: 'Retry following' }).click();
  await expect(main.getByRole('button', { name: `Following #${tag.name}`, exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(refusal).toBeHidden();
  await expect(main.getByText('Pending')).toBeHidden();
});

test('with "Keep followed writing offline" on, posts of a newly followed author are downloaded in the background', async ({
  page,
  context,
  request,
}) => {
  const post = await newestPost(request);
  await signUp(page);
  const main = page.getByRole('main');
  await page.goto('/?feed=following');
  const feed = main.getByRole('region', { name: 'Following' });
  await feed.getByRole('checkbox', { name: 'Keep followed writing offline' }).check();
  await expect(feed.getByText('0 posts on this device')).toBeVisible();

  await page.goto(`/@${post.author.handle}`);
  await waitForServiceWorkerControl(page);
  await main.getByRole('button', { name: `Follow ${post.author.displayName}`, exact: true }).click();
  await expect(main.getByRole('button', { name: `Following ${post.author.displayName}`, exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  // Only once the server has the follow does the feed have something to top up from.
  await expect
    .poll(() =>
      page.evaluate(async () => {
        const follows = (await (await fetch('/api/me/follows')).json()) as { authors: { id: string }[] };
        return follows.authors.map((a) => a.id);
      }),
    )
    .toContain(post.author.id);
  await expect(main.getByText('Pending')).toBeHidden();

  // The next start of the app (here: opening the home page) tops the saved feed up without being asked.
  await page.goto('/?feed=following');
  await expect(feed.getByText(/[1-9]\d* posts? on this device/)).toBeVisible({ timeout: 20_000 });
  await context.setOffline(true);
  await page.goto(`/p/${post.slug}`);
  await expect(main.getByText(firstParagraph(await fullPost(request, post.slug)))).toBeVisible();
  await context.setOffline(false);
});

test("a tag followed from the home page's popular tags is followed on its tag page too", async ({ page, request }) => {
  const popular = (await (await request.get('/api/tags/popular')).json()) as {
    items: { slug: string; name: string }[];
  };
  const tag = popular.items[0];
  if (!tag) throw new Error('the seeded catalog has no popular tags');
  await signUp(page);
  await page.goto('/');
  const tags = page.getByRole('region', { name: 'Popular tags' });
  await tags.getByRole('button', { name: `Follow #${tag.name}`, exact: true }).click();
  await expect(tags.getByRole('button', { name: `Following #${tag.name}`, exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(tags.getByText('Pending')).toBeHidden();

  await page.goto(`/t/${encodeURIComponent(tag.slug)}`);
  await expect(
    page.getByRole('main').getByRole('button', { name: `Following #${tag.name}`, exact: true }),
  ).toHaveAttribute('aria-pressed', 'true');
});

test('a tag is followed from the topics at the end of a post', async ({ page, request }) => {
  const post = await newestPost(request);
  const slug = post.tags[0];
  if (!slug) throw new Error('the newest seeded post has no tags');
  await signUp(page);
  await page.goto(`/p/${post.slug}`);
  const topics = page.getByRole('region', { name: 'Topics in this post' });
  await topics.getByRole('button', { name: `Follow #${slug}`, exact: true }).click();
  await expect(topics.getByRole('button', { name: `Following #${slug}`, exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(topics.getByText('Pending')).toBeHidden();
  // Confirmed by the server: the signed-in user's follows list it.
  const followedTags = await page.evaluate(async () => {
    const follows = (await (await fetch('/api/me/follows')).json()) as { tags: { slug: string }[] };
    return follows.tags.map((t) => t.slug);
  });
  expect(followedTags).toContain(slug);
});
