/**
 * Series as a shared thing: the owner invites a co-author (pending at once, offline too), the invitee
 * accepts on /notifications, and the series page then names them in its byline.
 *
 * Then the co-author publishes part 2 from the editor into the owner's series.
 *
 * Seeded authors have no password, so the series is written straight into the running server's store (its
 * SQLite file, in WAL mode, takes a second connection) rather than published through a second editor.
 */
import { expect, test } from '@playwright/test';
import { ACCOUNT_API, type SessionInfo } from '../../shared/src/model/accounts.ts';
import { openSqliteStore } from '../../sync-server/src/storage/sqlite/sqlite-store.ts';
import { seriousViolations } from './support/axe.ts';
import { signUp } from './support/sign-up.ts';

/** A series of one part owned by `ownerId`, written into the e2e server's store. */
async function seriesOwnedBy(ownerId: string) {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set; run this through playwright.config.ts');
  const run = Date.now().toString(36);
  const series = { id: `s_e2e_${run}`, slug: `shared-notes-${run}`, title: `Shared notes ${run}` };
  const at = new Date().toISOString();
  const store = openSqliteStore({ dataDir });
  try {
    await store.importCatalog({
      users: [],
      tags: [],
      series: [{ ...series, description: 'Written by more than one person.', authorId: ownerId }],
      posts: [
        {
          id: `p_e2e_${run}`,
          slug: `shared-notes-part-1-${run}`,
          title: `Shared notes, part 1 ${run}`,
          excerpt: 'The first part.',
          authorId: ownerId,
          seriesId: series.id,
          seriesPart: 1,
          tags: [],
          contentJson: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph' }] }),
          images: [],
          readingMinutes: 1,
          publishedAt: at,
          updatedAt: at,
        },
      ],
      follows: [],
      tagFollows: [],
      reactions: [],
      comments: [],
    });
  } finally {
    await store.close();
  }
  return series;
}

test('the owner invites a co-author (pending offline), who accepts on /notifications; the series names them', async ({
  page,
  context,
  browser,
}) => {
  const owner = await signUp(page);
  const ownerId = ((await (await page.request.get(ACCOUNT_API.session)).json()) as SessionInfo).user.id;
  const series = await seriesOwnedBy(ownerId);

  const guestContext = await browser.newContext();
  const guestPage = await guestContext.newPage();
  const guest = await signUp(guestPage);

  // The owner's series page: their byline, and the co-author panel only they see.
  await page.goto(`/series/${series.slug}`);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText(series.title);
  await expect(main.getByText(`Written by ${owner.displayName}`, { exact: true })).toBeVisible();
  const panel = main.getByRole('region', { name: 'Co-authors' });
  const handle = panel.getByRole('textbox', { name: 'Invite co-author' });

  // A handle that cannot be one is caught before anything is sent.
  await handle.fill('x');
  await panel.getByRole('button', { name: 'Invite' }).click();
  await expect(panel.getByRole('alert')).toHaveText(/3–30 characters/);
  await expect(handle).toHaveAttribute('aria-invalid', 'true');

  // Offline: the invitation shows at once as pending; back online it reaches the server.
  await context.setOffline(true);
  await handle.fill(`@${guest.handle}`);
  await panel.getByRole('button', { name: 'Invite' }).click();
  await expect(handle).toHaveValue('');
  const row = panel.getByRole('listitem').filter({ hasText: `@${guest.handle}` });
  await expect(row.getByRole('status')).toContainText('Pending');
  await context.setOffline(false);
  await expect(row.getByRole('status')).toHaveText('Invited · no answer yet');
  await expect(row).toContainText(guest.displayName);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page), `axe on the series page (${scheme})`).toEqual([]);
  }

  // The invitee answers on /notifications; the answer shows once given and after the server took it.
  await guestPage.goto('/notifications');
  const inbox = guestPage.getByRole('main');
  const notification = inbox
    .getByRole('listitem')
    .filter({ hasText: `${owner.displayName} invited you to write parts of ${series.title}` });
  await expect(notification).toBeVisible();
  await expect(notification.getByRole('button', { name: `Decline the invitation to ${series.title}` })).toBeVisible();
  expect(await seriousViolations(guestPage), 'axe on /notifications').toEqual([]);
  await notification.getByRole('button', { name: `Accept the invitation to ${series.title}` }).click();
  const answer = notification.getByRole('status');
  await expect(answer).toContainText(`You accepted: you can publish parts of ${series.title}.`);
  await expect(answer.getByText('Pending')).toBeHidden();
  await expect(notification.getByRole('button', { name: /^Accept/ })).toHaveCount(0);
  await guestPage.reload();
  await expect(notification.getByRole('status')).toContainText('You accepted');

  // Everyone sees the co-author in the byline; the owner's list of unanswered invitations is empty again.
  await page.reload();
  await expect(main.getByText(`Written by ${owner.displayName} with ${guest.displayName}`)).toBeVisible();
  await expect(panel.getByRole('listitem')).toHaveCount(0);
  await guestPage.goto(`/series/${series.slug}`);
  await expect(inbox.getByText(`Written by ${owner.displayName} with ${guest.displayName}`)).toBeVisible();
  await expect(inbox.getByRole('region', { name: 'Co-authors' })).toHaveCount(0);

  // The co-author writes part 2 in the editor and publishes it into the owner's series.
  await guestPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Write' }).click();
  await guestPage.getByRole('textbox', { name: 'Title' }).fill(`${series.title}, part 2`);
  await guestPage.getByRole('textbox', { name: 'Post body' }).click();
  await guestPage.keyboard.type('The second part, by a co-author.');
  await guestPage.getByText('Excerpt, tags, series and cover').click();
  await guestPage.getByLabel('Series', { exact: true }).fill(series.title);
  await guestPage.getByLabel('Part', { exact: true }).fill('2');
  await guestPage.getByLabel('Part', { exact: true }).press('Tab');
  await guestPage.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(guestPage.getByRole('link', { name: 'View post' })).toBeVisible();
  await page.goto(`/series/${series.slug}`);
  await expect(main.getByRole('link', { name: `${series.title}, part 2` })).toBeVisible();
  await guestContext.close();
});
