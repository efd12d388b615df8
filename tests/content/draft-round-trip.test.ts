/**
 * Content entering a draft and leaving it again, over seeded random documents: reader content → editor
 * JSON must be a document the editor's schema accepts, and reading the draft back must give the same
 * content, both straight (editorJsonToDoc) and through a Yjs document and Markdown (import, then export).
 */
import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToEditorJson } from '../../shared/src/drafts/doc-to-editor-json.ts';
import { draftBodyDoc, draftToMarkdown, markdownToDraftUpdate } from '../../shared/src/drafts/draft-markdown.ts';
import { editorSchemaExtensions } from '../../shared/src/drafts/editor-extensions.ts';
import { editorJsonToDoc } from '../../shared/src/drafts/editor-json-to-doc.ts';
import { docToMarkdown } from '../../shared/src/editor-schema/doc-to-markdown.ts';
import { comparable, random, randomDoc } from './random-content.ts';

const RUNS = Number(process.env.ROUND_TRIP_RUNS ?? 150);
const schema = getSchema(editorSchemaExtensions());

describe('reader content → editor JSON → reader content', () => {
  it(`is accepted by the editor schema and gives back the same content (${RUNS} seeded documents)`, () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const doc = randomDoc(random(seed));
      const json = docToEditorJson(doc);
      expect(() => Node.fromJSON(schema, json).check(), `seed ${seed}`).not.toThrow();
      const back = editorJsonToDoc(json);
      expect(back.stripped, `seed ${seed}`).toEqual([]);
      expect(comparable(back.doc), `seed ${seed}`).toEqual(comparable(doc));
    }
  });
});

describe('Markdown → draft → Markdown', () => {
  it(`gives back the same body and the same Markdown (${RUNS} seeded documents)`, { timeout: 600_000 }, () => {
    for (let seed = 1; seed <= RUNS; seed++) {
      const doc = randomDoc(random(seed));
      const markdown = `---\ntitle: Seed ${seed}\n---\n\n${docToMarkdown(doc)}`;
      const draft = new Y.Doc();
      Y.applyUpdate(draft, markdownToDraftUpdate(markdown).update);
      expect(comparable(draftBodyDoc(draft)), `seed ${seed}`).toEqual(comparable(doc));
      expect(draftToMarkdown(draft), `seed ${seed}`).toBe(markdown.replace(/\n\n$/, '\n'));
    }
  });
});
