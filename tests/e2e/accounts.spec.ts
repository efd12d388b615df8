import { expect, test } from '@playwright/test';
import { newUser } from './support/sign-up.ts';

test('sign up through "Become an author", sign out, sign in again; a wrong password is refused', async ({ page }) => {
  const { email, handle, password } = newUser();
  const nav = page.getByRole('navigation', { name: 'Main' });

  await page.goto('/');
  await nav.getByRole('link', { name: 'Become an author' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Become an author' })).toBeVisible();

  // Client-side validation with the shared schema, shown next to the field.
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Email is not a valid email address.')).toBeVisible();
  await expect(page.getByLabel('Email')).toBeFocused();

  await page.getByLabel('Email').fill(email);
  await expect(page.getByText('Email is not a valid email address.')).toHaveCount(0);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Handle').fill(handle);
  await page.getByRole('button', { name: 'Create account' }).click();

  await expect(page).toHaveURL(new RegExp(`/@${handle}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^User \d+$/);
  const name = (await page.getByRole('heading', { level: 1 }).textContent()) ?? '';
  await expect(nav.getByRole('link', { name })).toHaveAttribute('href', `/@${handle}`);

  await nav.getByRole('button', { name: 'Sign out' }).click();
  await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Become an author' })).toBeVisible();

  // Signed out stays signed out after a reload.
  await page.reload();
  await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await nav.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong password!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Email or password is incorrect.' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();

  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/@${handle}$`));
  await expect(nav.getByRole('link', { name })).toBeVisible();

  // Still signed in after a reload.
  await page.reload();
  await expect(nav.getByRole('link', { name })).toBeVisible();
});
