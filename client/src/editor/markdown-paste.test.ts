import { getSchema } from '@tiptap/core';
import { EditorState, TextSelection } from '@tiptap/pm/state';
import { describe, expect, it } from 'vitest';
import { editorSchemaExtensions } from '../../../shared/src/drafts/editor-extensions.ts';
import { markdownPasteSlice } from './markdown-paste.ts';

const schema = getSchema(editorSchemaExtensions());

/** A document with the cursor at `at` (a position inside it), as the editor would hold it. */
function stateWith(json: unknown, at: number) {
  const doc = schema.nodeFromJSON(json);
  return EditorState.create({ doc, selection: TextSelection.create(doc, at) });
}

function paste(state: EditorState, text: string, plain = false) {
  const slice = markdownPasteSlice(schema, text, state.selection.$from, plain);
  return slice ? state.apply(state.tr.replaceSelection(slice)).doc.toJSON() : null;
}

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('markdownPasteSlice', () => {
  it('turns Markdown into blocks where the cursor is', () => {
    const state = stateWith({ type: 'doc', content: [{ type: 'paragraph' }] }, 1);
    expect(paste(state, '## Plan\n\n- [x] bound the queue\n- [ ] shed load')).toEqual({
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Plan' }] },
        {
          type: 'taskList',
          content: [
            { type: 'taskItem', attrs: { checked: true }, content: [paragraph('bound the queue')] },
            { type: 'taskItem', attrs: { checked: false }, content: [paragraph('shed load')] },
          ],
        },
      ],
    });
  });

  it('splits the paragraph it is pasted into when the Markdown has several blocks', () => {
    const state = stateWith({ type: 'doc', content: [paragraph('Before after')] }, 8);
    expect(paste(state, '> quoted\n\ntext')?.content).toEqual([
      paragraph('Before '),
      { type: 'blockquote', content: [paragraph('quoted')] },
      paragraph('text'),
      paragraph('after'),
    ]);
  });

  it('pastes one paragraph of Markdown into the current line, with its marks', () => {
    const state = stateWith({ type: 'doc', content: [paragraph('Before after')] }, 8);
    const doc = paste(state, 'some **bold** ');
    expect(doc?.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Before some ' },
          { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
          { type: 'text', text: 'after' },
        ],
      },
    ]);
  });

  it('declines plain prose, a paste as plain text and a paste into a code block', () => {
    const state = stateWith({ type: 'doc', content: [{ type: 'paragraph' }] }, 1);
    expect(markdownPasteSlice(schema, 'Just words.', state.selection.$from, false)).toBeNull();
    expect(markdownPasteSlice(schema, '# Title', state.selection.$from, true)).toBeNull();
    const inCode = stateWith(
      { type: 'doc', content: [{ type: 'codeBlock', content: [{ type: 'text', text: 'x' }] }] },
      2,
    );
    expect(markdownPasteSlice(schema, '# Title', inCode.selection.$from, false)).toBeNull();
  });

  it('keeps unsafe links and HTML out, as imports do', () => {
    const state = stateWith({ type: 'doc', content: [{ type: 'paragraph' }] }, 1);
    const doc = paste(state, '- [click](javascript:alert(1)) <img src=x onerror=alert(1)> **ok**');
    expect(JSON.stringify(doc)).not.toMatch(/javascript|onerror|img/);
  });
});
