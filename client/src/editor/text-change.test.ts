import { describe, expect, it } from 'vitest';
import { shiftPosition, textChange } from './text-change.ts';

const apply = (text: string, change: ReturnType<typeof textChange>) =>
  change ? text.slice(0, change.index) + change.insert + text.slice(change.index + change.remove) : text;

describe('textChange', () => {
  it('finds inserts, deletes and replacements at the edit', () => {
    expect(textChange('Cache', 'Caches')).toEqual({ index: 5, remove: 0, insert: 's' });
    expect(textChange('Caches', 'Cache')).toEqual({ index: 5, remove: 1, insert: '' });
    expect(textChange('read path', 'write path')).toEqual({ index: 0, remove: 4, insert: 'write' });
    expect(textChange('same', 'same')).toBeNull();
  });

  it('turns any string into any other (seeded random pairs)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = () => Array.from({ length: rand(8) }, () => 'abcab'[rand(5)]).join('');
    for (let i = 0; i < 500; i++) {
      const a = word();
      const b = word();
      expect(apply(a, textChange(a, b))).toBe(b);
    }
  });

  it("keeps a caret in place around someone else's edit", () => {
    const change = { index: 2, remove: 3, insert: 'xy' };
    expect(shiftPosition(1, change)).toBe(1);
    expect(shiftPosition(8, change)).toBe(7);
    expect(shiftPosition(3, change)).toBe(4);
  });
});
