import { getSchema } from '@tiptap/core';
import { Node } from '@tiptap/pm/model';
import { describe, expect, it } from 'vitest';
import type { DocNode } from '../model/content.ts';
import { docToEditorJson } from './doc-to-editor-json.ts';
import { editorSchemaExtensions } from './editor-extensions.ts';

const schema = getSchema(editorSchemaExtensions());
const accepted = (doc: DocNode) => {
  const json = docToEditorJson(doc);
  Node.fromJSON(schema, json).check();
  return json;
};

describe('docToEditorJson', () => {
  it('spells out the attributes the editor keeps', () => {
    const json = accepted({
      type: 'doc',
      content: [
        { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
        { type: 'image', attrs: { src: '/media/a.png', alt: 'A' } },
        {
          type: 'taskList',
          content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph' }] }],
        },
      ],
    });
    expect(json.content).toEqual([
      { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
      { type: 'image', attrs: { src: '/media/a.png', alt: 'A', title: null } },
      { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [{ type: 'paragraph' }] }] },
    ]);
  });

  it('keeps code alone on its text, as Tiptap’s Code mark requires', () => {
    const json = accepted({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'x',
              marks: [{ type: 'bold' }, { type: 'code' }, { type: 'link', attrs: { href: '/a' } }],
            },
          ],
        },
      ],
    });
    expect(json.content?.[0]?.content).toEqual([{ type: 'text', text: 'x', marks: [{ type: 'code' }] }]);
  });

  it('gives the editor the shapes its schema requires: items start with a paragraph, nothing is empty', () => {
    const json = accepted({
      type: 'doc',
      content: [
        { type: 'bulletList', content: [] },
        { type: 'blockquote', content: [] },
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'codeBlock', attrs: { language: 'ts' } }] }],
        },
      ],
    });
    expect(json.content).toEqual([
      { type: 'blockquote', content: [{ type: 'paragraph' }] },
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [{ type: 'paragraph' }, { type: 'codeBlock', attrs: { language: 'ts' } }] },
        ],
      },
    ]);
    expect(docToEditorJson({ type: 'doc', content: [] })).toEqual({ type: 'doc', content: [{ type: 'paragraph' }] });
  });
});
