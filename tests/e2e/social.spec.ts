import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import type { ReactionSummary } from '../../shared/src/model/social-api.ts';
import { seriousViolations } from './support/axe.ts';
import { fullPost, newestPost } from './support/catalog.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';
import { signUp } from './support/sign-up.ts';

async function reactionSummary(request: APIRequestContext, postId: string): Promise<ReactionSummary> {
  const res = await request.get(`/api/posts/${postId}/reactions`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as ReactionSummary;
}

/** The Like button, whatever its count; its accessible name is "Like <count>". */
const likeButton = (main: Locator) => main.getByRole('button', { name: /^Like \d+$/ });
const commentsSection = (page: Page) => page.getByRole('region', { name: 'Comments' });
const commentBy = (scope: Locator, name: string, text: string) =>
  scope.getByRole('article', { name: `Comment by ${name}` }).filter({ hasText: text });

async function postComment(page: Page, text: string): Promise<void> {
  const comments = commentsSection(page);
  await comments.getByRole('textbox', { name: 'Add a comment' }).fill(text);
  await comments.getByRole('button', { name: 'Post comment' }).click();
}

test('react and comment offline: pending, still pending after an offline reload, confirmed online', async ({
  page,
  context,
  request,
}) => {
  const post = await fullPost(request, (await newestPost(request)).slug);
  const before = await reactionSummary(request, post.id);
  const me = await signUp(page);
  await page.goto(`/p/${post.slug}`);
  await waitForServiceWorkerControl(page);
  const main = page.getByRole('main');
  const comments = commentsSection(page);
  await expect(likeButton(main)).toHaveAccessibleName(`Like ${before.counts.like}`);
  await expect(likeButton(main)).toHaveAttribute('aria-pressed', 'false');
  await expect(comments.getByText(/^\d+ comments?$/)).toBeVisible();

  await context.setOffline(true);
  await likeButton(main).click();
  await expect(likeButton(main)).toHaveAttribute('aria-pressed', 'true');
  await expect(likeButton(main)).toHaveAccessibleName(`Like ${before.counts.like + 1}`);
  const note = `Written offline ${Date.now()}`;
  await postComment(page, note);
  const mine = commentBy(comments, 'You', note);
  await expect(mine).toBeVisible();
  await expect(mine.getByText('Pending')).toBeVisible();
  await expect(main.locator('.reactions').getByText('Pending')).toBeVisible();

  await page.reload();
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(post.title);
  await expect(likeButton(main)).toHaveAttribute('aria-pressed', 'true');
  await expect(likeButton(main)).toHaveAccessibleName(`Like ${before.counts.like + 1}`);
  await expect(main.locator('.reactions').getByText('Pending')).toBeVisible();
  await expect(mine.getByText('Pending')).toBeVisible();

  await context.setOffline(false);
  const confirmed = commentBy(comments, me.displayName, note);
  await expect(confirmed).toBeVisible();
  await expect(confirmed.getByText('Pending')).toBeHidden();
  await expect(main.locator('.reactions').getByText('Pending')).toBeHidden();
  await expect(likeButton(main)).toHaveAttribute('aria-pressed', 'true');
  await expect(likeButton(main)).toHaveAccessibleName(`Like ${before.counts.like + 1}`);
  expect((await reactionSummary(request, post.id)).counts.like).toBe(before.counts.like + 1);

  // Who reacted names the new reader.
  await main.getByText('Who reacted').click();
  await expect(main.locator('.reactors').getByRole('link', { name: me.displayName, exact: true })).toBeVisible();
});
