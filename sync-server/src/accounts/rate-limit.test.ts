import { describe, expect, it } from 'vitest';
import { TokenBuckets } from './rate-limit.ts';

describe('TokenBuckets', () => {
  it('allows the burst, refuses the next with the wait until a token, refills over time', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 3, refillMs: 1000 }, () => now);
    expect([1, 2, 3].map(() => buckets.take('ip').ok)).toEqual([true, true, true]);
    expect(buckets.take('ip')).toEqual({ ok: false, retryAfterMs: 1000 });
    now = 400;
    expect(buckets.take('ip')).toEqual({ ok: false, retryAfterMs: 600 });
    expect(buckets.take('other').ok).toBe(true);
    now = 1000;
    expect(buckets.take('ip').ok).toBe(true);
    expect(buckets.take('ip').ok).toBe(false);
  });

  it('keeps memory bounded', () => {
    let now = 0;
    const buckets = new TokenBuckets({ burst: 2, refillMs: 1000, maxKeys: 10 }, () => now);
    for (let i = 0; i < 100; i++) {
      buckets.take(`k${i}`);
      now += 1;
    }
    expect(buckets.size).toBeLessThanOrEqual(10);
  });
});
