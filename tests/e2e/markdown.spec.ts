/**
 * Markdown in and out of drafts (issue 6): pasting Markdown into the editor keeps its structure (and
 * HTML on the clipboard still wins), and Settings → "Your writing" imports a Markdown file as a draft
 * and exports everything as a zip that holds it.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { signUp } from './support/sign-up.ts';

const body = (page: Page) => page.getByRole('textbox', { name: 'Post body' });

async function startDraft(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Write' }).click();
  await expect(page).toHaveURL(/\/write\/[A-Za-z0-9_-]+$/);
  await expect(body(page)).toBeVisible();
}

/** A paste as the browser sends it, with the given clipboard flavours. */
async function paste(page: Page, flavours: Record<string, string>) {
  await body(page).click();
  await expect(body(page)).toBeFocused();
  await page.evaluate((data) => {
    const clipboardData = new DataTransfer();
    for (const [type, value] of Object.entries(data)) clipboardData.setData(type, value);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData, bubbles: true, cancelable: true }),
    );
  }, flavours);
}

test('pasted Markdown becomes headings, task lists and links; HTML on the clipboard wins', async ({ page }) => {
  await signUp(page);
  await startDraft(page);
  await paste(page, {
    'text/plain': '## Plan\n\n- [x] bound the queue\n- [ ] shed load\n\nSee [the docs](https://example.com/docs).',
  });
  await expect(body(page).getByRole('heading', { level: 2, name: 'Plan' })).toBeVisible();
  await expect(body(page).locator('ul[data-type="taskList"] > li')).toHaveCount(2);
  await expect(body(page).getByRole('link', { name: 'the docs' })).toHaveAttribute('href', 'https://example.com/docs');

  await paste(page, { 'text/plain': '## Not a heading', 'text/html': '<p>From a web page</p>' });
  await expect(body(page)).toContainText('From a web page');
  await expect(body(page).getByRole('heading', { name: 'Not a heading' })).toHaveCount(0);
});

test('Settings imports a Markdown file as a draft and exports everything as a zip', async ({ page }) => {
  await signUp(page);
  await page.goto('/settings');
  const writing = page.getByRole('region', { name: 'Your writing' });
  await writing.locator('#import-file').setInputFiles({
    name: 'notes.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('---\ntitle: Imported notes\ntags: queues\n---\n\n## Terms\n\nA **bounded** queue.\n'),
  });
  await expect(writing.getByRole('status').filter({ hasText: 'Created 1 draft.' })).toBeVisible();

  const download = page.waitForEvent('download');
  await writing.getByRole('button', { name: 'Export everything' }).click();
  const zip = unzipSync(readFileSync(await (await download).path()));
  const draftFile = Object.keys(zip).find((name) => name.startsWith('drafts/imported-notes-'));
  expect(draftFile).toBeDefined();
  expect(strFromU8(zip[draftFile!]!)).toContain('## Terms\n\nA **bounded** queue.');
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(['follows.json', 'reading-list.json']));

  await writing.getByRole('link', { name: 'Imported notes' }).click();
  await expect(page).toHaveURL(/\/write\/d_[A-Za-z0-9_-]+$/);
  await expect(body(page).getByRole('heading', { level: 2, name: 'Terms' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Title' })).toHaveValue('Imported notes');
});

test('Settings says why a file cannot be imported', async ({ page }) => {
  await signUp(page);
  await page.goto('/settings');
  const writing = page.getByRole('region', { name: 'Your writing' });
  await writing.locator('#import-file').setInputFiles({
    name: 'broken.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from('---\ntitle: Broken\nnot a pair\n---\n'),
  });
  await expect(writing.getByRole('alert')).toHaveText(
    'broken.md was not imported: broken.md: Line 3: expected "key: value", found "not a pair". Fix the front matter and import again.',
  );
});
