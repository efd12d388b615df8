import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mulberry32 } from '../../../tests/sync/support/prng.ts';
import { isEmptyUpdate, validateUpdate } from './update-validation.ts';

function sampleUpdates() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const text = doc.getText('t');
  for (let i = 0; i < 40; i++) {
    text.insert(Math.floor(text.length / 2), `w${i} `);
    if (i % 3 === 0) text.delete(0, 1);
    if (i % 4 === 0) text.format(0, 2, { bold: true });
    doc.getMap('m').set(`k${i % 4}`, { i });
    doc.getArray('a').push([new Uint8Array([i])]);
    if (i % 9 === 0) {
      const p = new Y.XmlElement('p');
      p.insert(0, [new Y.XmlText('x')]);
      doc.getXmlFragment('x').insert(0, [p]);
    }
  }
  return { doc, updates, state: Y.encodeStateAsUpdate(doc) };
}

describe('validateUpdate', () => {
  it('accepts real updates, the empty update and whole states', () => {
    const { updates, state } = sampleUpdates();
    for (const update of [...updates, state, Y.encodeStateAsUpdate(new Y.Doc())]) {
      expect(validateUpdate(update)).toEqual({ ok: true });
    }
    expect(isEmptyUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
  });

  it('rejects garbage', () => {
    expect(validateUpdate(new Uint8Array([0xff, 0xff, 0xff]))).toMatchObject({ ok: false });
    expect(validateUpdate(new Uint8Array([]))).toMatchObject({ ok: false });
  });

  it('SYNC-9: whatever it accepts can be merged, diffed and applied by every client (seeded fuzz)', () => {
    const { updates, state } = sampleUpdates();
    const random = mulberry32(4242);
    const int = (n: number) => Math.floor(random() * n);
    let accepted = 0;
    for (let i = 0; i < 1500; i++) {
      const base = random() < 0.6 ? updates[int(updates.length)]! : state;
      const mutated = Uint8Array.from(base);
      switch (int(4)) {
        case 0:
          for (let k = 0; k <= int(5); k++) mutated[int(mutated.length)] = int(256);
          break;
        case 1:
          mutated[int(mutated.length)]! ^= 1 << int(8);
          break;
        case 2: {
          const p = int(mutated.length);
          mutated.fill(0xff, p, Math.min(mutated.length, p + 3));
          break;
        }
        default:
          mutated.set(mutated.slice(0, int(mutated.length)));
      }
      if (!validateUpdate(mutated).ok) continue;
      accepted++;
      const merged = Y.mergeUpdates([state, mutated]);
      Y.encodeStateVectorFromUpdate(merged);
      Y.diffUpdate(merged, new Uint8Array([0]));
      const fresh = new Y.Doc();
      Y.applyUpdate(fresh, mutated);
      const loaded = new Y.Doc();
      Y.applyUpdate(loaded, state);
      Y.applyUpdate(loaded, mutated);
      loaded.getText('t').toDelta();
      loaded.getXmlFragment('x').toString();
      const viaMerge = new Y.Doc();
      Y.applyUpdate(viaMerge, merged);
    }
    expect(accepted).toBeGreaterThan(50);
  });
});
