/**
 * The Tiptap extensions that define the editor's schema: the one list the editor (client) and the
 * server (import, which builds Yjs content from Markdown) share, so both produce the same node and
 * mark names as `shared/src/model/content.ts` validates. Editing-only behaviour (Collaboration, carets,
 * syntax highlighting, placeholders) is added on top by the client.
 *
 * Off on purpose: undoRedo (Collaboration brings Yjs undo), trailingNode (it appends a node on load,
 * which with persistence and several clients keeps adding paragraphs), underline (not in Markdown or
 * the reader's schema).
 */
import type { AnyExtension } from '@tiptap/core';
import { Image } from '@tiptap/extension-image';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { StarterKit } from '@tiptap/starter-kit';
import { HEADING_LEVELS } from '../model/content.ts';

export type EditorSchemaOptions = {
  /** A replacement code block (e.g. CodeBlockLowlight); it must keep the name `codeBlock` and its `language` attribute. */
  codeBlock?: AnyExtension;
  /** A replacement image node (the editor's shows images still on the device); it must keep the name `image`. */
  image?: AnyExtension;
};

export function editorSchemaExtensions(options: EditorSchemaOptions = {}): AnyExtension[] {
  const starter = StarterKit.configure({
    heading: { levels: [...HEADING_LEVELS] },
    undoRedo: false,
    trailingNode: false,
    underline: false,
    ...(options.codeBlock ? { codeBlock: false } : {}),
    link: { openOnClick: false, autolink: true, protocols: ['http', 'https'], defaultProtocol: 'https' },
  });
  return [
    starter,
    ...(options.codeBlock ? [options.codeBlock] : []),
    TaskList,
    TaskItem.configure({ nested: true }),
    options.image ?? Image.configure({ inline: false, allowBase64: false }),
  ];
}
