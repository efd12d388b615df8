/**
 * Work that must finish before the page reloads for a new version: an open draft registers "store every
 * change on this device", and the update prompt waits for all of them (bounded, so a stuck write cannot
 * keep an update from ever applying; the draft's own beforeunload warning still stands then).
 */
type Flush = () => Promise<void>;

const flushes = new Set<Flush>();

/** Registers `flush`; returns the disposer. */
export function beforeReload(flush: Flush): () => void {
  flushes.add(flush);
  return () => flushes.delete(flush);
}

/** Resolves once every registered flush settled, or after `timeoutMs`. Returns whether all settled in time. */
export async function flushBeforeReload(timeoutMs = 5_000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const all = Promise.allSettled([...flushes].map((flush) => flush())).then(() => true);
  try {
    return await Promise.race([all, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
