/** Signing up a fresh user through "Become an author", for specs that need someone signed in. */
import { expect, type Page } from '@playwright/test';

export type NewUser = { email: string; password: string; handle: string };

/** A user no earlier run has taken (handles are unique). */
export function newUser(): NewUser {
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  return { email: `e2e-${run}@example.com`, password: 'correct horse battery', handle: `e2e_${run}`.slice(0, 30) };
}

/** Signs `user` up from the home page and waits for their profile; returns them with their display name. */
export async function signUp(page: Page, user: NewUser = newUser()): Promise<NewUser & { displayName: string }> {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Become an author' }).click();
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByLabel('Handle').fill(user.handle);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(new RegExp(`/@${user.handle}$`));
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(/^User \d+$/);
  return { ...user, displayName: (await heading.textContent()) ?? '' };
}
