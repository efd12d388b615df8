import {
  type APIRequestContext,
  expect,
  type Locator,
  type Page,
  request as playwrightRequest,
  type Route,
  test,
} from '@playwright/test';
import type { MyFollows, SessionInfo } from '../../shared/src/model/accounts.ts';
import type { CommentThread, CommentView, ReactionSummary } from '../../shared/src/model/social-api.ts';
import { seriousViolations } from './support/axe.ts';
import { fullPost, latestPosts, newestPost } from './support/catalog.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';
import { newUser, signUp } from './support/sign-up.ts';

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

/** Scrolls to the end of the post, where reactions and comments load. */
async function openSocial(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'About the author' }).scrollIntoViewIfNeeded();
  await expect(commentsSection(page).getByText(/^\d+ comments?$/)).toBeVisible();
}

async function postComment(page: Page, text: string): Promise<void> {
  const comments = commentsSection(page);
  await comments.getByRole('textbox', { name: 'Add a comment' }).fill(text);
  await comments.getByRole('button', { name: 'Post comment' }).click();
}

test('react and comment offline: pending, still pending after an offline reload, confirmed online; refusals', async ({
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
  await openSocial(page);
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
  await openSocial(page);
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
  // The post header's count follows once the server confirmed the like.
  const total = before.total + 1;
  await expect(main.locator('.post-header .counts li').first()).toHaveText(
    `♥ ${total} reaction${total === 1 ? '' : 's'}`,
  );

  // Who reacted names the new reader.
  await main.getByText('Who reacted').click();
  await expect(main.locator('.reactors').getByRole('link', { name: me.displayName, exact: true })).toBeVisible();

  // A change the server refuses (here: the post was removed meanwhile) shows its words, with Retry and Drop.
  const refusal = 'This post was removed by its author; comments are closed.';
  const refuse = (route: Route) =>
    route.request().method() === 'POST'
      ? route.fulfill({ status: 404, json: { error: 'not_found', message: refusal } })
      : route.fallback();
  await page.route(`**/api/posts/${post.id}/comments`, refuse);

  const first = `Refused then retried ${Date.now()}`;
  await postComment(page, first);
  const shown = commentBy(comments, 'You', first);
  await expect(shown.getByRole('alert')).toContainText(`Couldn't post this comment: ${refusal}`);
  await expect(shown.getByText('Pending')).toBeHidden();

  const second = `Refused then dropped ${Date.now()}`;
  await postComment(page, second);
  const dropped = commentBy(comments, 'You', second);
  await expect(dropped.getByRole('alert')).toBeVisible();
  await dropped.getByRole('button', { name: 'Drop this change' }).click();
  await expect(dropped).toHaveCount(0);

  await page.unroute(`**/api/posts/${post.id}/comments`, refuse);
  await shown.getByRole('button', { name: 'Retry sending it' }).click();
  await expect(commentBy(comments, me.displayName, first)).toBeVisible();
  await expect(comments.getByText(second)).toHaveCount(0);
});

/** Someone else, signed up through the API: sends changes the way the app does (CSRF and an op id). */
async function otherReader(baseURL: string) {
  const api = await playwrightRequest.newContext({ baseURL });
  const user = newUser();
  const res = await api.post('/api/auth/signup', { data: user, headers: { 'X-SDP-CSRF': 'anonymous' } });
  expect(res.status()).toBe(201);
  const session = (await res.json()) as SessionInfo;
  let op = 0;
  return {
    displayName: session.user.displayName,
    async reply(postId: string, parentId: string, body: string): Promise<void> {
      const sent = await api.post(`/api/posts/${postId}/comments`, {
        data: { body, parentId },
        headers: { 'X-SDP-CSRF': session.csrfToken, 'Idempotency-Key': `e2e-reply-${Date.now()}-${op++}` },
      });
      expect(sent.status()).toBe(201);
    },
    dispose: () => api.dispose(),
  };
}

async function commentIdByText(request: APIRequestContext, postId: string, text: string): Promise<string> {
  const thread = (await (await request.get(`/api/posts/${postId}/comments?limit=50`)).json()) as CommentThread;
  const walk = (items: CommentView[]): CommentView | undefined =>
    items.map((c) => (c.markdown === text ? c : walk(c.replies))).find(Boolean);
  const found = walk(thread.items);
  if (!found) throw new Error(`no comment "${text}"`);
  return found.id;
}

test('a reply thread, a comment with HTML shown as text, and a reply notification', async ({
  page,
  context,
  request,
  baseURL,
}) => {
  const post = await fullPost(request, (await newestPost(request)).slug);
  const me = await signUp(page);
  await page.goto(`/p/${post.slug}`);
  const comments = commentsSection(page);
  await openSocial(page);

  // A comment that tries to be HTML: shown as the literal text, no element made from it.
  const attack = `<img src=x onerror=alert(1)> ${Date.now()}`;
  await postComment(page, attack);
  const shown = commentBy(comments, me.displayName, attack);
  await expect(shown).toBeVisible();
  await expect(shown.getByText(attack)).toBeVisible();
  await expect(shown.locator('img')).toHaveCount(0);

  // Someone else replies to it: nested under it, and the writer is notified.
  const other = await otherReader(baseURL ?? '');
  const parentId = await commentIdByText(request, post.id, attack);
  const answer = `A reply from someone else ${Date.now()}`;
  await other.reply(post.id, parentId, answer);
  await page.reload();
  await openSocial(page);
  const reply = commentBy(shown, other.displayName, answer);
  await expect(reply).toBeVisible();

  // Replying to the reply nests one more level.
  await reply.getByRole('button', { name: `Reply to ${other.displayName}` }).click();
  const deeper = `And back again ${Date.now()}`;
  await reply.getByRole('textbox', { name: `Reply to ${other.displayName}` }).fill(deeper);
  await reply.getByRole('button', { name: 'Post reply' }).click();
  await expect(commentBy(reply, me.displayName, deeper)).toBeVisible();
  await expect(commentBy(reply, me.displayName, deeper).getByText('Pending')).toBeHidden();

  // The unread count in the header, and the notification leading to the post; read once seen.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Notifications 1 unread' })).toBeVisible();
  await nav.getByRole('link', { name: /^Notifications/ }).click();
  const item = page
    .getByRole('main')
    .getByRole('link', { name: `${other.displayName} replied to your comment on ${post.title}` });
  await expect(item).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();
  // Kept on the device: readable offline once fetched.
  await waitForServiceWorkerControl(page);
  await context.setOffline(true);
  await page.reload();
  await expect(item).toBeVisible();
  await context.setOffline(false);
  await item.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(post.title);
  // The link points at the reply: the thread loads at once and shows it.
  await expect(commentBy(comments, other.displayName, answer)).toBeInViewport();
  await other.dispose();

  // Edit your own reply; the edit shows and is confirmed.
  const mine = commentBy(reply, me.displayName, deeper);
  await mine.getByRole('button', { name: 'Edit your comment' }).click();
  const edited = `${deeper} (edited)`;
  // While editing, the text is in the box (not the comment's text): the one edit box open in the thread.
  await reply.getByRole('textbox', { name: 'Edit your comment' }).fill(edited);
  await reply.getByRole('button', { name: 'Save edit' }).click();
  await expect(mine.getByText(edited)).toBeVisible();
  await expect(mine.getByText('· edited')).toBeVisible();

  // Report someone else's comment: sent, nothing left waiting.
  await reply.getByText(`Report the comment by ${other.displayName}`).first().click();
  await reply.getByRole('combobox', { name: 'Reason' }).first().selectOption('off-topic');
  await reply.getByRole('button', { name: 'Send report' }).first().click();
  await expect(comments.getByText('Report pending')).toBeHidden();

  // Delete your own comment that has replies: "[deleted]" stays in its place, the replies under it.
  await shown.getByRole('button', { name: 'Delete your comment' }).first().click();
  const deleted = comments.getByRole('article', { name: 'Comment by [deleted]' }).filter({ hasText: answer });
  await expect(deleted.getByText('[deleted]', { exact: true }).first()).toBeVisible();
  await expect(deleted.getByText(attack)).toHaveCount(0);
  await expect(commentBy(deleted, other.displayName, answer)).toBeVisible();

  // The post page with a comment thread, signed in, in both color schemes.
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    expect(await seriousViolations(page), `axe (${scheme})`).toEqual([]);
  }
});

