/**
 * The editor's formatting toolbar. Each toggle says whether it applies at the selection (aria-pressed);
 * the keyboard shortcut is in its title. The bar is one Tab stop; arrow keys move along it (toolbar-keys.ts).
 */
import type { Editor } from '@tiptap/core';
import { createSignal, For, type JSX } from 'solid-js';
import { nextToolIndex } from './toolbar-keys.ts';

type Tool = {
  label: string;
  text: string;
  shortcut?: string;
  active?: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
};

const chain = (editor: Editor) => editor.chain().focus();

const TOOLS: Tool[] = [
  {
    label: 'Bold',
    text: 'B',
    shortcut: 'Ctrl+B',
    active: (e) => e.isActive('bold'),
    run: (e) => chain(e).toggleBold().run(),
  },
  {
    label: 'Italic',
    text: 'I',
    shortcut: 'Ctrl+I',
    active: (e) => e.isActive('italic'),
    run: (e) => chain(e).toggleItalic().run(),
  },
  {
    label: 'Inline code',
    text: '</>',
    shortcut: 'Ctrl+E',
    active: (e) => e.isActive('code'),
    run: (e) => chain(e).toggleCode().run(),
  },
  ...([2, 3, 4] as const).map(
    (level): Tool => ({
      label: `Heading ${level}`,
      text: `H${level}`,
      shortcut: `Ctrl+Alt+${level}`,
      active: (e) => e.isActive('heading', { level }),
      run: (e) => chain(e).toggleHeading({ level }).run(),
    }),
  ),
  {
    label: 'Bulleted list',
    text: '•',
    shortcut: 'Ctrl+Shift+8',
    active: (e) => e.isActive('bulletList'),
    run: (e) => chain(e).toggleBulletList().run(),
  },
  {
    label: 'Numbered list',
    text: '1.',
    shortcut: 'Ctrl+Shift+7',
    active: (e) => e.isActive('orderedList'),
    run: (e) => chain(e).toggleOrderedList().run(),
  },
  {
    label: 'Task list',
    text: '☑',
    shortcut: 'Ctrl+Shift+9',
    active: (e) => e.isActive('taskList'),
    run: (e) => chain(e).toggleTaskList().run(),
  },
  {
    label: 'Quote',
    text: '❝',
    shortcut: 'Ctrl+Shift+B',
    active: (e) => e.isActive('blockquote'),
    run: (e) => chain(e).toggleBlockquote().run(),
  },
  {
    label: 'Code block',
    text: '{ }',
    shortcut: 'Ctrl+Alt+C',
    active: (e) => e.isActive('codeBlock'),
    run: (e) => chain(e).toggleCodeBlock().run(),
  },
  { label: 'Divider', text: '—', run: (e) => chain(e).setHorizontalRule().run() },
  {
    label: 'Link',
    text: 'Link',
    shortcut: 'Ctrl+K',
    active: (e) => e.isActive('link'),
    run: (e) => {
      if (e.isActive('link')) return void chain(e).unsetLink().run();
      const href = window.prompt('Link address (https://…)', 'https://');
      if (href && /^https?:\/\/\S+$/i.test(href.trim()))
        chain(e).extendMarkRange('link').setLink({ href: href.trim() }).run();
    },
  },
];

export function EditorToolbar(props: {
  editor: Editor | undefined;
  /** Changes on every editor transaction, so pressed states are read again. */
  revision: number;
  disabled: boolean;
  onImage(file: File): void;
}): JSX.Element {
  let picker!: HTMLInputElement;
  let bar!: HTMLDivElement;
  // The button that holds the bar's one Tab stop: the last one used.
  const [current, setCurrent] = createSignal(0);
  const buttons = () => [...bar.querySelectorAll<HTMLButtonElement>('button.tool')];
  const onKeyDown = (event: KeyboardEvent) => {
    const list = buttons();
    const at = list.indexOf(event.target as HTMLButtonElement);
    const next = at < 0 ? null : nextToolIndex(event.key, at, list.length);
    if (next === null) return;
    event.preventDefault();
    setCurrent(next);
    list[next]?.focus();
  };
  const stop = (index: number) => (index === current() ? 0 : -1);
  const pressed = (tool: Tool) => {
    void props.revision;
    const editor = props.editor;
    return tool.active && editor ? tool.active(editor) : undefined;
  };
  return (
    <div class="editor-toolbar" role="toolbar" aria-label="Formatting" ref={bar} onKeyDown={onKeyDown}>
      <For each={TOOLS}>
        {(tool, index) => (
          <button
            type="button"
            class="tool"
            tabindex={stop(index())}
            onFocus={() => setCurrent(index())}
            aria-label={tool.label}
            title={tool.shortcut ? `${tool.label} (${tool.shortcut})` : tool.label}
            aria-pressed={tool.active ? (pressed(tool) ? 'true' : 'false') : undefined}
            disabled={props.disabled || !props.editor}
            onClick={() => props.editor && tool.run(props.editor)}
          >
            {tool.text}
          </button>
        )}
      </For>
      <button
        type="button"
        class="tool"
        tabindex={stop(TOOLS.length)}
        onFocus={() => setCurrent(TOOLS.length)}
        aria-label="Image"
        title="Image (kept on this device until you are online)"
        disabled={props.disabled || !props.editor}
        onClick={() => picker.click()}
      >
        Image
      </button>
      <input
        ref={picker}
        type="file"
        accept="image/png,image/jpeg,image/webp,image/gif"
        class="sr-only"
        tabindex="-1"
        aria-label="Image file"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) props.onImage(file);
        }}
      />
    </div>
  );
}
