import { describe, expect, it } from 'vitest';
import { SigninBody, SignupBody } from '../../../shared/src/model/accounts.ts';
import { fieldErrors, plainWords, requestError } from './account-form.ts';

describe('account forms', () => {
  it('checks sign-up with the shared schema, one plain message per field', () => {
    expect(fieldErrors(SignupBody, { email: 'nope', password: 'short', handle: 'A!' })).toEqual({
      email: 'Email is not a valid email address.',
      password: 'Password must be at least 8 characters.',
      handle: 'Handle must be 3–30 characters, each a–z, 0–9, _ or -.',
    });
    expect(fieldErrors(SignupBody, { email: 'a@example.com', password: 'long-enough', handle: 'ana_1' })).toBeNull();
    expect(fieldErrors(SigninBody, { email: '', password: '' })).toEqual({
      email: 'Email is required.',
      password: 'Password is required.',
    });
  });

  it('puts server messages in plain words', () => {
    expect(plainWords('email: an account with this email already exists; sign in instead.')).toBe(
      'An account with this email already exists; sign in instead.',
    );
    const offline = Object.assign(new Error("You're offline."), { name: 'OfflineError' });
    expect(requestError(offline, 'sign in')).toBe("You're offline. Connect to the internet to sign in.");
  });
});
