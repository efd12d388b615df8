import { describe, expect, it } from 'vitest';
import { createPopularCache } from './popular-cache.ts';

describe('popular cache', () => {
  it('keeps a value per key until the TTL passes or a write invalidates it', async () => {
    let clock = 0;
    let computed = 0;
    const cache = createPopularCache({ ttlMs: 1000, now: () => clock });
    const compute = async () => ++computed;
    expect(await cache.get('posts:week', compute)).toBe(1);
    expect(await cache.get('posts:week', compute)).toBe(1);
    expect(await cache.get('posts:month', compute)).toBe(2);
    clock = 999;
    expect(await cache.get('posts:week', compute)).toBe(1);
    clock = 1000;
    expect(await cache.get('posts:week', compute)).toBe(3);
    cache.invalidate();
    expect(await cache.get('posts:week', compute)).toBe(4);
    expect(await cache.get('posts:month', compute)).toBe(5);
  });

  it('shares one computation between concurrent requests and forgets failures', async () => {
    const cache = createPopularCache({ ttlMs: 1000, now: () => 0 });
    let calls = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 5));
    const [a, b] = await Promise.all([cache.get('k', slow), cache.get('k', slow)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    cache.invalidate();
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await cache.get('k', async () => 42)).toBe(42);
  });
});
