/**
 * In-memory token buckets keyed by a string (an IP address, an email). Each key holds up to `burst`
 * tokens and regains one every `refillMs`; a request takes one or is refused with the wait until the
 * next token. Memory stays bounded: full buckets carry no information and are dropped when the map grows.
 * One process only — with several server processes, each keeps its own buckets (documented limit).
 */
export type BucketOptions = { burst: number; refillMs: number; maxKeys?: number };
export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

type Bucket = { tokens: number; updatedAt: number };

export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();
  readonly #burst: number;
  readonly #refillMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;

  constructor(options: BucketOptions, now: () => number = Date.now) {
    if (!(options.burst >= 1 && options.refillMs > 0)) throw new RangeError('burst must be ≥ 1 and refillMs > 0');
    this.#burst = options.burst;
    this.#refillMs = options.refillMs;
    this.#maxKeys = options.maxKeys ?? 50_000;
    this.#now = now;
  }

  #refilled(bucket: Bucket, now: number): number {
    return Math.min(this.#burst, bucket.tokens + (now - bucket.updatedAt) / this.#refillMs);
  }

  take(key: string): TakeResult {
    const now = this.#now();
    const bucket = this.#buckets.get(key);
    const tokens = bucket ? this.#refilled(bucket, now) : this.#burst;
    if (tokens < 1) return { ok: false, retryAfterMs: Math.ceil((1 - tokens) * this.#refillMs) };
    if (!bucket && this.#buckets.size >= this.#maxKeys) this.#prune(now);
    this.#buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    return { ok: true };
  }

  /** Drops buckets that have refilled; if that frees nothing, the oldest entries (insertion order). */
  #prune(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (this.#refilled(bucket, now) >= this.#burst) this.#buckets.delete(key);
    }
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size < this.#maxKeys) break;
      this.#buckets.delete(key);
    }
  }

  get size(): number {
    return this.#buckets.size;
  }
}
