/**
 * The post body: Tiptap v3 bound to the draft's `body` fragment (Collaboration), with co-authors' named
 * carets (CollaborationCaret over the provider's awareness), syntax-highlighted code blocks, Markdown
 * input rules (StarterKit's) and Markdown paste (markdown-paste.ts), and a toolbar whose buttons say
 * whether they are on (aria-pressed).
 *
 * Nothing inserts default content: an empty draft stays empty until someone types (inserting on load
 * would duplicate the content on every device that opens it).
 */
import { Editor } from '@tiptap/core';
import { CodeBlockLowlight } from '@tiptap/extension-code-block-lowlight';
import { Collaboration } from '@tiptap/extension-collaboration';
import { CollaborationCaret } from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { createEffect, createSignal, type JSX, onCleanup, onMount } from 'solid-js';
import { DRAFT_FIELDS } from '../../../shared/src/drafts/draft-doc.ts';
import { editorSchemaExtensions } from '../../../shared/src/drafts/editor-extensions.ts';
import type { DraftSession } from '../sync/draft-session.ts';
import { codeLowlight } from './code-languages.ts';
import { DraftImage } from './draft-image.ts';
import { EditorToolbar } from './EditorToolbar.tsx';
import { MarkdownPaste } from './markdown-paste.ts';
import './editor.css';

export type BodyEditorProps = {
  session: DraftSession;
  editable: boolean;
  /** Keeps a picked image on the device; resolves with the src to insert, or throws a refusal. */
  keepImage(file: File): Promise<string>;
  onProblem(message: string): void;
  /** Called once the editor shows the draft (the benchmark's "opened" mark). */
  onReady?(): void;
};

export function BodyEditor(props: BodyEditorProps): JSX.Element {
  let host!: HTMLDivElement;
  const [editor, setEditor] = createSignal<Editor>();
  // Bumped on every transaction so the toolbar's pressed states follow the selection.
  const [revision, setRevision] = createSignal(0);

  onMount(() => {
    const instance = new Editor({
      element: host,
      editable: props.editable,
      extensions: [
        ...editorSchemaExtensions({
          codeBlock: CodeBlockLowlight.configure({ lowlight: codeLowlight(), defaultLanguage: null }),
          image: DraftImage,
        }),
        Placeholder.configure({
          placeholder: 'Write your post. Markdown shortcuts work: ## heading, - list, ``` code…',
        }),
        // Pasted plain text that is Markdown keeps its headings, lists and links.
        MarkdownPaste,
        Collaboration.configure({ document: props.session.doc, field: DRAFT_FIELDS.body }),
        CollaborationCaret.configure({ provider: props.session.provider, user: props.session.presence }),
      ],
      editorProps: {
        attributes: {
          'aria-label': 'Post body',
          role: 'textbox',
          'aria-multiline': 'true',
          class: 'editor-body prose',
          spellcheck: 'true',
        },
      },
      onTransaction: () => setRevision((n) => n + 1),
    });
    setEditor(instance);
    props.onReady?.();
    onCleanup(() => instance.destroy());
  });

  createEffect(() => {
    const instance = editor();
    if (instance && instance.isEditable !== props.editable) instance.setEditable(props.editable);
  });

  async function addImage(file: File) {
    const instance = editor();
    if (!instance) return;
    try {
      const src = await props.keepImage(file);
      instance
        .chain()
        .focus()
        .setImage({ src, alt: file.name.replace(/\.[a-z0-9]+$/i, '') })
        .run();
    } catch (error) {
      props.onProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div class="body-editor">
      <EditorToolbar editor={editor()} revision={revision()} disabled={!props.editable} onImage={addImage} />
      <div ref={host} class="editor-host" />
    </div>
  );
}
