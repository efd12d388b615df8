import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../../tests/sync/support/wait.ts';
import { createDraftActivity } from './draft-activity.ts';
import { draftState } from './testing.ts';

function tracker(delayMs = 60_000) {
  const recorded: [string, string, string][] = [];
  const titles = new Map([
    ['a', 'Alpha'],
    ['b', 'Beta'],
  ]);
  const activity = createDraftActivity({
    store: { recordDraftEdit: async (id, edit) => void recorded.push([id, edit.title, edit.at]) },
    states: {
      load: async (id) => {
        const title = titles.get(id);
        if (title === undefined) throw new Error('no such document');
        return draftState({ title });
      },
    },
    logger: pino({ level: 'silent' }),
    now: () => new Date('2026-03-01T10:00:00.000Z'),
    delayMs,
  });
  return { activity, recorded, titles };
}

describe('draft activity', () => {
  it('reads each stored draft once per flush, with the time its change was stored; other documents are ignored', async () => {
    const { activity, recorded } = tracker();
    activity.stored(['draft:a', 'user:u1', 'draft:a']);
    activity.stored(['draft:b']);
    await activity.flush();
    expect(recorded).toEqual([
      ['a', 'Alpha', '2026-03-01T10:00:00.000Z'],
      ['b', 'Beta', '2026-03-01T10:00:00.000Z'],
    ]);
    await activity.flush();
    expect(recorded).toHaveLength(2);
  });

  it('flushes by itself after the delay, and a draft it cannot read does not stop the others', async () => {
    const { activity, recorded, titles } = tracker(5);
    titles.delete('a');
    activity.stored(['draft:a', 'draft:b']);
    await waitFor(() => recorded.length === 1);
    expect(recorded[0]?.[0]).toBe('b');
  });
});
