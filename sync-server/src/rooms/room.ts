/**
 * One loaded document and its connections. A room exists from the first connection's arrival; it is
 * usable once `state` is 'ready'. A room whose load failed is removed at once, so there is never an
 * empty stand-in that a later save could write over the real document.
 */
import type { DocName } from '../../../shared/src/protocol/doc-name.ts';
import { AwarenessRelay } from './awareness-relay.ts';
import type { Connection } from './connection.ts';
import type { DocState } from './doc-state.ts';

export type RoomState = 'loading' | 'ready' | 'failed';

export class Room {
  state: RoomState = 'loading';
  /** Set when ready; holds only stored updates. */
  doc: DocState | null = null;
  readonly connections = new Set<Connection>();
  readonly awareness: AwarenessRelay<Connection>;

  /** Newest stored seq; `doc` covers exactly 1..persistedSeq. */
  persistedSeq = 0;
  /** Stored updates not yet folded into a stored snapshot. */
  updatesSinceSnapshot = 0;
  /** Updates accepted for storage but not stored yet: the room may not unload meanwhile. */
  pendingWrites = 0;
  /** Their bytes: counted against the document size limit until stored (or dropped). */
  pendingBytes = 0;
  lastWriteAt = 0;
  emptySince = 0;
  /** No compaction attempt before this time (after a failure). */
  compactNotBefore = 0;
  compaction: Promise<void> | null = null;
  unloading = false;

  constructor(
    readonly name: string,
    readonly docName: DocName,
    maxAwarenessClientsPerConnection: number,
    now: number,
  ) {
    this.awareness = new AwarenessRelay(maxAwarenessClientsPerConnection);
    this.emptySince = now;
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /** Open connections except `exclude` (an array, not a generator: this runs for every broadcast). */
  recipients(exclude: Connection | null = null): Connection[] {
    const open: Connection[] = [];
    for (const connection of this.connections) {
      if (connection.isOpen && connection !== exclude) open.push(connection);
    }
    return open;
  }
}
