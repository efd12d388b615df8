/**
 * Drafts end to end (issue 6), with separate browser contexts per person: live co-editing with named
 * carets, both offline then merged, a long offline session that survives a reload, publishing read by a
 * signed-out reader, and a removed co-author's editor turning read-only.
 *
 * "Offline" here is `context.setOffline(true)`: the app hears the browser's offline event and closes
 * the sync socket itself (the setting alone would leave an open WebSocket open).
 */
import { readFile } from 'node:fs/promises';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { seriousViolations } from './support/axe.ts';
import { waitForServiceWorkerControl } from './support/service-worker.ts';
import { signUp } from './support/sign-up.ts';

const body = (page: Page) => page.getByRole('textbox', { name: 'Post body' });
const title = (page: Page) => page.getByRole('textbox', { name: 'Title' });
const status = (page: Page) => page.locator('.draft-status strong');
/** The body's text without co-authors' caret labels (widgets inside the editable area). */
const bodyText = (page: Page) =>
  body(page).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent;
  });

async function person(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const user = await signUp(page);
  return { context, page, user };
}

/** "Write" in the header: a new draft, its editor open. Returns the draft's id. */
async function startDraft(page: Page): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Write' }).click();
  await expect(page).toHaveURL(/\/write\/[A-Za-z0-9_-]+$/);
  await expect(body(page)).toBeVisible();
  return new URL(page.url()).pathname.split('/').pop() as string;
}

async function typeInBody(page: Page, text: string) {
  await body(page).click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

async function invite(page: Page, handle: string, role: 'editor' | 'viewer' = 'editor') {
  await page.getByLabel('Invite co-author').fill(handle);
  await page.locator('#invite-role').selectOption(role);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page.getByText(/^Invited /)).toBeVisible();
}

test('co-authors edit live with named carets; a removed co-author is read-only at once', async ({ browser }) => {
  const ana = await person(browser);
  const bo = await person(browser);
  const draftId = await startDraft(ana.page);
  await title(ana.page).fill('Consistent hashing in practice');
  await typeInBody(ana.page, 'Ring positions come from a hash of the node name.');
  await expect(status(ana.page)).toHaveText('Synced');
  await ana.page.getByText('Excerpt, tags, series and cover').click();
  for (const scheme of ['light', 'dark'] as const) {
    await ana.page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(ana.page), `axe on the editor (${scheme})`).toEqual([]);
  }

  // The formatting toolbar is one Tab stop; arrows move along it; a button says whether it is on.
  const toolbar = ana.page.getByRole('toolbar', { name: 'Formatting' });
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
  await toolbar.getByRole('button', { name: 'Bold' }).focus();
  await ana.page.keyboard.press('ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Italic' })).toBeFocused();
  await ana.page.keyboard.press('End');
  await expect(toolbar.getByRole('button', { name: 'Image', exact: true })).toBeFocused();
  await expect(toolbar.getByRole('button', { name: 'Bold' })).toHaveAttribute('aria-pressed', 'false');

  await invite(ana.page, bo.user.handle);

  // The draft is in Bo's "My drafts".
  await bo.page.goto('/drafts');
  await expect(bo.page.getByRole('link', { name: 'Consistent hashing in practice' })).toBeVisible();
  expect(await seriousViolations(bo.page), 'axe on My drafts').toEqual([]);
  await bo.page.getByRole('link', { name: 'Consistent hashing in practice' }).click();
  await expect(bo.page).toHaveURL(`/write/${draftId}`);
  await expect(body(bo.page)).toContainText('Ring positions come from a hash');
  await expect(title(bo.page)).toHaveValue('Consistent hashing in practice');

  await typeInBody(bo.page, ' Virtual nodes smooth the load.');
  await expect(body(ana.page)).toContainText('Virtual nodes smooth the load.');
  // Bo's caret, with his name, shows in Ana's editor; both are listed as here.
  await expect(ana.page.locator('.collaboration-carets__label', { hasText: bo.user.displayName })).toBeVisible();
  await expect(ana.page.getByRole('list', { name: 'Who is here' })).toContainText(bo.user.displayName);

  // The title is shared too.
  await title(ana.page).press('End');
  await title(ana.page).pressSequentially(', part 1');
  await expect(title(bo.page)).toHaveValue('Consistent hashing in practice, part 1');

  await ana.page.getByRole('button', { name: `Remove ${bo.user.displayName}` }).click();
  await expect(bo.page.getByText('Your access to this draft was removed')).toBeVisible({ timeout: 5_000 });
  await expect(body(bo.page)).toHaveAttribute('contenteditable', 'false');
  await bo.page.keyboard.type('should not land');
  await expect(body(ana.page)).not.toContainText('should not land');
  await ana.context.close();
  await bo.context.close();
});

