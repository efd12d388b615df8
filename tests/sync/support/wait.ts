/**
 * Polling assertions instead of sleeps: retry until the check returns something other than false,
 * null or undefined (and does not throw), or the deadline passes.
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: { timeout?: number; interval?: number; message?: string } = {},
): Promise<Exclude<T, false | null | undefined>> {
  const deadline = Date.now() + (options.timeout ?? 5_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== false && value !== null && value !== undefined)
        return value as Exclude<T, false | null | undefined>;
      lastError = new Error(options.message ?? 'condition still false');
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw lastError;
    await sleep(options.interval ?? 10);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
