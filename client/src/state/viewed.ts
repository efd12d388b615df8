/**
 * A thing and who looks at it as one comparable key, for resources whose kept answer and waiting changes
 * differ per viewer (reactions, comments, a series' co-authors).
 */
import type { Accessor } from 'solid-js';
import type { LiveRead } from '../store/changes.ts';
import { currentUser } from './session.ts';
import { createSwr } from './swr.ts';

type Viewed = { id: string; userId: string | null };

/** `id` and the signed-in user's id in one string; undefined until both are known. */
const viewedKey = (id: Accessor<string | undefined>) => () => {
  const value = id();
  const user = currentUser();
  return value && user !== undefined ? `${value} ${user?.id ?? ''}` : undefined;
};
const parse = (key: string): Viewed => {
  const [id = '', userId = ''] = key.split(' ');
  return { id, userId: userId || null };
};

/** The kept answer about `id` with the viewer's waiting changes over it, refreshed from the server. */
export function useViewed<T>(
  id: Accessor<string | undefined>,
  source: {
    live(id: string, userId: string | null): LiveRead<T | undefined>;
    refresh(id: string, userId: string | null): Promise<unknown>;
  },
) {
  return createSwr(
    viewedKey(id),
    (key) => {
      const { id, userId } = parse(key);
      return source.live(id, userId);
    },
    (key) => {
      const { id, userId } = parse(key);
      return source.refresh(id, userId);
    },
  );
}
