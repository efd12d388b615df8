/**
 * Restoring a saved version: the version's state is read into a scratch Y.Doc and its fields are copied
 * over the live draft's in one transaction. That makes the restore an ordinary change — co-authors see it
 * arrive like any edit, and restoring never rewinds anyone's history (Yjs cannot delete history anyway).
 */
import * as Y from 'yjs';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';

export const RESTORE_ORIGIN = 'restore-version';

export function restoreVersion(live: Y.Doc, versionState: Uint8Array): void {
  const version = new Y.Doc();
  try {
    Y.applyUpdate(version, versionState);
    const from = draftFields(version);
    const to = draftFields(live);
    live.transact(() => {
      replaceText(to.title, from.title.toString());
      replaceText(to.excerpt, from.excerpt.toString());
      to.tags.delete(0, to.tags.length);
      to.tags.insert(0, from.tags.toArray());
      for (const key of [...to.meta.keys()]) if (!from.meta.has(key)) to.meta.delete(key);
      for (const [key, value] of from.meta.entries()) to.meta.set(key, value);
      to.body.delete(0, to.body.length);
      to.body.insert(0, from.body.toArray().map((node) => node.clone()) as Array<Y.XmlElement | Y.XmlText>);
    }, RESTORE_ORIGIN);
  } finally {
    version.destroy();
  }
}

function replaceText(text: Y.Text, value: string) {
  if (text.toString() === value) return;
  text.delete(0, text.length);
  text.insert(0, value);
}
