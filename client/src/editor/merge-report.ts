/**
 * "Merged 14 changes from Ana made while you were offline": which co-authors' changes arrived as a merge
 * rather than as live typing. Yjs numbers each client's operations, so a transaction's state vectors
 * before and after say how many operations each other client added. A merge is what arrives just after a
 * reconnect — ours (the server had their changes) or theirs (their offline changes come in as they
 * rejoin, seen as their presence reappearing) — gathered until it has been quiet for a moment. Names come
 * from the draft's `writers` map (client id → name), written by each writer's editor, because a writer may
 * be gone by the time their changes arrive.
 */
export type MergedFrom = { name: string; count: number };

export function mergedChanges(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
  selfClientId: number,
  nameOf: (clientId: number) => string | undefined,
): MergedFrom[] {
  const byName = new Map<string, number>();
  for (const [clientId, clock] of after) {
    if (clientId === selfClientId) continue;
    const added = clock - (before.get(clientId) ?? 0);
    if (added <= 0) continue;
    const name = nameOf(clientId) ?? 'a co-author';
    byName.set(name, (byName.get(name) ?? 0) + added);
  }
  return [...byName].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
}

const changes = (n: number) => `${n} ${n === 1 ? 'change' : 'changes'}`;

export function mergeMessage(merged: readonly MergedFrom[], wasOffline: boolean): string | null {
  if (merged.length === 0) return null;
  const parts = merged.map((m, i) => (i === 0 ? `${changes(m.count)} from ${m.name}` : `${m.count} from ${m.name}`));
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Merged ${list}${wasOffline ? ' made while you were offline' : ''}.`;
}

export type MergeWatcherOptions = {
  selfClientId: number;
  nameOf(clientId: number): string | undefined;
  report(message: string): void;
  now?: () => number;
  /** Changes this soon after a (re)join count as merged (ms). */
  windowMs?: number;
  /** Report once no merged change arrived for this long (ms). */
  quietMs?: number;
};

export function createMergeWatcher(options: MergeWatcherOptions) {
  const now = options.now ?? Date.now;
  const windowMs = options.windowMs ?? 5_000;
  const quietMs = options.quietMs ?? 800;
  const joinedAt = new Map<number, number>();
  let reconnectedAt = Number.NEGATIVE_INFINITY;
  let gathered = new Map<number, number>();
  let selfWasOffline = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    timer = undefined;
    const before = new Map<number, number>();
    const message = mergeMessage(mergedChanges(before, gathered, options.selfClientId, options.nameOf), selfWasOffline);
    gathered = new Map();
    selfWasOffline = false;
    if (message) options.report(message);
  };

  return {
    /** Another client's presence appeared (it connected or reconnected). */
    joined(clientId: number) {
      joinedAt.set(clientId, now());
    },
    /** This client's connection is back after being away. */
    reconnected() {
      reconnectedAt = now();
    },
    /** Operations per client that a transaction from the server added. */
    remoteChanges(added: ReadonlyMap<number, number>) {
      const at = now();
      const ours = at - reconnectedAt <= windowMs;
      let any = false;
      for (const [clientId, count] of added) {
        if (clientId === options.selfClientId || count <= 0) continue;
        if (!ours && at - (joinedAt.get(clientId) ?? Number.NEGATIVE_INFINITY) > windowMs) continue;
        gathered.set(clientId, (gathered.get(clientId) ?? 0) + count);
        selfWasOffline ||= ours;
        any = true;
      }
      if (!any) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

/** Operations per client a Yjs transaction added (its state vectors after minus before). */
export function addedByClient(
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
): Map<number, number> {
  const added = new Map<number, number>();
  for (const [clientId, clock] of after) {
    const n = clock - (before.get(clientId) ?? 0);
    if (n > 0) added.set(clientId, n);
  }
  return added;
}
