/**
 * Settings → "Your writing": export everything as a zip, and import Markdown files (or a zip of them) as
 * new drafts, with links to open them. Both need a connection and say so when there is none.
 */
import { createSignal, For, type JSX, Show } from 'solid-js';
import type { DraftSummary } from '../../../shared/src/drafts/drafts-api.ts';
import { isOnline } from '../state/online.ts';
import { draftArchive, exportFileName } from '../store/draft-archive.ts';
import { count } from '../ui/format.ts';
import { saveFile } from '../ui/save-file.ts';

const messageOf = (caught: unknown) => (caught instanceof Error ? caught.message : String(caught));

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
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);

  const run = async () => {
    setError(null);
    setDone('');
    if (!isOnline()) {
      setError("You're offline. Exporting needs a connection; try again once you're back online.");
      return;
    }
    setBusy(true);
    try {
      const name = exportFileName(new Date());
      saveFile(await draftArchive().exportAll(), name);
      setDone(`Saved ${name}.`);
    } catch (caught) {
      setError(`The export did not finish: ${messageOf(caught)}`);
    } finally {
      setBusy(false);
    }
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
      <Show when={error()}>
        <p role="alert" class="field-error">
          {error()}
        </p>
      </Show>
    </div>
  );
}

function ImportDrafts(): JSX.Element {
  const [busyWith, setBusyWith] = createSignal<string | null>(null);
  const [created, setCreated] = createSignal<DraftSummary[] | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  const run = async (file: File) => {
    setError(null);
    setCreated(null);
    if (!isOnline()) {
      setError("You're offline. Importing needs a connection; try again once you're back online.");
      return;
    }
    setBusyWith(file.name);
    try {
      setCreated(await draftArchive().importFile(file));
    } catch (caught) {
      setError(`${file.name} was not imported: ${messageOf(caught)}`);
    } finally {
      setBusyWith(null);
    }
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
      <Show when={error()}>
        <p role="alert" class="field-error">
          {error()}
        </p>
      </Show>
    </div>
  );
}
