import { expect, test } from '@playwright/test';
import { waitForServiceWorkerControl } from './support/service-worker.ts';
import { signUp } from './support/sign-up.ts';

test('edit profile: a bad website is refused next to the field; saved fields show on the profile', async ({ page }) => {
  const me = await signUp(page);
  const main = page.getByRole('main');
  expect(me.displayName).toMatch(/^User \d+$/);

  await main.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit profile' })).toBeVisible();
  await expect(page.getByLabel('Display name')).toHaveValue(me.displayName);
  await expect(page.getByLabel('Handle')).toHaveValue(me.handle);

  // Checked with the shared schema before anything is sent.
  await page.getByLabel('Website').fill('javascript:alert(1)');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByLabel('Website')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Website must be an http:// or https:// address.')).toBeVisible();
  await expect(page.getByLabel('Website')).toBeFocused();

  await page.getByLabel('Display name').fill('Ada Queue');
  await page.getByLabel('Headline').fill('Writes about queues and back-pressure');
  await page.getByLabel('Website').fill('https://ada.example.org');
  const bio = 'I build message brokers.\nThis is my second line.';
  await page.getByLabel('Bio').fill(bio);
  await expect(page.getByText(`${bio.length} of 1000 characters`)).toBeVisible();
  await page.getByRole('button', { name: 'Save profile' }).click();

  await expect(page).toHaveURL(new RegExp(`/@${me.handle}$`));
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Ada Queue');
  await expect(main.getByText('Writes about queues and back-pressure')).toBeVisible();
  await expect(main.getByText('I build message brokers.')).toBeVisible();
  await expect(main.getByRole('link', { name: 'ada.example.org' })).toHaveAttribute('href', 'https://ada.example.org');
  // The header follows the new name.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Ada Queue' })).toBeVisible();

  // The server has it too (a fresh load).
  await page.reload();
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Ada Queue');
});

test('edit profile offline: kept on the device, "Will apply when online", applied once online', async ({
  page,
  context,
}) => {
  const me = await signUp(page);
  await waitForServiceWorkerControl(page);
  const main = page.getByRole('main');
  await main.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page.getByLabel('Handle')).toHaveValue(me.handle);

  await context.setOffline(true);
  await page.getByLabel('Headline').fill('Written on a plane');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Will apply when online.' })).toBeVisible();

  await context.setOffline(false);
  // The outbox sends it when the browser comes online; the profile then shows it.
  await expect(async () => {
    await page.goto(`/@${me.handle}`);
    await expect(main.getByText('Written on a plane')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  const res = await page.request.get(`/api/authors/by-handle/${me.handle}`);
  expect(((await res.json()) as { headline: string }).headline).toBe('Written on a plane');
});

// A 1×1 PNG.
const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test('avatar: initials until an image is uploaded; a GIF is refused; the profile shows the upload', async ({
  page,
}) => {
  const me = await signUp(page);
  const main = page.getByRole('main');
  await main.getByRole('link', { name: 'Edit profile' }).click();
  await expect(page.getByLabel('Handle')).toHaveValue(me.handle);
  const avatar = main.locator('.avatar-editor .avatar');
  await expect(avatar).toHaveText(/^U\d?$/);

  const file = page.getByLabel('Upload an image');
  await file.setInputFiles({ name: 'face.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
  await expect(page.getByRole('alert').filter({ hasText: 'Choose a PNG, JPEG or WebP image.' })).toBeVisible();

  await file.setInputFiles({ name: 'face.png', mimeType: 'image/png', buffer: PNG_1PX });
  await expect(page.getByRole('status').filter({ hasText: 'Avatar updated.' })).toBeVisible();
  await expect(main.locator('.avatar-editor img.avatar')).toHaveAttribute('src', /^\/media\/avatars\/.+\.png$/);

  await page.goto(`/@${me.handle}`);
  const shown = main.locator('.profile-header img.avatar');
  await expect(shown).toHaveAttribute('src', /^\/media\/avatars\/.+\.png$/);
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
});