test('both offline, both edit, reconnect: the same merged document, and each is told what merged', async ({
  browser,
}) => {
  const ana = await person(browser);
  const bo = await person(browser);
  const draftId = await startDraft(ana.page);
  await title(ana.page).fill('Backpressure');
  await typeInBody(ana.page, 'Queues grow when consumers lag.');
  await expect(status(ana.page)).toHaveText('Synced');
  await invite(ana.page, bo.user.handle);
  await bo.page.goto(`/write/${draftId}`);
  await expect(body(bo.page)).toContainText('Queues grow when consumers lag.');
  await expect(status(bo.page)).toHaveText('Synced');

  await ana.context.setOffline(true);
  await bo.context.setOffline(true);
  await typeInBody(ana.page, ' Ana adds a bound.');
  await typeInBody(bo.page, ' Bo adds load shedding.');
  await expect(status(ana.page)).toHaveText('Saved on this device');
  await expect(ana.page.locator('.draft-status')).toContainText('not yet on the server');
  await expect(body(ana.page)).not.toContainText('load shedding');

  await ana.context.setOffline(false);
  await bo.context.setOffline(false);
  for (const page of [ana.page, bo.page]) {
    await expect(status(page)).toHaveText('Synced');
    await expect(body(page)).toContainText('Ana adds a bound.');
    await expect(body(page)).toContainText('Bo adds load shedding.');
  }
  expect(await bodyText(ana.page)).toBe(await bodyText(bo.page));
  await expect(ana.page.getByText(new RegExp(`^Merged \\d+ changes from ${bo.user.displayName}`))).toBeVisible();
  await expect(bo.page.getByText(new RegExp(`^Merged \\d+ changes from ${ana.user.displayName}`))).toBeVisible();
  await ana.context.close();
  await bo.context.close();
});

test('a long offline writing session survives a reload while offline and ends Synced', async ({ browser }) => {
  // On a phone-sized screen: the status stays in view however far the writing goes.
  const ana = await person(browser, { viewport: { width: 375, height: 700 } });
  await waitForServiceWorkerControl(ana.page);
  await ana.context.setOffline(true);
  // Started offline: the draft's creation waits in the outbox, the editor works from the device.
  const draftId = await startDraft(ana.page);
  await title(ana.page).fill('Written on a plane');
  const paragraphs = Array.from({ length: 12 }, (_, i) => `Paragraph ${i + 1} about write-ahead logs.`);
  for (const text of paragraphs) {
    await typeInBody(ana.page, text);
    await ana.page.keyboard.press('Enter');
  }
  await expect(status(ana.page)).toHaveText('Saved on this device');
  await expect(status(ana.page)).toBeInViewport();
  await ana.page.reload();
  await expect(body(ana.page)).toContainText('Paragraph 12 about write-ahead logs.');
  await expect(title(ana.page)).toHaveValue('Written on a plane');
  await expect(status(ana.page)).toHaveText('Saved on this device');

  await ana.context.setOffline(false);
  await expect(status(ana.page)).toHaveText('Synced', { timeout: 20_000 });
  // The server has it: it is in the server's list of Ana's drafts, with its title.
  const list = await ana.page.request.get('/api/drafts');
  const items = ((await list.json()) as { items: { id: string; title: string }[] }).items;
  expect(items.find((d) => d.id === draftId)?.title).toBe('Written on a plane');
  await ana.context.close();
});

test('publish, then a signed-out reader reads the post; the author hides a comment on it', async ({ browser }) => {
  const ana = await person(browser);
  await startDraft(ana.page);
  await title(ana.page).fill('Idempotency keys, explained');
  await typeInBody(ana.page, 'A retried request must not charge twice.');
  const download = ana.page.waitForEvent('download');
  await ana.page.getByRole('button', { name: 'Export as Markdown' }).click();
  const markdown = await readFile(await (await download).path(), 'utf8');
  expect(markdown).toMatch(/^---\n[\s\S]*title: "?Idempotency keys, explained"?\n[\s\S]*---\n/);
  expect(markdown).toContain('A retried request must not charge twice.');

  await ana.page.getByRole('button', { name: 'Publish', exact: true }).click();
  const view = ana.page.getByRole('link', { name: 'View post' });
  await expect(view).toBeVisible();
  const href = (await view.getAttribute('href')) as string;

  const reader = await browser.newContext();
  const page = await reader.newPage();
  await page.goto(href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Idempotency keys, explained');
  await expect(page.getByRole('main')).toContainText('A retried request must not charge twice.');

  // Moderation on a post of one's own (issue 7): Bo comments, Ana hides it, readers see the placeholder.
  const bo = await person(browser);
  await bo.page.goto(href);
  const boComments = bo.page.getByRole('region', { name: 'Comments' });
  await boComments.scrollIntoViewIfNeeded();
  await boComments.getByRole('textbox', { name: 'Add a comment' }).fill('What if the key store is down?');
  await boComments.getByRole('button', { name: 'Post comment' }).click();
  // Confirmed: shown as the server has it (a pending one is Bo's own "Comment by You" draft).
  await expect(
    boComments
      .getByRole('article', { name: `Comment by ${bo.user.displayName}` })
      .getByText('What if the key store is down?'),
  ).toBeVisible();

  await ana.page.goto(href);
  const anaComments = ana.page.getByRole('region', { name: 'Comments' });
  await anaComments.scrollIntoViewIfNeeded();
  await anaComments.getByRole('button', { name: `Hide the comment by ${bo.user.displayName}` }).click();
  await expect(anaComments.getByRole('button', { name: `Unhide the comment by ${bo.user.displayName}` })).toBeVisible();
  await expect
    .poll(async () => {
      await page.reload();
      const comments = page.getByRole('region', { name: 'Comments' });
      await comments.scrollIntoViewIfNeeded();
      return comments.textContent();
    })
    .toContain('[hidden by the author]');
  await expect(page.getByRole('region', { name: 'Comments' })).not.toContainText('What if the key store is down?');
  await reader.close();
  await bo.context.close();
  await ana.context.close();
});
