/** Test helpers: a draft's Yjs document written the way the editor (y-tiptap) writes it. */
import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { editorSchemaExtensions } from '../../../shared/src/drafts/editor-extensions.ts';

const schema = getSchema(editorSchemaExtensions());

export type DraftFixture = {
  title?: string;
  excerpt?: string;
  tags?: string[];
  meta?: Record<string, unknown>;
  /** Editor JSON of the body (a `doc` node); default: one paragraph. */
  body?: unknown;
  /** Elements the editor would never write (an iframe, a script), appended raw to the body. */
  rawElements?: string[];
};

export const paragraph = (text: string, marks?: unknown[]) => ({
  type: 'paragraph',
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
});

/** Writes the fields into `doc` (a fresh one by default) and returns it. */
export function writeDraft(fixture: DraftFixture, doc = new Y.Doc()): Y.Doc {
  const fields = draftFields(doc);
  doc.transact(() => {
    if (fixture.title !== undefined) fields.title.insert(0, fixture.title);
    if (fixture.excerpt !== undefined) fields.excerpt.insert(0, fixture.excerpt);
    if (fixture.tags) fields.tags.insert(0, fixture.tags);
    for (const [key, value] of Object.entries(fixture.meta ?? {})) fields.meta.set(key, value);
  });
  prosemirrorJSONToYXmlFragment(
    schema,
    fixture.body ?? { type: 'doc', content: [paragraph('Queues fill up when producers outrun consumers.')] },
    fields.body,
  );
  for (const name of fixture.rawElements ?? []) {
    const element = new Y.XmlElement(name);
    element.insert(0, [new Y.XmlText('alert(1)')]);
    fields.body.push([element]);
  }
  return doc;
}

/** The whole document as one update, as storage or a loaded room holds it. */
export const draftState = (fixture: DraftFixture) => Y.encodeStateAsUpdate(writeDraft(fixture));
