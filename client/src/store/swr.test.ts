import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { type SwrSnapshot, watchSwr } from './swr.ts';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

function record<T>() {
  const snaps: SwrSnapshot<T>[] = [];
  return { snaps, onChange: (s: SwrSnapshot<T>) => snaps.push(s) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 80));

describe('watchSwr with an early read', () => {
  it('shows the early read before the live query answers, then the live value', async () => {
    const { snaps, onChange } = record<string>();
    const watch = watchSwr(
      () => later('live', 40),
      async () => undefined,
      onChange,
      Promise.resolve('early'),
    );
    await settle();
    const data = snaps.filter((s) => s.local).map((s) => s.data);
    expect(data[0]).toBe('early');
    expect(data.at(-1)).toBe('live');
    watch.dispose();
  });

  it('ignores an early read that answers after the live query', async () => {
    const { snaps, onChange } = record<string>();
    const watch = watchSwr(
      () => Promise.resolve('live'),
      async () => undefined,
      onChange,
      later('stale', 40),
    );
    await settle();
    expect(snaps.filter((s) => s.local).map((s) => s.data)).not.toContain('stale');
    expect(snaps.at(-1)?.data).toBe('live');
    watch.dispose();
  });

  it('does not mark the local read done when the early read found nothing', async () => {
    const { snaps, onChange } = record<string>();
    const watch = watchSwr(
      () => later(undefined, 40),
      () => new Promise(() => undefined),
      onChange,
      Promise.resolve(undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(snaps.some((s) => s.local)).toBe(false);
    watch.dispose();
  });
});
