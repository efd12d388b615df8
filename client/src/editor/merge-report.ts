/**
 * "Merged 14 changes from Ana made while you were offline": after a reconnect, which co-authors' changes
 * arrived. Yjs numbers each client's operations; comparing the state vectors from before and after the
 * sync says how many operations each other client added. Names come from the draft's `writers` map
 * (client id → name), written by each writer's editor, because the writer may be long gone (their
 * presence no longer in awareness) by the time their offline edits arrive.
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
