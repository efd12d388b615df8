/**
 * Popular lists are computed from every post, reaction, comment and follow in a window, so they are kept
 * for a short while per key (window and limit). A write that changes a score calls `invalidate()`, which
 * drops everything, including computations still running (their answer may predate the write).
 * One process only, like the rate limits.
 */
export type PopularCache = {
  get<T>(key: string, compute: () => Promise<T>): Promise<T>;
  invalidate(): void;
};

export function createPopularCache({ ttlMs, now = Date.now }: { ttlMs: number; now?: () => number }): PopularCache {
  const entries = new Map<string, { value: Promise<unknown>; until: number }>();

  return {
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const at = now();
      const entry = entries.get(key);
      if (entry && entry.until > at) return entry.value as Promise<T>;
      const value = compute();
      entries.set(key, { value, until: at + ttlMs });
      // A failure is not kept: the next request tries again.
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },

    invalidate(): void {
      entries.clear();
    },
  };
}
