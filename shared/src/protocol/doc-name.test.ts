import { describe, expect, it } from 'vitest';
import { draftDocName, formatDocName, parseDocName, userDocName } from './doc-name.ts';

describe('parseDocName', () => {
  it.each([
    ['draft:abc', 'draft', 'abc'],
    ['user:u_42-X', 'user', 'u_42-X'],
    [`draft:${'a'.repeat(64)}`, 'draft', 'a'.repeat(64)],
  ])('accepts %s', (name, kind, id) => {
    expect(parseDocName(name)).toEqual({ ok: true, kind, id });
  });

  it.each([
    '',
    'draft',
    'draft:',
    ':abc',
    'draft:a b',
    'draft:a/b',
    'draft:a:b',
    `draft:${'a'.repeat(65)}`,
    'Draft:abc',
    'dr aft:abc',
    'draft:é',
    'draft:abc\u0000',
  ])('rejects %j as malformed', (name) => {
    expect(parseDocName(name)).toMatchObject({ ok: false, error: 'malformed' });
  });

  it('tells an unknown kind apart from a malformed name', () => {
    expect(parseDocName('board:abc')).toMatchObject({ ok: false, error: 'unknown-kind', kind: 'board' });
  });

  it('round-trips through formatDocName', () => {
    expect(parseDocName(draftDocName('d1'))).toEqual({ ok: true, kind: 'draft', id: 'd1' });
    expect(parseDocName(userDocName('u1'))).toEqual({ ok: true, kind: 'user', id: 'u1' });
    expect(() => formatDocName('draft', 'bad id')).toThrow(RangeError);
  });
});
