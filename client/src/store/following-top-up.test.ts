import { describe, expect, it } from 'vitest';
import { createFollowingTopUp } from './following-top-up.ts';
import type { SaveTarget } from './saved.ts';

function setup(kept: boolean) {
  const saves: SaveTarget[] = [];
  let release: () => void = () => undefined;
  const state = { kept, fail: false, hold: false };
  const topUp = createFollowingTopUp({
    isKept: async () => state.kept,
    saveNew: async (target) => {
      saves.push(target);
      if (state.hold) await new Promise<void>((resolve) => (release = resolve));
      if (state.fail) throw new TypeError('Failed to fetch');
    },
  });
  return { state, saves, topUp, release: () => release() };
}

describe('keeping followed writing offline', () => {
  it('tops up the Following feed only when the user keeps it offline', async () => {
    const off = setup(false);
    expect(await off.topUp('u1')).toBe(false);
    expect(off.saves).toEqual([]);
    const on = setup(true);
    expect(await on.topUp('u1')).toBe(true);
    expect(on.saves).toEqual([{ kind: 'following', userId: 'u1' }]);
  });

  it('runs one top-up at a time: triggers during one share it', async () => {
    const { state, saves, topUp, release } = setup(true);
    state.hold = true;
    const first = topUp('u1');
    const second = topUp('u1');
    await new Promise((r) => setTimeout(r, 0));
    release();
    expect(await Promise.all([first, second])).toEqual([true, true]);
    expect(saves).toHaveLength(1);
    state.hold = false;
    await topUp('u1');
    expect(saves).toHaveLength(2);
  });

  it('a failed top-up (offline) is left for the next trigger', async () => {
    const { state, topUp, saves } = setup(true);
    state.fail = true;
    expect(await topUp('u1')).toBe(false);
    state.fail = false;
    expect(await topUp('u1')).toBe(true);
    expect(saves).toHaveLength(2);
  });
});
