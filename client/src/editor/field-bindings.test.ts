import { describe, expect, it } from 'vitest';
import { parseTags } from './field-bindings.ts';

describe('parseTags', () => {
  it('slugifies, drops empties and repeats, and keeps at most the limit in order', () => {
    expect(parseTags(' Caching, Distributed Systems ,, caching, APIs, Queues, extra', 4)).toEqual([
      'caching',
      'distributed-systems',
      'apis',
      'queues',
    ]);
    expect(parseTags('', 4)).toEqual([]);
  });
});
