/**
 * The draft's fields besides the body — title, excerpt, tags, series and part, cover — each bound to the
 * same Yjs document as the body, so co-authors edit them together.
 */
import { createSignal, type JSX, onCleanup, onMount, Show } from 'solid-js';
import type * as Y from 'yjs';
import { DRAFT_LIMITS, draftFields } from '../../../shared/src/drafts/draft-doc.ts';
import { bindMeta, bindTags, bindText } from './field-bindings.ts';
import { localImageId } from './local-images.ts';

const text = (value: string) => value.trim().slice(0, DRAFT_LIMITS.seriesTitleMax) || null;
const part = (value: string) => {
  const n = Number.parseInt(value, 10);
  return Number.isInteger(n) && n >= 1 && n <= DRAFT_LIMITS.partMax ? n : null;
};
const coverUrl = (value: string) => {
  const v = value.trim();
  return /^(https?:\/\/|\/media\/|local:)\S+$/i.test(v) ? v : null;
};

export function DraftFields(props: {
  doc: Y.Doc;
  editable: boolean;
  keepImage(file: File): Promise<string>;
  onProblem(message: string): void;
}): JSX.Element {
  const fields = draftFields(props.doc);
  let title!: HTMLInputElement;
  let excerpt!: HTMLTextAreaElement;
  let tags!: HTMLInputElement;
  let series!: HTMLInputElement;
  let partField!: HTMLInputElement;
  let cover!: HTMLInputElement;
  const [coverLocal, setCoverLocal] = createSignal(false);

  onMount(() => {
    const disposers = [
      bindText(fields.title, title),
      bindText(fields.excerpt, excerpt),
      bindTags(fields.tags, tags, DRAFT_LIMITS.tagsMax),
      bindMeta(fields.meta, 'series', series, text),
      bindMeta(fields.meta, 'part', partField, part),
      bindMeta(fields.meta, 'cover', cover, coverUrl),
    ];
    const showCover = () => setCoverLocal(localImageId(fields.meta.get('cover')) !== null);
    showCover();
    fields.meta.observe(showCover);
    onCleanup(() => {
      for (const dispose of disposers) dispose();
      fields.meta.unobserve(showCover);
    });
  });

  async function uploadCover(file: File) {
    try {
      fields.meta.set('cover', await props.keepImage(file));
    } catch (error) {
      props.onProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div class="draft-fields">
      <label class="title-field">
        <span class="sr-only">Title</span>
        <input
          ref={title}
          name="title"
          class="draft-title"
          placeholder="Title"
          aria-label="Title"
          maxlength={DRAFT_LIMITS.titleMax}
          readOnly={!props.editable}
          autocomplete="off"
        />
      </label>
      <details class="draft-details">
        <summary>Excerpt, tags, series and cover</summary>
        <div class="field">
          <label for="draft-excerpt">Excerpt</label>
          <textarea
            id="draft-excerpt"
            ref={excerpt}
            rows="2"
            maxlength={DRAFT_LIMITS.excerptMax}
            placeholder="Taken from the first paragraph unless you write one"
            readOnly={!props.editable}
          />
        </div>
        <div class="field">
          <label for="draft-tags">Tags</label>
          <input
            id="draft-tags"
            ref={tags}
            placeholder="caching, databases"
            aria-describedby="draft-tags-hint"
            readOnly={!props.editable}
            autocomplete="off"
          />
          <p id="draft-tags-hint" class="muted small">
            Up to {DRAFT_LIMITS.tagsMax}, separated by commas.
          </p>
        </div>
        <div class="field-row">
          <div class="field">
            <label for="draft-series">Series</label>
            <input id="draft-series" ref={series} placeholder="None" readOnly={!props.editable} autocomplete="off" />
          </div>
          <div class="field field-narrow">
            <label for="draft-part">Part</label>
            <input
              id="draft-part"
              ref={partField}
              type="number"
              min="1"
              max={DRAFT_LIMITS.partMax}
              readOnly={!props.editable}
            />
          </div>
        </div>
        <div class="field">
          <label for="draft-cover">Cover image</label>
          <input
            id="draft-cover"
            ref={cover}
            placeholder="https://… or upload one"
            readOnly={!props.editable}
            autocomplete="off"
          />
          <Show when={coverLocal()}>
            <p class="muted small">The cover is kept on this device and uploads when you are online.</p>
          </Show>
          <label class="button button-secondary small-button">
            Upload cover
            <input
              type="file"
              class="sr-only"
              accept="image/png,image/jpeg,image/webp,image/gif"
              disabled={!props.editable}
              onChange={(event) => {
                const file = event.currentTarget.files?.[0];
                event.currentTarget.value = '';
                if (file) void uploadCover(file);
              }}
            />
          </label>
        </div>
      </details>
    </div>
  );
}
