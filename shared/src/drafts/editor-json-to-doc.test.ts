import { getSchema } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type DocNode, validateDoc } from '../model/content.ts';
import { editorSchemaExtensions } from './editor-extensions.ts';
import { editorJsonToDoc } from './editor-json-to-doc.ts';

const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });

/** Writes editor JSON into a Yjs body and reads it back the way the server's publish step does. */
function throughYjs(json: unknown): unknown {
  const doc = new Y.Doc();
  const body = doc.getXmlFragment('body');
  prosemirrorJSONToYXmlFragment(getSchema(editorSchemaExtensions()), json, body);
  return yXmlFragmentToProsemirrorJSON(body);
}

describe('editorJsonToDoc', () => {
  it('keeps every node and mark the editor makes, through a Yjs round trip, as valid content', () => {
    const editorJson = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [text('Queues')] },
        para(
          text('bold', [{ type: 'bold' }]),
          { type: 'hardBreak' },
          text('site', [{ type: 'link', attrs: { href: 'https://example.org' } }]),
        ),
        { type: 'blockquote', content: [para(text('quoted', [{ type: 'italic' }, { type: 'code' }]))] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('const a = 1;')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one'))] }] },
        { type: 'orderedList', attrs: { start: 3 }, content: [{ type: 'listItem', content: [para(text('three'))] }] },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [para(text('done'))] }] },
        { type: 'horizontalRule' },
        { type: 'image', attrs: { src: '/media/posts/a.webp', alt: 'A diagram', title: 'Figure 1' } },
      ],
    };
    const result = editorJsonToDoc(throughYjs(editorJson));
    expect(result.stripped).toEqual([]);
    expect(result.problems).toEqual([]);
    const checked = validateDoc(result.doc);
    expect(checked.ok).toBe(true);
    const content = result.doc.content;
    expect(content.map((b) => b.type)).toEqual([
      'heading',
      'paragraph',
      'blockquote',
      'codeBlock',
      'bulletList',
      'orderedList',
      'taskList',
      'horizontalRule',
      'image',
    ]);
    // Editor-only link attributes (target, rel) do not reach the post.
    expect(JSON.stringify(content[1])).toContain('{"type":"link","attrs":{"href":"https://example.org"}}');
    expect(content[5]).toEqual({
      type: 'orderedList',
      attrs: { start: 3 },
      content: [{ type: 'listItem', content: [para(text('three'))] }],
    });
    expect(content[8]).toEqual({
      type: 'image',
      attrs: { src: '/media/posts/a.webp', alt: 'A diagram', title: 'Figure 1' },
    });
  });

  it('strips elements and formatting the schema does not allow, and names them', () => {
    const result = editorJsonToDoc({
      type: 'doc',
      content: [
        { type: 'iframe', attrs: { src: 'https://evil.example' } },
        { type: 'script', content: [text('alert(1)')] },
        para(
          text('click', [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }]),
          text('under', [{ type: 'underline' }]),
        ),
        { type: 'image', attrs: { src: 'data:image/png;base64,AAAA', alt: '' } },
      ],
    });
    expect(result.stripped).toEqual([
      'an unsupported "iframe" element',
      'an unsupported "script" element',
      'a link that is not http(s)',
      'unsupported "underline" formatting',
      'an image whose address is not http(s)',
    ]);
    expect(result.doc).toEqual<DocNode>({
      type: 'doc',
      content: [para(text('click'), text('under')) as DocNode['content'][number]],
    });
    expect(validateDoc(result.doc).ok).toBe(true);
  });

  it('refuses to publish an image that is still waiting on a device to upload', () => {
    const result = editorJsonToDoc({ type: 'doc', content: [{ type: 'image', attrs: { src: 'local:abc', alt: '' } }] });
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toMatch(/not finished uploading/);
  });

  it('survives junk of every type without throwing', () => {
    for (const junk of [
      null,
      1,
      'doc',
      [],
      { type: 'doc', content: 'x' },
      { type: 'doc', content: [null, 3, { type: 7 }] },
    ]) {
      const result = editorJsonToDoc(junk);
      expect(validateDoc(result.doc).ok).toBe(true);
    }
    expect(editorJsonToDoc(null).problems[0]?.message).toMatch(/not a document/);
  });

  it('fills empty list items and clamps heading levels the editor does not offer', () => {
    const result = editorJsonToDoc({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 1 }, content: [text('Top')] },
        { type: 'heading', attrs: { level: 6 }, content: [text('Deep')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [] }] },
        { type: 'bulletList', content: [] },
      ],
    });
    expect(result.doc.content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [text('Top')] },
      { type: 'heading', attrs: { level: 4 }, content: [text('Deep')] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
    ]);
  });

  it('reports nesting beyond any sane depth instead of recursing without end', () => {
    let node: unknown = para(text('deep'));
    for (let i = 0; i < 200; i++) node = { type: 'blockquote', content: [node] };
    const result = editorJsonToDoc({ type: 'doc', content: [node] });
    expect(result.problems.some((p) => /nested too deeply/.test(p.message))).toBe(true);
  });
});
