/** The series a post belongs to: every part, the current one marked, previous/next links. */
import { For, type JSX, Show } from 'solid-js';
import type { Series } from '../../../shared/src/model/catalog.ts';

export function SeriesBox(props: { series: Series; currentSlug: string; children?: JSX.Element }): JSX.Element {
  const parts = () => [...props.series.parts].sort((a, b) => a.part - b.part);
  const index = () => parts().findIndex((p) => p.slug === props.currentSlug);
  const prev = () => (index() > 0 ? parts()[index() - 1] : undefined);
  const next = () => (index() >= 0 ? parts()[index() + 1] : undefined);
  const headingId = () => `series-${props.series.slug}`;
  return (
    <nav class="series-box" aria-labelledby={headingId()}>
      <h2 id={headingId()}>
        Series: <a href={`/series/${encodeURIComponent(props.series.slug)}`}>{props.series.title}</a>
      </h2>
      <Show when={index() >= 0}>
        <p class="muted small">
          Part {index() + 1} of {parts().length}
        </p>
      </Show>
      <ol class="series-parts">
        <For each={parts()}>
          {(part) => (
            <li>
              <a
                href={`/p/${encodeURIComponent(part.slug)}`}
                aria-current={part.slug === props.currentSlug ? 'page' : undefined}
              >
                {part.title}
              </a>
            </li>
          )}
        </For>
      </ol>
      <div class="series-nav">
        <Show when={prev()}>
          {(p) => (
            <a class="series-prev" href={`/p/${encodeURIComponent(p().slug)}`}>
              <span aria-hidden="true">← </span>Previous: {p().title}
            </a>
          )}
        </Show>
        <Show when={next()}>
          {(n) => (
            <a class="series-next" href={`/p/${encodeURIComponent(n().slug)}`}>
              Next: {n().title}
              <span aria-hidden="true"> →</span>
            </a>
          )}
        </Show>
      </div>
      {props.children}
    </nav>
  );
}
