/**
 * The drafts this device has a copy of, per user: id, title, when it was last edited here, and what the
 * editor last knew of its sync state. "My drafts" shows them offline and before the server's list
 * arrives; the editor page keeps each entry current. A small JSON list in localStorage: it must be
 * readable without opening Yjs or IndexedDB, and it only describes copies that live in IndexedDB.
 */

export type DeviceDraft = {
  id: string;
  userId: string;
  title: string;
  /** Last edit made on this device (ms). */
  editedAt: number;
  /** Changes made here the server has not confirmed, as the editor last saw it. */
  pending: number;
  /** When the server last confirmed everything (ms), or null. */
  lastSyncedAt: number | null;
};

const KEY = 'sdp:device-drafts';
const MAX_ENTRIES = 500;

type KeyValue = Pick<Storage, 'getItem' | 'setItem'>;

function parse(raw: string | null): DeviceDraft[] {
  try {
    const value: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(value) ? value.filter(isDeviceDraft) : [];
  } catch {
    return [];
  }
}

function isDeviceDraft(value: unknown): value is DeviceDraft {
  const v = value as Partial<DeviceDraft> | null;
  return (
    typeof v?.id === 'string' &&
    typeof v.userId === 'string' &&
    typeof v.title === 'string' &&
    typeof v.editedAt === 'number' &&
    typeof v.pending === 'number' &&
    (v.lastSyncedAt === null || typeof v.lastSyncedAt === 'number')
  );
}

export function createDraftIndex(storage: KeyValue | undefined = globalThis.localStorage) {
  const read = (): DeviceDraft[] => {
    try {
      return parse(storage?.getItem(KEY) ?? null);
    } catch {
      return []; // storage blocked (private mode settings): nothing is remembered
    }
  };
  const write = (entries: DeviceDraft[]) => {
    try {
      storage?.setItem(KEY, JSON.stringify(entries.slice(0, MAX_ENTRIES)));
    } catch {
      // Full or blocked: the list is a convenience; the drafts themselves are in IndexedDB.
    }
  };
  return {
    /** This user's drafts on this device, last edited first. */
    list: (userId: string) =>
      read()
        .filter((d) => d.userId === userId)
        .sort((a, b) => b.editedAt - a.editedAt),
    get: (id: string, userId: string) => read().find((d) => d.id === id && d.userId === userId),
    /** Adds the draft or updates the fields given. */
    remember(entry: Pick<DeviceDraft, 'id' | 'userId'> & Partial<DeviceDraft>) {
      const entries = read();
      const at = entries.findIndex((d) => d.id === entry.id && d.userId === entry.userId);
      const base: DeviceDraft =
        at >= 0 ? entries[at]! : { ...entry, title: '', editedAt: 0, pending: 0, lastSyncedAt: null };
      const next = { ...base, ...entry };
      if (at >= 0) entries.splice(at, 1);
      write([next, ...entries]);
    },
    forget(id: string, userId: string) {
      write(read().filter((d) => !(d.id === id && d.userId === userId)));
    },
  };
}

export type DraftIndex = ReturnType<typeof createDraftIndex>;

let shared: DraftIndex | undefined;
export const draftIndex = (): DraftIndex => {
  shared ??= createDraftIndex();
  return shared;
};