test('Follow series on the series page and the post page; one window switch for everything popular', async ({
  page,
  request,
}) => {
  const inSeries = (await latestPosts(request)).find((p) => p.series !== null);
  if (!inSeries?.series) throw new Error('the seeded catalog has no series');
  const series = inSeries.series;
  await signUp(page);
  const main = page.getByRole('main');

  await page.goto(`/series/${series.slug}`);
  await main.getByRole('button', { name: `Follow series ${series.title}` }).click();
  const following = main.getByRole('button', { name: `Following ${series.title}` });
  await expect(following).toHaveAttribute('aria-pressed', 'true');
  await expect(main.getByText('Pending')).toBeHidden();
  const mine = (await (await page.request.get('/api/me/follows')).json()) as MyFollows;
  expect(mine.series.map((s) => s.slug)).toContain(series.slug);

  // The post page's series box shows the same follow, and unfollowing there is confirmed.
  await page.goto(`/p/${inSeries.slug}`);
  await main.getByRole('button', { name: `Following ${series.title}` }).click();
  await expect(main.getByRole('button', { name: `Follow series ${series.title}` })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect(main.getByText('Pending')).toBeHidden();
  const after = (await (await page.request.get('/api/me/follows')).json()) as MyFollows;
  expect(after.series.map((s) => s.slug)).not.toContain(series.slug);

  await page.goto('/');
  const popular = main.getByRole('complementary', { name: 'Popular on SysDesPro' });
  await expect(popular.getByRole('button', { name: 'This week' })).toHaveAttribute('aria-pressed', 'true');
  const asked = ['/api/posts/popular', '/api/tags/popular', '/api/authors/popular'].map((path) =>
    page.waitForRequest((r) => r.url().includes(path) && new URL(r.url()).searchParams.get('window') === 'all'),
  );
  await popular.getByRole('button', { name: 'All time' }).click();
  await Promise.all(asked);
  await expect(popular.getByRole('button', { name: 'All time' })).toHaveAttribute('aria-pressed', 'true');
  await expect(popular.getByRole('heading', { name: 'Popular tags' })).toBeVisible();
  await expect(popular.locator('.author-list li').first()).toBeVisible();
});
