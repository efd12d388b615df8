import { describe, expect, it } from 'vitest';
import { nextToolIndex } from './toolbar-keys.ts';

describe('nextToolIndex', () => {
  it('moves with the arrows, wrapping, and jumps with Home and End', () => {
    expect(nextToolIndex('ArrowRight', 0, 5)).toBe(1);
    expect(nextToolIndex('ArrowRight', 4, 5)).toBe(0);
    expect(nextToolIndex('ArrowLeft', 0, 5)).toBe(4);
    expect(nextToolIndex('Home', 3, 5)).toBe(0);
    expect(nextToolIndex('End', 1, 5)).toBe(4);
    expect(nextToolIndex('a', 1, 5)).toBeNull();
    expect(nextToolIndex('ArrowRight', 0, 0)).toBeNull();
  });
});
