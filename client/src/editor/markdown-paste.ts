/**
 * Pasting Markdown into the editor keeps its structure: plain text that looks like Markdown becomes
 * headings, lists, links and so on instead of one paragraph per line of literal asterisks.
 *
 * It plugs into ProseMirror's `clipboardTextParser`, which the paste (and drop) handling calls only for
 * plain text: when the clipboard also has HTML (copied from a web page or an app), that wins and this is
 * never asked. It declines (and the text is pasted as it is) when the paste is "as plain text"
 * (Shift+Ctrl/Cmd+V), inside a code block, or when the text does not look like Markdown.
 *
 * The text goes through the same converter as imports (markdownToDoc: no HTML, safe links only), then
 * into the editor's schema. One paragraph is pasted into the current line; more becomes blocks.
 */
import { Extension } from '@tiptap/core';
import { Fragment, type ResolvedPos, type Schema, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { blocksToEditorJson } from '../../../shared/src/drafts/doc-to-editor-json.ts';
import { markdownToDoc } from '../../../shared/src/editor-schema/markdown-to-doc.ts';
import { looksLikeMarkdown } from './looks-like-markdown.ts';

export const markdownPasteKey = new PluginKey('markdownPaste');

export const MarkdownPaste = Extension.create({
  name: 'markdownPaste',
  addProseMirrorPlugins() {
    const schema = this.editor.schema;
    return [
      new Plugin({
        key: markdownPasteKey,
        props: {
          // ProseMirror falls back to its own plain-text handling when this gives nothing.
          clipboardTextParser: (text, $context, plain) => markdownPasteSlice(schema, text, $context, plain) as Slice,
        },
      }),
    ];
  },
});

/** The slice to paste for `text`, or null to let the text be pasted as it is. */
export function markdownPasteSlice(schema: Schema, text: string, $context: ResolvedPos, plain: boolean): Slice | null {
  if (plain || $context.parent.type.spec.code || !looksLikeMarkdown(text)) return null;
  const blocks = blocksToEditorJson(markdownToDoc(text).content);
  if (blocks.length === 0) return null;
  const fragment = Fragment.fromArray(blocks.map((block) => schema.nodeFromJSON(block)));
  // A single paragraph is inline text: open on both sides, it joins the paragraph it is pasted into.
  const inline = fragment.childCount === 1 && fragment.firstChild?.type.name === 'paragraph';
  return inline ? new Slice(fragment, 1, 1) : new Slice(fragment, 0, 0);
}
