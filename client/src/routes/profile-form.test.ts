import { describe, expect, it } from 'vitest';
import { ProfilePatch } from '../../../shared/src/model/accounts.ts';
import type { Author } from '../../../shared/src/model/catalog.ts';
import { fieldErrors, fieldOfMessage } from './account-form.ts';
import { changedFields, PROFILE_LABELS, profileValues } from './profile-form.ts';

const author: Author = {
  id: 'u1',
  handle: 'ana',
  displayName: 'User 1775805635367',
  headline: '',
  joinedAt: '2026-01-01T00:00:00.000Z',
  followerCount: 0,
  postCount: 0,
  website: null,
  github: 'ana-dev',
  supportUrl: null,
  location: null,
  bio: '',
  followingCount: 0,
  commentCount: 0,
};

describe('profile form', () => {
  it('starts from the kept profile with a waiting change laid over it', () => {
    const values = profileValues(author, { headline: 'Queues, mostly' });
    expect(values).toMatchObject({ displayName: 'User 1775805635367', github: 'ana-dev', website: '' });
    expect(values.headline).toBe('Queues, mostly');
  });

  it('sends only the fields that changed, empty ones included (they clear the field)', () => {
    const initial = profileValues(author);
    const values = { ...initial, displayName: 'Ana Lee', github: '', bio: 'Writes about queues.  ' };
    expect(changedFields(initial, values)).toEqual({
      displayName: 'Ana Lee',
      github: '',
      bio: 'Writes about queues.  ',
    });
    expect(changedFields(initial, { ...initial, headline: '   ' })).toEqual({});
  });

  it('checks values with the shared schema: http(s) URLs only, bio length, a name', () => {
    const values = {
      ...profileValues(author),
      displayName: '  ',
      website: 'javascript:alert(1)',
      supportUrl: 'ftp://example.org',
      bio: 'x'.repeat(1001),
    };
    expect(fieldErrors(ProfilePatch, values, PROFILE_LABELS)).toEqual({
      displayName: 'Display name cannot be empty.',
      website: 'Website must be an http:// or https:// address.',
      supportUrl: 'Support link must be an http:// or https:// address.',
      bio: 'Bio must be at most 1000 characters.',
    });
    expect(fieldErrors(ProfilePatch, { ...profileValues(author), website: 'https://ana.dev' })).toBeNull();
  });

  it('finds the field a server message is about', () => {
    const fields = ['displayName', 'handle', 'website'] as const;
    expect(fieldOfMessage('handle "ana" is taken; choose another.', fields)).toBe('handle');
    expect(fieldOfMessage('website: must be a URL', fields)).toBe('website');
    expect(fieldOfMessage('Email or password is incorrect.', fields)).toBeNull();
  });
});
