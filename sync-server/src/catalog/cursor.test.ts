import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, toPage } from './cursor.ts';

describe('page cursors', () => {
  const position = { publishedAt: '2025-06-01T12:00:00.000Z', id: 'p_abc-DEF_1' };

  it('round-trips a position through an opaque base64url string', () => {
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('2025');
    expect(decodeCursor(cursor)).toEqual(position);
  });

  it('rejects cursors it did not make', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const bad of [
      '',
      'not base64!',
      b64('no separator'),
      b64('yesterday|p_1'),
      b64('2025-06-01T12:00:00.000Z|'),
      b64('2025-06-01T12:00:00.000Z|bad id with spaces'),
      b64('2025-13-45T99:00:00.000Z|p_1'),
    ]) {
      expect(decodeCursor(bad), bad).toBeNull();
    }
  });

  it('makes a page from limit + 1 rows, pointing the cursor at the last row shown', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `p_${n}`, publishedAt: position.publishedAt }));
    const page = toPage(rows, 2);
    expect(page.items.map((r) => r.id)).toEqual(['p_1', 'p_2']);
    expect(decodeCursor(page.nextCursor!)).toEqual({ publishedAt: position.publishedAt, id: 'p_2' });
    expect(toPage(rows, 3).nextCursor).toBeNull();
  });
});
