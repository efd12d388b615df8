/**
 * Token buckets: `capacity` tokens, refilled at `perSecond`. Pure arithmetic on a given clock, so
 * tests need no timers. The keyed limiter forgets full buckets on `sweep`, so a storm of distinct
 * IPs cannot grow it without bound.
 */
export type RateLimit = { capacity: number; perSecond: number };

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.capacity;
    this.at = now;
  }

  take(now: number, cost = 1): boolean {
    this.refill(now);
    if (this.tokens < cost) return false;
    this.tokens -= cost;
    return true;
  }

  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.limit.capacity;
  }

  private refill(now: number) {
    const elapsed = Math.max(0, now - this.at) / 1000;
    this.tokens = Math.min(this.limit.capacity, this.tokens + elapsed * this.limit.perSecond);
    this.at = now;
  }
}

export class KeyedRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly limit: RateLimit) {}

  get size(): number {
    return this.buckets.size;
  }

  take(key: string, now: number): boolean {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limit, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  /** Drops buckets that have refilled: they behave exactly like new ones. */
  sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
  }
}
