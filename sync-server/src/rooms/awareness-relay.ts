/**
 * Server-side awareness (presence) without a Y.Doc or an Awareness instance (which would start a
 * 3-second interval per document). The server only needs to: validate and relay updates, give a
 * joining client the current states, and, when a connection drops, tell the others that the client
 * ids it announced are gone — else their cursors linger for 30 s.
 *
 * Wire format (y-protocols awareness update): varUint count, then per entry varUint clientID,
 * varUint clock, varString JSON state (`null` = removed).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { ProtocolError } from '../../../shared/src/protocol/messages.ts';

export type AwarenessEntry = { clientId: number; clock: number; state: string };

const NULL_STATE = 'null';

/** Decodes and checks an update; every state must be JSON, since clients `JSON.parse` it unguarded. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: AwarenessEntry[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      entries.push({ clientId, clock, state });
    }
  } catch {
    throw new ProtocolError('malformed awareness update');
  }
  for (const entry of entries) {
    try {
      JSON.parse(entry.state);
    } catch {
      throw new ProtocolError('awareness state is not JSON');
    }
  }
  return entries;
}

export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

type Held<Owner> = { clock: number; state: string; owner: Owner };

/**
 * The current states of one document and which owner (connection) announced each client id. The
 * newest announcer owns an id: a client that reconnects before its old socket times out keeps its
 * cursor when the old socket finally closes.
 */
export class AwarenessRelay<Owner> {
  /** Created on the first announcement: most loaded documents never see one, and empty maps cost. */
  private maps: { states: Map<number, Held<Owner>>; owned: Map<Owner, Set<number>> } | null = null;

  constructor(private readonly maxClientsPerOwner: number) {}

  get size(): number {
    return this.maps?.states.size ?? 0;
  }

  /** Applies entries from `owner`; returns those that changed something (to relay). */
  apply(owner: Owner, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
    this.maps ??= { states: new Map(), owned: new Map() };
    const { states, owned } = this.maps;
    const changed: AwarenessEntry[] = [];
    for (const entry of entries) {
      const held = states.get(entry.clientId);
      if (entry.state === NULL_STATE) {
        // Same rule as y-protocols: a removal at the current clock or later wins.
        if (held && entry.clock >= held.clock) {
          this.release(held.owner, entry.clientId);
          states.delete(entry.clientId);
          changed.push(entry);
        }
        continue;
      }
      if (held && entry.clock <= held.clock) continue; // stale or repeated
      if (!held || held.owner !== owner) {
        const mine = owned.get(owner) ?? new Set<number>();
        if (!mine.has(entry.clientId) && mine.size >= this.maxClientsPerOwner) {
          throw new ProtocolError('too many awareness clients on one connection');
        }
        if (held) this.release(held.owner, entry.clientId);
        mine.add(entry.clientId);
        owned.set(owner, mine);
      }
      states.set(entry.clientId, { clock: entry.clock, state: entry.state, owner });
      changed.push(entry);
    }
    return changed;
  }

  /** Forgets everything `owner` announced; returns the removals to broadcast. */
  removeOwner(owner: Owner): AwarenessEntry[] {
    const ids = this.maps?.owned.get(owner);
    if (!this.maps || !ids) return [];
    const { states, owned } = this.maps;
    owned.delete(owner);
    const removals: AwarenessEntry[] = [];
    for (const clientId of ids) {
      const held = states.get(clientId);
      if (!held) continue;
      states.delete(clientId);
      removals.push({ clientId, clock: held.clock, state: NULL_STATE });
    }
    return removals;
  }

  /** Every current state, for a client that joins or asks (queryAwareness). */
  entries(): AwarenessEntry[] {
    if (!this.maps) return [];
    return [...this.maps.states].map(([clientId, { clock, state }]) => ({ clientId, clock, state }));
  }

  private release(owner: Owner, clientId: number) {
    const ids = this.maps?.owned.get(owner);
    if (!ids) return;
    ids.delete(clientId);
    if (ids.size === 0) this.maps?.owned.delete(owner);
  }
}
