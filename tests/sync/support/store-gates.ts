/** DocStore wrappers for tests: hold writes to observe "received but not stored", fail loads. */
import type { AppendEntry, DocStore } from '../../../sync-server/src/storage/doc-store.ts';

export type WriteGate = {
  /** Appends currently waiting. */
  readonly held: number;
  hold(): void;
  release(): void;
  wrap(store: DocStore): DocStore;
};

export function holdWrites(): WriteGate {
  let holding = false;
  const waiters: Array<() => void> = [];
  const gate = {
    held: 0,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      for (const resume of waiters.splice(0)) resume();
    },
    wrap(store: DocStore): DocStore {
      return {
        loadDoc: (name) => store.loadDoc(name),
        appendUpdates: (name, updates) => store.appendUpdates(name, updates),
        compact: (name, snapshot, upTo) => store.compact(name, snapshot, upTo),
        close: () => store.close(),
        appendBatch: async (entries: readonly AppendEntry[]) => {
          if (holding) {
            gate.held += 1;
            await new Promise<void>((resume) => waiters.push(resume));
          }
          return store.appendBatch(entries);
        },
      };
    },
  };
  return gate;
}

/** Loads of documents whose name starts with `prefix` fail. */
export function failingLoads(prefix: string) {
  return (store: DocStore): DocStore => ({
    loadDoc: async (name) => {
      if (name.startsWith(prefix)) throw new Error('simulated load failure');
      return store.loadDoc(name);
    },
    appendUpdates: (name, updates) => store.appendUpdates(name, updates),
    appendBatch: (entries) => store.appendBatch(entries),
    compact: (name, snapshot, upTo) => store.compact(name, snapshot, upTo),
    close: () => store.close(),
  });
}
