import { describe, expect, it } from 'vitest';
import { beforeReload, flushBeforeReload } from './flush-before-reload.ts';

describe('flushBeforeReload', () => {
  it('waits for every registered flush, and not for disposed ones', async () => {
    const done: string[] = [];
    const stopA = beforeReload(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done.push('a');
    });
    const stopB = beforeReload(async () => {
      done.push('b');
    });
    const stopC = beforeReload(() => new Promise(() => undefined));
    stopC();
    expect(await flushBeforeReload(1_000)).toBe(true);
    expect(done.sort()).toEqual(['a', 'b']);
    stopA();
    stopB();
  });

  it('gives up after the timeout when a flush never settles', async () => {
    const stop = beforeReload(() => new Promise(() => undefined));
    expect(await flushBeforeReload(30)).toBe(false);
    stop();
  });
});
