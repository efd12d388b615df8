import { afterEach, describe, expect, it, vi } from 'vitest';
import { keepHelperThreadsLow, lowerHelperThreads, type ThreadControl } from './helper-threads.ts';

/** Threads by id with their nice values; `gone` ones throw like a thread that has just ended. */
function fakeThreads(nice: Record<number, number>, gone: number[] = []) {
  const set: Array<[number, number]> = [];
  const threads: ThreadControl = {
    threadIds: () => Object.keys(nice).map(Number),
    getNice: (id) => {
      if (gone.includes(id)) throw Object.assign(new Error('no such process'), { code: 'ESRCH' });
      return nice[id] as number;
    },
    setNice: (id, value) => {
      set.push([id, value]);
      nice[id] = value;
    },
  };
  return { threads, set, nice };
}

describe('lowerHelperThreads', () => {
  it('lowers every thread but the main one, leaves lower ones alone, and skips threads that ended', () => {
    const { threads, set } = fakeThreads({ 100: 0, 101: 0, 102: 15, 103: 0, 104: 0 }, [103]);
    expect(lowerHelperThreads(10, 100, threads)).toBe(2);
    expect(set).toEqual([
      [101, 10],
      [104, 10],
    ]);
  });

  it('does nothing where threads cannot be listed', () => {
    const threads: ThreadControl = {
      threadIds: () => null,
      getNice: () => 0,
      setNice: () => {
        throw new Error('not expected');
      },
    };
    expect(lowerHelperThreads(10, 1, threads)).toBe(0);
  });
});

describe('keepHelperThreadsLow', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lowers at once and again later, so threads started afterwards are caught', () => {
    vi.useFakeTimers();
    const { threads, nice } = fakeThreads({ 1: 0, 2: 0 });
    const stop = keepHelperThreadsLow(10, { everyMs: 1_000, mainThreadId: 1, threads });
    expect(nice).toEqual({ 1: 0, 2: 10 });
    nice[3] = 0; // a thread started later, e.g. libuv's pool on first use
    vi.advanceTimersByTime(1_000);
    expect(nice).toEqual({ 1: 0, 2: 10, 3: 10 });
    stop();
    nice[4] = 0;
    vi.advanceTimersByTime(5_000);
    expect(nice[4]).toBe(0);
  });

  it('is off at nice 0', () => {
    const { threads, set } = fakeThreads({ 1: 0, 2: 0 });
    keepHelperThreadsLow(0, { mainThreadId: 1, threads })();
    expect(set).toEqual([]);
  });
});
