import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../storage/store.ts';
import { fixtureCatalog, hoursAgo, NOW, tempStore } from '../testing/fixtures.ts';
import { startWriteOpsPruner, type WriteOpsPruner } from './write-ops-pruner.ts';

let store: Store;
let cleanup: () => Promise<void>;
const pruners: WriteOpsPruner[] = [];
beforeEach(async () => {
  ({ store, cleanup } = tempStore());
  await store.importCatalog(fixtureCatalog());
});
afterEach(async () => {
  for (const pruner of pruners.splice(0)) await pruner.stop();
  await cleanup();
});

let n = 0;
/** Stores one reaction change received `hours` ago; returns its op id. */
async function recordOp(hours: number): Promise<string> {
  const opId = `op-prune-${++n}`;
  await store.setReaction(
    { userId: 'u_bo', opId, request: `like ${n}`, receivedAt: hoursAgo(hours) },
    { postId: 'p_002', kind: 'like', on: n % 2 === 0 },
  );
  return opId;
}

const DAY = 24;
const start = (options: Partial<Parameters<typeof startWriteOpsPruner>[0]> = {}) => {
  const errors: unknown[] = [];
  const pruner = startWriteOpsPruner({ store, now: () => NOW, onError: (e) => errors.push(e), ...options });
  pruners.push(pruner);
  return { pruner, errors };
};
const waitFor = async (check: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
};

describe('pruning old op records', () => {
  it('forgets records older than seven days and keeps the rest, replays of recent ones still answered', async () => {
    const old = [await recordOp(7 * DAY + 1), await recordOp(30 * DAY)];
    const recent = [await recordOp(7 * DAY - 1), await recordOp(1)];
    const { pruner, errors } = start();
    // The pass started with the pruner has run (or is running): a second call joins or repeats it.
    await pruner.prune();
    for (const opId of old) expect(await store.getOp('u_bo', opId)).toBeNull();
    for (const opId of recent) expect(await store.getOp('u_bo', opId)).not.toBeNull();
    expect(errors).toEqual([]);
  });

  it('works through a backlog larger than one batch in one pass', async () => {
    for (let i = 0; i < 1_203; i++) await recordOp(8 * DAY + i / 100);
    const kept = await recordOp(2);
    const { pruner } = start();
    // Joins the pass started with the pruner: three batches of at most 500.
    expect(await pruner.prune()).toBe(1_203);
    expect(await pruner.prune()).toBe(0);
    expect(await store.getOp('u_bo', kept)).not.toBeNull();
  });

  it('runs again every interval, reports a failed pass and keeps going, and stops for good', async () => {
    let calls = 0;
    const failing = {
      async pruneWriteOps(): Promise<number> {
        calls += 1;
        if (calls === 1) throw new Error('database is locked');
        return 0;
      },
    };
    const { pruner, errors } = start({ store: failing, intervalMs: 10 });
    await waitFor(() => calls >= 3);
    expect(errors).toEqual([new Error('database is locked')]);
    await pruner.stop();
    await pruner.stop();
    const after = calls;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBe(after);
  });
});
