/**
 * Settings → "Your writing": export everything as a zip, and import Markdown files (or a zip of them) as
 * new drafts, with links to open them. Both need a connection and say so when there is none.
 */
import { createSignal, For, type JSX, Show } from 'solid-js';
import type { DraftSummary } from '../../../shared/src/drafts/drafts-api.ts';
import { createOnlineAction } from '../state/online-action.ts';
import { draftArchive, exportFileName } from '../store/draft-archive.ts';
import { ErrorLine } from '../ui/Basics.tsx';
import { count } from '../ui/format.ts';
import { saveFile } from '../ui/save-file.ts';

export function YourWriting(): JSX.Element {
  return (
    <section aria-labelledby="your-writing">
      <h2 id="your-writing">Your writing</h2>
      <ExportAll />
      <ImportDrafts />
    </section>
  );
}

function ExportAll(): JSX.Element {
  const action = createOnlineAction("You're offline. Exporting needs a connection; try again once you're back online.");
  const { busy, error } = action;
  const [done, setDone] = createSignal('');

  const run = () => {
    setDone('');
    const name = exportFileName(new Date());
    return action.run(
      () => draftArchive().exportAll(),
      (zip) => {
        saveFile(zip, name);
        setDone(`Saved ${name}.`);
      },
      (message) => `The export did not finish: ${message}`,
    );
  };

  return (
    <div class="writing-export" aria-busy={busy()}>
      <p class="muted small">
        Your published posts and drafts as Markdown files, and whom you follow and your reading list as JSON, in one
        zip.
      </p>
      <button type="button" class="button button-secondary" disabled={busy()} onClick={() => void run()}>
        {busy() ? 'Preparing your export…' : 'Export everything'}
      </button>
      <p role="status" class="small">
        {done()}
      </p>
      <ErrorLine message={error()} />
    </div>
  );
}

function ImportDrafts(): JSX.Element {
  const action = createOnlineAction("You're offline. Importing needs a connection; try again once you're back online.");
  const { error } = action;
  const [busyWith, setBusyWith] = createSignal<string | null>(null);
  const [created, setCreated] = createSignal<DraftSummary[] | null>(null);

  const run = async (file: File) => {
    setCreated(null);
    setBusyWith(file.name);
    await action.run(
      () => draftArchive().importFile(file),
      setCreated,
      (message) => `${file.name} was not imported: ${message}`,
    );
    setBusyWith(null);
  };

  const onFile = (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (file) void run(file);
  };

  return (
    <div class="writing-import" aria-busy={busyWith() !== null}>
      <h3>Import</h3>
      <input
        id="import-file"
        class="visually-hidden-file"
        type="file"
        accept=".zip,.md,.markdown,application/zip,text/markdown"
        disabled={busyWith() !== null}
        aria-describedby="import-hint"
        onChange={(event) => onFile(event.currentTarget)}
      />
      <label class="button button-secondary" for="import-file">
        Import Markdown…
      </label>
      <p id="import-hint" class="hint muted small">
        A Markdown (.md) file or a .zip of them — an export from here works — up to 10 MB. Each file becomes a new
        draft; front matter (title, tags, series, part, excerpt) fills in its details.
      </p>
      <p role="status" class="small">
        <Show when={busyWith()}>{(name) => `Importing ${name()}…`}</Show>
        <Show when={created()}>{(drafts) => `Created ${count(drafts().length, 'draft')}.`}</Show>
      </p>
      <Show when={created()?.length}>
        <ul class="imported-drafts">
          <For each={created()}>
            {(draft) => (
              <li>
                <a href={`/write/${encodeURIComponent(draft.id)}`}>{draft.title || 'Untitled draft'}</a>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <ErrorLine message={error()} />
    </div>
  );
}
