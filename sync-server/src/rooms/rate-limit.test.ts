import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter, TokenBucket } from './rate-limit.ts';

describe('rate limits', () => {
  it('LIMIT-2: a bucket allows its burst, then its refill rate', () => {
    const bucket = new TokenBucket({ capacity: 3, perSecond: 2 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(499)).toBe(false);
    expect(bucket.take(500)).toBe(true);
    expect(bucket.isFull(10_000)).toBe(true);
  });

  it('keys are independent and full buckets are forgotten', () => {
    const limiter = new KeyedRateLimiter({ capacity: 1, perSecond: 1 });
    expect(limiter.take('a', 0)).toBe(true);
    expect(limiter.take('a', 0)).toBe(false);
    expect(limiter.take('b', 0)).toBe(true);
    limiter.sweep(500);
    expect(limiter.size).toBe(2);
    limiter.sweep(1_000);
    expect(limiter.size).toBe(0);
  });
});
