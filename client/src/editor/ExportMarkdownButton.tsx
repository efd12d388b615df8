/** A button that saves the draft as a Markdown file (see export-markdown.ts), for the editor's toolbar or menu. */
import { createSignal, type JSX, Show } from 'solid-js';
import type * as Y from 'yjs';
import { exportDraftAsMarkdown } from './export-markdown.ts';

export function ExportMarkdownButton(props: { doc: Y.Doc; class?: string }): JSX.Element {
  const [error, setError] = createSignal<string | null>(null);
  const run = () => {
    setError(null);
    try {
      exportDraftAsMarkdown(props.doc);
    } catch (caught) {
      setError(`The draft could not be exported: ${caught instanceof Error ? caught.message : String(caught)}`);
    }
  };
  return (
    <>
      <button type="button" class={props.class ?? 'button button-secondary'} onClick={run}>
        Export as Markdown
      </button>
      <Show when={error()}>
        <span role="alert" class="field-error">
          {error()}
        </span>
      </Show>
    </>
  );
}
