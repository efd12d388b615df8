/**
 * Checks a Yjs update (v1) before it may touch a document. Decoding alone is not enough: fuzzing
 * showed updates that decode and merge but crash `Y.applyUpdate` on every client that loads them
 * (an item whose origin is a later clock of its own client sends Yjs looking for a struct that does
 * not exist yet). Stored, such an update would make the document unloadable for everyone, so the
 * invariants Yjs assumes but does not check are checked here.
 *
 * Cost: one decode of the update (about a microsecond for a keystroke), no document needed.
 */
import * as Y from 'yjs';

export type UpdateCheck = { ok: true } | { ok: false; reason: string };

type IdLike = { client: number; clock: number };
const isId = (value: unknown): value is IdLike =>
  typeof value === 'object' && value !== null && 'client' in value && 'clock' in value;

/** The empty update `[0 structs, 0 delete ranges]`: carries nothing, needs no storage. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length === 2 && update[0] === 0 && update[1] === 0;
}

export function validateUpdate(update: Uint8Array): UpdateCheck {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { ok: false, reason: 'undecodable update' };
  }
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id;
    if (!(struct.length > 0) || !Number.isSafeInteger(clock + struct.length)) {
      return { ok: false, reason: 'struct with an invalid length' };
    }
    if (struct instanceof Y.Item) {
      // An item may only refer to its own client's earlier structs: same-client references are not
      // checked for availability by Yjs and crash integration when they point forward.
      for (const ref of [struct.origin, struct.rightOrigin, struct.parent]) {
        if (isId(ref) && ref.client === client && ref.clock >= clock) {
          return { ok: false, reason: 'item refers forward to its own client' };
        }
      }
    }
  }
  for (const ranges of decoded.ds.clients.values()) {
    for (const range of ranges) {
      if (!(range.len > 0) || !Number.isSafeInteger(range.clock + range.len)) {
        return { ok: false, reason: 'delete range with an invalid length' };
      }
    }
  }
  return { ok: true };
}
